import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTitleSimilarity } from '../../build/charts/titleSimilarity.ts';
import { EVIL_ATTR, similarityCells, similarityTitles } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('title similarity: golden, accessible, escaped', () => {
  const chart = renderTitleSimilarity(similarityTitles, similarityCells);
  const doc = assertStandaloneChart(chart, 'title-similarity');
  assert.is(doc.querySelectorAll('g[aria-label="cell"] rect').length, 25);
  assert.not.ok(chart.svg.includes(EVIL_ATTR));
  assertGolden('title-similarity', chart.svg);
});

test('title similarity: ordered by primary genre so clusters sit together', () => {
  const chart = renderTitleSimilarity(similarityTitles, similarityCells);
  const ticks = Array.from(parseSvg(chart.svg).querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent ?? '');
  // The genre is the coloured square before each label; its <title> says "<name>: <genre>".
  const markers = Array.from(parseSvg(chart.svg).querySelectorAll('g[aria-label="dot"]'))[0];
  const genres = Array.from(markers.querySelectorAll('title')).map((t) => (t.textContent ?? '').split(': ').pop());
  // Sorted by genre name: "<script>…" ("<" sorts before letters), Crime ×2, Sci-Fi ×2.
  assert.equal(ticks.length, 5);
  assert.equal(genres.slice(1), ['Crime', 'Crime', 'Sci-Fi', 'Sci-Fi']);
  assert.match(chart.description, /Most similar pairs: Stranger Things – Dark 0.74; Money Heist – Breaking Bad 0.66/);
});

test('title similarity: empty input', () => {
  assertStandaloneChart(renderTitleSimilarity([], []), 'title-similarity');
});

test.run();
