import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { genreBoxes, MIN_BOX_RATINGS, renderRatingsByGenre } from '../../build/charts/ratingsByGenre.ts';
import { EVIL, ratingCounts } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('ratings by genre: golden, accessible, escaped', () => {
  const chart = renderRatingsByGenre(ratingCounts, { scale: { min: 1, max: 5 } });
  assertStandaloneChart(chart, 'ratings-by-genre');
  assertEscapedText(chart, EVIL);
  assertGolden('ratings-by-genre', chart.svg);
});

test('ratings by genre: quartiles from counts match the expanded ratings (d3.quantile / R-7)', () => {
  // Drama expanded: 1,3,3,4,4,4,4,4,5,5,5,5,5,5 (n=14): q1 at h=3.25 → 4, median h=6.5 → 4, q3 h=9.75 → 5.
  const drama = genreBoxes(ratingCounts).boxes.find((b) => b.genre === 'Drama')!;
  assert.equal([drama.n, drama.q1, drama.median, drama.q3], [14, 4, 4, 5]);
  assert.is(drama.mean, (1 + 6 + 20 + 30) / 14);
  // IQR 1 → fences 2.5 and 6.5: the 1 is an outlier and the low whisker stops at 3.
  assert.is(drama.low, 3);
  assert.ok(genreBoxes(ratingCounts).outliers.some((o) => o.genre === 'Drama' && o.value === 1));
  // Sci-Fi: 2,3,3,3,3,4,4,4,4 → median 3, q1 3, q3 4.
  const scifi = genreBoxes(ratingCounts).boxes.find((b) => b.genre === 'Sci-Fi')!;
  assert.equal([scifi.q1, scifi.median, scifi.q3], [3, 3, 4]);
});

test('ratings by genre: a genre with fewer than MIN_BOX_RATINGS ratings is points below the boxes, never ranked among them; every row names its n', () => {
  // a two-rating genre whose median (5) would top the ranking if it were boxed
  const rows = [...ratingCounts, { genre: 'Tiny', value: 5, count: 2 }];
  const { boxes, outliers } = genreBoxes(rows);
  assert.equal(
    boxes.map((b) => [b.genre, b.boxed]),
    [['Drama', true], ['Crime', true], ['Sci-Fi', true], ['Fantasy', true], [EVIL, false], ['Tiny', false]],
  );
  assert.is(MIN_BOX_RATINGS, 5);
  assert.not.ok(outliers.some((o) => o.genre === 'Tiny' || o.genre === EVIL), 'no outliers without a box');
  const chart = renderRatingsByGenre(rows, { scale: { min: 1, max: 5 } });
  const doc = parseSvg(chart.svg);
  assert.is(doc.querySelectorAll('g[aria-label="bar"] rect').length, 4, 'four boxes');
  const ticks = Array.from(doc.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
  assert.ok(ticks.includes('Drama (n=14)') && ticks.includes('Tiny (n=2)'), ticks.join(' | '));
  const pointTitles = Array.from(doc.querySelectorAll('title')).map((t) => t.textContent);
  assert.ok(pointTitles.includes('Tiny: 2 ratings of 5'), pointTitles.join(' | '));
  assert.match(chart.description, /2 genres have fewer than 5 ratings, too few for quartiles: their ratings are drawn as points below the boxes \(.*Tiny, n=2\)\./);
  assert.match(chart.csv, /^Tiny,2,5,5,5,5,5,5,points$/m);
});

test('ratings by genre: empty input', () => {
  const chart = renderRatingsByGenre([], { scale: { min: 1, max: 5 } });
  assertStandaloneChart(chart, 'ratings-by-genre');
  assert.match(chart.svg, /No ratings in this data/);
});

test.run();
