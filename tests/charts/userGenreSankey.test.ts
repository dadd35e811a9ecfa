import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderUserGenreSankey } from '../../build/charts/userGenreSankey.ts';
import { OTHER_GENRES_LABEL, genreColoursByVolume } from '../../build/charts/genreColours.ts';
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

/** The labels of one side, top to bottom: [label, y]. */
function column(svg: string, anchor: 'start' | 'end'): [string, number][] {
  return Array.from(parseSvg(svg).querySelectorAll(`text[text-anchor="${anchor}"]`))
    .map((t): [string, number] => [t.textContent ?? '', Number(t.getAttribute('y'))])
    .sort((a, b) => a[1] - b[1]);
}

test('sankey: users grouped by their strongest genre in the right column\'s order, by numeric id inside a group', () => {
  const flow = (userId: string, genre: string, affinity: number) => ({ userId, userLabel: `User ${userId}`, genre, affinity });
  const rows = [
    flow('1030', 'Comedy', 0.6), flow('1030', 'Drama', 0.4),
    flow('103', 'Drama', 0.9), flow('103', 'Comedy', 0.1),
    flow('1029', 'Comedy', 0.7), flow('1029', 'Drama', 0.3),
    flow('99', 'Drama', 0.55), flow('99', 'Horror', 0.45),
    flow('5', 'Horror', 1),
  ];
  const chart = renderUserGenreSankey(rows);
  // right column: genres by total flow (Drama 2.15, Comedy 1.4, Horror 1.45 → Drama, Horror, Comedy)
  assert.equal(column(chart.svg, 'start').map(([g]) => g), ['Drama', 'Horror', 'Comedy']);
  assert.equal(column(chart.svg, 'end').map(([u]) => u), ['User 99', 'User 103', 'User 5', 'User 1029', 'User 1030']);
  assert.match(chart.description, /grouped by their strongest genre/);
});

test('sankey: a user whose widest flow is the Other group is grouped by their strongest named genre', () => {
  const colours = genreColoursByVolume(['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9'].map((g, i) => [g, 20 - i] as const));
  const flow = (userId: string, genre: string, affinity: number) => ({ userId, userLabel: `User ${userId}`, genre, affinity });
  const rows = [flow('2', 'G0', 0.1), flow('2', 'G8', 0.5), flow('2', 'G9', 0.4), flow('10', 'G0', 0.6), flow('10', 'G1', 0.4), flow('3', 'G1', 0.7), flow('3', 'G0', 0.3)];
  const chart = renderUserGenreSankey(rows, { colours });
  assert.equal(column(chart.svg, 'start').map(([g]) => g), ['G0', 'G1', OTHER_GENRES_LABEL]);
  // with many genres the merged Other flow is the widest for nearly everyone: grouping by it
  // grouped no one (Netflix); User 2's strongest named genre is G0
  assert.equal(column(chart.svg, 'end').map(([u]) => u), ['User 2', 'User 10', 'User 3']);
  assert.match(chart.caption!, /Users are grouped by their strongest genre\./);
  // the caption still names each user's strongest real genre
  assert.match(chart.description, /User 2 → G0 10%/);
});

test('sankey: on the left every user\'s widest flow crosses no other group\'s widest flow', () => {
  const chart = renderUserGenreSankey(userGenreFlows);
  const genres = column(chart.svg, 'start').map(([g]) => g);
  const users = column(chart.svg, 'end').map(([u]) => u);
  const strongest = users.map((u) => {
    const mine = userGenreFlows.filter((r) => r.userLabel === u).sort((a, b) => b.affinity - a.affinity);
    return genres.indexOf(mine[0].genre); // the fixture's strongest genres are short enough to print whole
  });
  assert.equal(strongest, [...strongest].sort((a, b) => a - b), `strongest genre positions ${strongest}`);
});

test('sankey: labels never overlap and stay inside the chart', () => {
  const many = Array.from({ length: 12 }, (_, i) =>
    ['Drama', 'Comedy', 'Film-Noir', 'International TV Shows', 'Documentaries', 'Thriller', 'Horror', 'Romance', 'Western', 'War', 'Musical'].map((genre, g) => ({
      userId: String(1000 + i * 7),
      userLabel: `User ${1000 + i * 7}`,
      genre,
      affinity: ((i + g) % 5) + 1,
    })),
  ).flat();
  const chart = renderUserGenreSankey(many);
  const width = Number(/viewBox="0 0 (\d+)/.exec(chart.svg)![1]);
  for (const anchor of ['start', 'end'] as const) {
    const labels = column(chart.svg, anchor);
    for (let i = 1; i < labels.length; i++) assert.ok(labels[i][1] - labels[i - 1][1] >= 12, `${labels[i - 1][0]} and ${labels[i][0]} overlap`);
  }
  for (const t of Array.from(parseSvg(chart.svg).querySelectorAll('text[text-anchor]'))) {
    const x = Number(t.getAttribute('x'));
    // 7 px per character of 12 px Inter is an upper bound (≈ 0.58 em on average)
    const w = (t.textContent ?? '').length * 7;
    const [left, right] = t.getAttribute('text-anchor') === 'end' ? [x - w, x] : [x, x + w];
    assert.ok(left >= 0 && right <= width, `"${t.textContent}" runs from ${left} to ${right} in a ${width} px chart`);
  }
});

test.run();
