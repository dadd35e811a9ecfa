import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderUserAffinity } from '../../build/charts/userAffinity.ts';
import { EVIL, userAffinity } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
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
  assert.match(chart.description, /Top genres: Drama \(45%\), Crime \(30%\)/);
  assert.not.ok(chart.csv.includes('Fantasy'));
});

test('user affinity: a user without ratings', () => {
  const chart = renderUserAffinity([], { userLabel: 'User 9' });
  assertStandaloneChart(chart, 'user-affinity');
  assert.match(chart.svg, /User 9 has no ratings/);
});

test.run();
