import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderUserAffinity } from '../../build/charts/userAffinity.ts';
import { EVIL, userAffinity } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { genreColoursByVolume } from '../../build/charts/genreColours.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('user affinity: golden, accessible, escaped', () => {
  const chart = renderUserAffinity(userAffinity, { userLabel: 'User 101' });
  assertStandaloneChart(chart, 'user-affinity');
  assertEscapedText(chart, EVIL);
  assertGolden('user-affinity', chart.svg);
});

test('user affinity: bars strongest first, zero genres left out, lengths proportional', () => {
  const chart = renderUserAffinity(userAffinity, { userLabel: 'User 101' });
  const rects = Array.from(parseSvg(chart.svg).querySelectorAll('rect')).map((r) => Number(r.getAttribute('width')));
  assert.is(rects.length, 4);
  assert.ok(Math.abs(rects[0] / rects[1] - 0.45 / 0.3) < 0.01);
  assert.match(chart.description, /Largest shares: Drama \(45%\), Crime \(30%\)/);
  assert.not.ok(chart.csv.includes('Fantasy'));
});

test("user affinity: the user's own largest shares are named bars even when the site has no hue for them", () => {
  // a site of nine genres: Film-Noir, the ninth by volume, has no hue of its own
  const site = genreColoursByVolume(['Drama', 'Comedy', 'Action', 'Thriller', 'Romance', 'Crime', 'Horror', 'Sci-Fi', 'Film-Noir'].map((g, i) => [g, 100 - i] as const));
  assert.not.ok(site.isLeading('Film-Noir'));
  const rows = [
    { genre: 'Film-Noir', affinity: 0.5 },
    { genre: 'Drama', affinity: 0.3 },
    { genre: 'Horror', affinity: 0.2 },
  ];
  const chart = renderUserAffinity(rows, { userLabel: 'User 3', colours: site });
  const labels = Array.from(parseSvg(chart.svg).querySelectorAll('text')).map((t) => t.textContent);
  assert.ok(labels.includes('Film-Noir'), 'the largest share is named, not folded into "Other genres"');
  assert.not.ok(labels.includes('Other genres'));
  assert.match(chart.description, /Largest shares: Film-Noir \(50%\)/);
});

test('user affinity: a user without ratings', () => {
  const chart = renderUserAffinity([], { userLabel: 'User 9' });
  assertStandaloneChart(chart, 'user-affinity');
  assert.match(chart.svg, /User 9 has no ratings/);
});

test.run();
