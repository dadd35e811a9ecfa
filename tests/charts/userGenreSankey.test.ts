import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderUserGenreSankey } from '../../build/charts/userGenreSankey.ts';
import { EVIL, userGenreFlows } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('sankey: golden, accessible, escaped', () => {
  const chart = renderUserGenreSankey(userGenreFlows);
  assertStandaloneChart(chart, 'user-genre-sankey');
  assertEscapedText(chart, EVIL);
  assertGolden('user-genre-sankey', chart.svg);
});

test('sankey: one link per affinity, link widths proportional to the affinities', () => {
  const chart = renderUserGenreSankey(userGenreFlows);
  const paths = Array.from(parseSvg(chart.svg).querySelectorAll('path'));
  assert.is(paths.length, userGenreFlows.length);
  const width = (who: string, genre: string): number =>
    Number(paths.find((p) => p.querySelector('title')?.textContent?.startsWith(`${who} → ${genre}:`))?.getAttribute('stroke-width'));
  // 0.5 vs 0.2 for User 101 → 2.5×, within rounding.
  assert.ok(Math.abs(width('User 101', 'Drama') / width('User 101', 'Sci-Fi') - 2.5) < 0.02);
  assert.match(chart.description, /User 102 → Sci-Fi 70%/);
});

test('sankey: does not mutate its input rows', () => {
  const copy = JSON.parse(JSON.stringify(userGenreFlows));
  renderUserGenreSankey(userGenreFlows);
  assert.equal(userGenreFlows, copy);
});

test('sankey: empty and all-zero input', () => {
  assertStandaloneChart(renderUserGenreSankey([]), 'user-genre-sankey');
  assertStandaloneChart(renderUserGenreSankey([{ userId: '1', userLabel: 'User 1', genre: 'Drama', affinity: 0 }]), 'user-genre-sankey');
});

test.run();
