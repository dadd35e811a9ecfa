import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { genreDemandRows, MAX_DEMAND_GENRES, renderGenreDemand, type GenreDemandRow } from '../../build/charts/genreDemand.ts';
import type { Dataset, Session, Title } from '../../build/types.ts';
import { Plays } from '../../build/util/plays.ts';
import { EVIL } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

const title = (id: string, genres: string[]): Title => ({ id, name: `T${id}`, genres, year: null, durationMin: null, kind: null, description: '', tags: [] });
const play = (titleId: string): Session => ({ userId: '1', titleId, device: 'TV', start: 0, minutes: 30 });

test('genre demand: viewing and catalogue shares split multi-genre titles equally, as the facts do', () => {
  const titles = [title('1', ['Crime']), title('2', ['Crime', 'Drama']), title('3', ['Drama']), title('4', ['Comedy']), title('5', ['(no genres listed)'])];
  const sessions = [play('1'), play('1'), play('2'), play('4')];
  const rows = genreDemandRows({ titles, sessions: Plays.of(sessions) } as unknown as Dataset);
  const by = new Map(rows.map((r) => [r.genre, r]));
  assert.not.ok(by.has('(no genres listed)'), 'no genre');
  assert.is(by.get('Crime')!.viewingShare, 2.5 / 4);
  assert.is(by.get('Crime')!.catalogShare, 1.5 / 5);
  assert.is(by.get('Drama')!.viewingShare, 0.5 / 4);
  assert.is(by.get('Comedy')!.catalogShare, 1 / 5);
});

const rows: GenreDemandRow[] = [
  { genre: 'Crime', viewingShare: 0.4, catalogShare: 0.2 },
  { genre: 'Drama', viewingShare: 0.2, catalogShare: 0.15 },
  { genre: 'Mystery', viewingShare: 0.1, catalogShare: 0.1 },
  { genre: 'Fantasy', viewingShare: 0.09, catalogShare: 0.15 },
  { genre: EVIL, viewingShare: 0.21, catalogShare: 0.4 },
];

test('genre demand: golden, accessible, ordered by gap; the caption gives the acquisition gap in the narrative\'s words', () => {
  const chart = renderGenreDemand(rows);
  const doc = assertStandaloneChart(chart, 'genre-demand');
  const labels = Array.from(doc.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
  assert.equal(labels.slice(0, 4), ['Crime', 'Drama', 'Mystery', 'Fantasy']);
  const gaps = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
  assert.equal(gaps, ['+20', '+5', '0', '−6', '−19']);
  assert.is(chart.caption, `Crime takes 40% of viewing but holds 20% of the titles, 20 percentage points more; ${EVIL} is stocked 19 percentage points above what it is watched.`);
  assert.not.match(chart.svg, '<script>');
  assertGolden('genre-demand', chart.svg);
});

test('genre demand: beyond 16 genres, the largest gaps each way are drawn and the rest are in the CSV', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ genre: `G${String(i).padStart(2, '0')}`, viewingShare: i / 1000, catalogShare: 0.015 }));
  const chart = renderGenreDemand(many);
  const doc = parseSvg(chart.svg);
  assert.is(doc.querySelectorAll('g[aria-label="y-axis tick label"] text').length, MAX_DEMAND_GENRES);
  assert.match(chart.description, '14 genres with smaller gaps are in the CSV only.');
  assert.is(chart.csv.trim().split('\n').length, 31);
});

test('genre demand: no sessions says so', () => {
  const chart = renderGenreDemand([{ genre: 'Crime', viewingShare: 0, catalogShare: 1 }]);
  assert.match(parseSvg(chart.svg).querySelector('text')?.textContent ?? '', /No viewing sessions in this data/);
});

test('genre demand: rows follow the printed gap, and long genre names are read whole', () => {
  // International Movies' exact gap (−5.9) is wider than Dramas' (−5.4), but they print as 7% − 12% = −5 and 6% − 12% = −6
  const rows = [
    { genre: 'International TV Shows', viewingShare: 0.09, catalogShare: 0.06 },
    { genre: 'International Movies', viewingShare: 0.0655, catalogShare: 0.1245 },
    { genre: 'Dramas', viewingShare: 0.0645, catalogShare: 0.1185 },
  ];
  const chart = renderGenreDemand(rows);
  const labels = Array.from(parseSvg(chart.svg).querySelectorAll('text')).map((t) => t.textContent ?? '');
  assert.ok(labels.includes('International TV Shows'), labels.join(' | '));
  const order = labels.filter((t) => rows.some((r) => r.genre === t));
  assert.equal(order, ['International TV Shows', 'International Movies', 'Dramas']);
  assert.match(chart.caption!, /Dramas is stocked 6 percentage points above what it is watched/);
});

test.run();
