import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTitleSimilarity } from '../../build/charts/titleSimilarity.ts';
import { EVIL_ATTR, similarityCells, similarityTitles } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { genreColoursByVolume } from '../../build/charts/genreColours.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('title similarity: golden, accessible, escaped', () => {
  const chart = renderTitleSimilarity(similarityTitles, similarityCells);
  const doc = assertStandaloneChart(chart, 'title-similarity');
  assert.is(doc.querySelectorAll('g[aria-label="cell"] rect').length, 25);
  assert.not.ok(chart.svg.includes(EVIL_ATTR));
  assertGolden('title-similarity', chart.svg);
});

test('title similarity: numbered titles in genre blocks, separated by lines and named beside them; full names in tooltips', () => {
  const chart = renderTitleSimilarity(similarityTitles, similarityCells);
  const doc = parseSvg(chart.svg);
  const texts = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? '');
  // rows sorted by genre name: "<script>…" ("<" sorts before letters), Crime ×2, Sci-Fi ×2
  const rows = texts.filter((t) => /^\d+\. /.test(t));
  assert.equal(rows.slice(1), ['2. Breaking Bad', '3. Money Heist', '4. Dark', '5. Stranger Things']);
  assert.ok(['1', '2', '3', '4', '5'].every((k) => texts.includes(k)), 'columns carry the row numbers, not rotated names');
  assert.ok(texts.includes('Crime') && texts.includes('Sci-Fi'), 'each block is named');
  // two boundaries (after the first title and after the Crime block), each a vertical and a horizontal line
  assert.is(Array.from(doc.querySelectorAll('line')).filter((l) => l.getAttribute('stroke-width') === '1.5').length, 4);
  const tips = Array.from(doc.querySelectorAll('g > title')).map((t) => t.textContent);
  assert.ok(tips.includes('2. Breaking Bad (Crime)'), tips.join(' | '));
  assert.match(chart.description, /in 3 blocks by primary genre \(.*, Crime, Sci-Fi\)/);
  assert.match(chart.description, /Most similar pairs: Stranger Things – Dark 0.74; Money Heist – Breaking Bad 0.66/);
});

test('title similarity: a long title keeps 40 characters in its row, the whole name in its tooltip', () => {
  const long = 'Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)';
  const titles = similarityTitles.map((t, i) => (i === 1 ? { ...t, name: long } : t));
  const doc = parseSvg(renderTitleSimilarity(titles, similarityCells).svg);
  const row = Array.from(doc.querySelectorAll('text')).find((t) => /^\d+\. Raiders/.test(t.textContent!))!;
  assert.ok(row.textContent!.length <= 44, row.textContent!);
  assert.match(row.parentElement!.querySelector('title')!.textContent!, new RegExp(`^\\d+\\. ${long.replace(/[()]/g, '\\$&')} \\(`));
});

test('title similarity: empty input', () => {
  assertStandaloneChart(renderTitleSimilarity([], []), 'title-similarity');
});

test('title similarity: only the blocks without a hue of their own are called grey', () => {
  // nine genres on the site: the ninth by volume (Western) has no hue; Crime and Sci-Fi do
  const colours = genreColoursByVolume(['Crime', 'Sci-Fi', 'Drama', 'Comedy', 'Action', 'Thriller', 'Romance', 'Horror', 'Western'].map((g, i) => [g, 100 - i] as const));
  const titles = [
    { id: 'a', name: 'A', genre: 'Crime' },
    { id: 'b', name: 'B', genre: 'Sci-Fi' },
    { id: 'c', name: 'C', genre: 'Western' },
  ];
  const cells = titles.flatMap((x) => titles.map((y) => ({ a: x.id, b: y.id, similarity: x === y ? 1 : 0.3, coRaters: 5 })));
  const chart = renderTitleSimilarity(titles, cells, { colours });
  assert.match(chart.description, /Other genres \(grey, 1\): Western\./);
  assert.not.match(chart.description, /grey[^.]*Crime/);
});

test('title similarity: the caption names the most alike pair only among pairs at least 3 users rated both', () => {
  const titles = [
    { id: 'a', name: 'A', genre: 'Crime' },
    { id: 'b', name: 'B', genre: 'Crime' },
    { id: 'c', name: 'C', genre: 'Crime' },
  ];
  const sim: Record<string, [number, number]> = { ab: [0.99, 1], ac: [0.5, 4], bc: [0.4, 7] };
  const cells = titles.flatMap((x) => titles.map((y) => {
    const [similarity, coRaters] = x === y ? [1, 9] : sim[[x.id, y.id].sort().join('')];
    return { a: x.id, b: y.id, similarity, coRaters };
  }));
  const chart = renderTitleSimilarity(titles, cells);
  assert.match(chart.caption!, /A and C are the most alike \(cosine 0\.50, 4 users rated both\)/);
});

test.run();
