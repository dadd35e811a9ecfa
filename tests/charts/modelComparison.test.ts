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

test('model comparison: one labelled bar per model × metric; baseline faded in the text colour', () => {
  const chart = renderModelComparison(modelMetrics, { baseline: 'popularity' });
  const doc = parseSvg(chart.svg);
  const bars = Array.from(doc.querySelectorAll('g[aria-label="bar"] rect'));
  assert.is(bars.length, modelMetrics.length);
  const labels = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
  assert.ok(labels.includes('Item-kNN (published) 0.310'));
  assert.ok(bars.some((b) => b.getAttribute('fill') === 'currentColor' && b.getAttribute('fill-opacity') === '0.35'));
  assert.match(chart.description, /Precision@10: Popularity baseline 0.12, Item-kNN \(published\) 0.31/);
});

test('model comparison: no results', () => {
  const chart = renderModelComparison([]);
  assertStandaloneChart(chart, 'model-comparison');
  assert.match(chart.svg, /No evaluation results/);
});

test.run();
