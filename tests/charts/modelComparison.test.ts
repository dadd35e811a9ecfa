import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderModelComparison } from '../../build/charts/modelComparison.ts';
import { EVIL, modelMetrics } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('model comparison: golden, accessible, escaped', () => {
  const chart = renderModelComparison(modelMetrics, { baseline: 'popularity' });
  assertStandaloneChart(chart, 'model-comparison');
  assertEscapedText(chart, EVIL);
  assertGolden('model-comparison', chart.svg);
});

test('model comparison: a bar per model × metric on a fixed 0–1 axis; the baseline a dashed line per panel; values as <title>', () => {
  const chart = renderModelComparison(modelMetrics, { baseline: 'popularity' });
  const doc = parseSvg(chart.svg);
  const bars = Array.from(doc.querySelectorAll('g[aria-label="bar"] rect'));
  assert.is(bars.length, modelMetrics.filter((r) => r.model !== 'popularity').length, 'no bar for the baseline');
  const values = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
  assert.ok(values.includes('0.310'), 'the value at the bar, without the model name');
  assert.not.ok(values.some((v) => v!.includes('Item-kNN')), 'model names are in the legend, not on every bar');
  const rules = Array.from(doc.querySelectorAll('g[aria-label="rule"] line')).filter((l) => l.closest('g')!.getAttribute('stroke-dasharray') === '4,3');
  assert.is(rules.length, 6, 'one dashed baseline per metric');
  const ticks = Array.from(doc.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent);
  assert.is(ticks[ticks.length - 1], '1.0', 'the axis ends at 1, whatever the scores');
  const titles = Array.from(doc.querySelectorAll('g[aria-label="bar"] title')).map((t) => t.textContent);
  assert.ok(titles.includes('Item-kNN (published), Precision@10: 0.310'), titles.join(' | '));
  const legend = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
  assert.ok(legend.includes('Item-kNN (published)') && legend.includes('Popularity baseline, dashed line'), 'the legend names every model once');
  assert.match(chart.description, /Every model scores at or above the baseline on every metric\. Precision@10: Popularity baseline 0\.12, Item-kNN \(published\) 0\.31/);
});

test('model comparison: a model below the baseline is named in the description', () => {
  const rows = modelMetrics.map((r) => (r.model === 'default' && r.metric === 'NDCG@10' ? { ...r, value: 0.1 } : r));
  const chart = renderModelComparison(rows, { baseline: 'popularity' });
  assert.match(chart.description, /Item-kNN \(published\) scores below the baseline on NDCG@10\./);
});

test('model comparison: no results', () => {
  const chart = renderModelComparison([]);
  assertStandaloneChart(chart, 'model-comparison');
  assert.match(chart.svg, /No evaluation results/);
});

test('model comparison: values sit on a halo drawn over the baseline, and the longest metric name has room', () => {
  const rows = modelMetrics.map((r) => (r.metric === 'Genre match' ? { ...r, metric: 'Genre match (true favourites)' } : r));
  const chart = renderModelComparison(rows, { baseline: 'popularity' });
  const doc = parseSvg(chart.svg);
  const groups = Array.from(doc.querySelectorAll('g[aria-label]')).map((g) => g.getAttribute('aria-label'));
  assert.ok(groups.lastIndexOf('text') > groups.indexOf('rule'), `values drawn after the baseline: ${groups.join(', ')}`);
  const values = Array.from(doc.querySelectorAll('g[aria-label="text"] g'));
  assert.ok(values.length > 0);
  for (const g of values) assert.equal([g.getAttribute('stroke'), g.getAttribute('paint-order')], ['var(--bg, #fff)', 'stroke']);
  // 6.5 px a character bounds 11 px Inter; the bars start right of the names
  const barX = Math.min(...Array.from(doc.querySelectorAll('g[aria-label="bar"] rect')).map((r) => Number(r.getAttribute('x'))));
  assert.ok(barX >= 'Genre match (true favourites)'.length * 6.5, `bars start at ${barX}`);
});

test("model comparison: a bar short of the baseline prints its figure past the dashed line, not across it", () => {
  const rows = [
    { model: 'popularity', label: 'Most popular', metric: 'NDCG@10', value: 0.2 },
    { model: 'a', label: 'A', metric: 'NDCG@10', value: 0.05 },
    { model: 'b', label: 'B', metric: 'NDCG@10', value: 0.5 },
  ];
  const doc = parseSvg(renderModelComparison(rows, { baseline: 'popularity' }).svg);
  const line = Number(doc.querySelector('g[aria-label="rule"] line')!.getAttribute('x1'));
  const at = (text: string) => {
    const el = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).find((t) => t.textContent === text)!;
    return Number(/translate\(([\d.]+),/.exec(el.getAttribute('transform')!)![1]);
  };
  assert.ok(at('0.050') >= line, `0.050 at ${at('0.050')}, the line at ${line}`);
  assert.ok(at('0.500') > line);
});

test.run();
