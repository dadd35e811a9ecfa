// Demand against supply by genre: each genre's share of viewing sessions beside its share of the
// catalogue, a line between them, genres ordered by the gap. It is the chart behind the
// acquisition-gap sentences and strategy item (issue 11: their "See the chart" went to the
// strip plot of sessions per title, which shows neither share). Shares split a title listed
// under several genres equally between them, as the facts do (insights/tally.ts genreWeights),
// so the chart and the prose give the same figures.

import * as Plot from '@observablehq/plot';
import { isGenre } from '../data/movielens.ts';
import { addTo, genreWeights } from '../insights/tally.ts';
import type { Dataset } from '../types.ts';
import { Plays } from '../util/plays.ts';
import { toCsv } from '../util/csv.ts';
import { formatPercent, formatShare, formatPoints, maxOf, plural, pointsFigure, printedGap } from '../util/numbers.ts';
import { emptyChart, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { ACCENT } from './palette.ts';

export const GENRE_DEMAND_ID = 'genre-demand';

export interface GenreDemandRow {
  genre: string;
  /** Share of viewing sessions (0–1). */
  viewingShare: number;
  /** Share of the catalogue's titles (0–1). */
  catalogShare: number;
}

/** Every genre's viewing and catalogue shares (MovieLens' "(no genres listed)" is no genre). */
export function genreDemandRows(dataset: Dataset): GenreDemandRow[] {
  const sessions = dataset.sessions ?? Plays.empty;
  const titleById = new Map(dataset.titles.map((t) => [t.id, t]));
  // each dictionary title's genre weights, looked up once; still added play by play, in order
  const weightsOf = sessions.titleIds.map((id) => genreWeights(titleById.get(id)));
  const viewing = new Map<string, number>();
  for (let i = 0; i < sessions.length; i++) for (const [g, w] of weightsOf[sessions.title[i]]) addTo(viewing, g, w);
  const catalog = new Map<string, number>();
  for (const t of dataset.titles) for (const [g, w] of genreWeights(t)) addTo(catalog, g, w);
  const genres = [...new Set([...catalog.keys(), ...viewing.keys()])].filter(isGenre);
  return genres.map((genre) => ({
    genre,
    viewingShare: sessions.length ? (viewing.get(genre) ?? 0) / sessions.length : 0,
    catalogShare: dataset.titles.length ? (catalog.get(genre) ?? 0) / dataset.titles.length : 0,
  }));
}

/** Genres drawn: all up to this many; beyond, the largest gaps each way (the CSV keeps all). */
export const MAX_DEMAND_GENRES = 16;
/** Genre names longer than this are cut (the full name is in the dot's tooltip and the description). */
const MAX_LABEL_CHARS = 26;
/** Average width of an 11 px label character, an upper bound for the site's font, for the left margin. */
const LABEL_CHAR_WIDTH = 6.3;

const gapOf = (r: GenreDemandRow): number => r.viewingShare - r.catalogShare;
/** The gap as the printed shares give it (labels and caption sit beside those shares). */
const shownGap = (r: GenreDemandRow): number => printedGap(r.viewingShare, r.catalogShare);
// ordered by the gap as printed in the points column, then by the exact gap: a row printed −6
// never sits above one printed −5 (the facts rank the same way: build/insights/viewingFacts.ts)
const byGap = (a: GenreDemandRow, b: GenreDemandRow): number =>
  shownGap(b) - shownGap(a) || gapOf(b) - gapOf(a) || (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0);

export function renderGenreDemand(rows: GenreDemandRow[], options: { width?: number } = {}): Chart {
  const id = GENRE_DEMAND_ID;
  const title = 'Viewing against the catalogue, by genre';
  const sorted = [...rows].sort(byGap);
  const csv = toCsv(sorted, [
    { name: 'genre', value: (r) => r.genre },
    { name: 'viewing_share', value: (r) => r.viewingShare },
    { name: 'catalog_share', value: (r) => r.catalogShare },
    { name: 'gap', value: (r) => gapOf(r) },
  ]);
  if (sorted.length === 0 || sorted.every((r) => r.viewingShare === 0)) return emptyChart(id, title, 'No viewing sessions in this data', csv);

  const half = MAX_DEMAND_GENRES / 2;
  const drawn = sorted.length <= MAX_DEMAND_GENRES ? sorted : [...sorted.slice(0, half), ...sorted.slice(-half)];
  const left = drawn.length < sorted.length ? sorted.length - drawn.length : 0;
  const short = (g: string) => (g.length > MAX_LABEL_CHARS ? `${g.slice(0, MAX_LABEL_CHARS - 1)}…` : g);
  const top = maxOf(drawn.map((r) => Math.max(r.viewingShare, r.catalogShare)));
  // a phone's column (≈ 343 px): the genre names, the shares' axis and 44 px for the points.
  // Longer names ("International TV Shows") take their room from the axis, down to 120 px of it,
  // so they are read whole and the points column still shows on a 375 px phone without scrolling.
  const width = options.width ?? 342;
  const marginLeft = Math.min(width - 44 - 120, Math.max(124, Math.ceil(maxOf(drawn.map((r) => short(r.genre).length)) * LABEL_CHAR_WIDTH) + 10));
  const plot = renderPlot({
    width,
    height: 48 + drawn.length * 20,
    marginLeft,
    marginRight: 44,
    marginTop: 34,
    x: { label: 'share →', domain: [0, top * 1.05], tickFormat: (v: number) => formatPercent(v), ticks: 4, grid: true },
    y: { label: null, domain: drawn.map((r) => r.genre), tickFormat: short, tickSize: 0 },
    marks: [
      Plot.link(drawn, { x1: 'catalogShare', x2: 'viewingShare', y1: 'genre', y2: 'genre', stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.dot(drawn, {
        x: 'catalogShare',
        y: 'genre',
        r: 4,
        stroke: 'currentColor',
        fill: 'none',
        title: (r: GenreDemandRow) => `${r.genre}: ${formatShare(r.catalogShare)} of the catalogue`,
      }),
      Plot.dot(drawn, {
        x: 'viewingShare',
        y: 'genre',
        r: 4,
        fill: ACCENT,
        title: (r: GenreDemandRow) => `${r.genre}: ${formatShare(r.viewingShare)} of viewing, ${formatShare(r.catalogShare)} of the catalogue`,
      }),
      Plot.text(drawn, {
        x: () => top * 1.05,
        y: 'genre',
        text: (r: GenreDemandRow) => {
          const text = pointsFigure(Math.abs(shownGap(r)));
          return text === '0' ? '0' : `${shownGap(r) > 0 ? '+' : '−'}${text}`;
        },
        textAnchor: 'start',
        dx: 8,
        fontVariant: 'tabular-nums',
      }),
    ],
  });
  // the key: what a filled and a hollow dot stand for, and the points column
  const key =
    `<g font-size="11" transform="translate(${marginLeft},10)">` +
    `<circle cx="4" cy="0" r="4" fill="${ACCENT}"/><text x="12" y="4">viewing</text>` +
    `<circle cx="70" cy="0" r="4" fill="none" stroke="currentColor"/><text x="78" y="4">catalogue</text>` +
    `<text x="${width - marginLeft - 2}" y="4" text-anchor="end">points</text>` +
    `</g>`;
  const line = (r: GenreDemandRow) => `${r.genre} ${formatShare(r.viewingShare)} of viewing, ${formatShare(r.catalogShare)} of titles`;
  const description =
    `Each genre's share of viewing sessions (filled dot) beside its share of the catalogue (hollow dot), ordered from the genre watched most above its stock to the one stocked most above its viewing; ` +
    `the right column is the gap in percentage points. ${drawn.map(line).join('; ')}.` +
    (left ? ` ${plural(left, 'genre')} with smaller gaps ${left === 1 ? 'is' : 'are'} in the CSV only.` : '');
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height, body: key + plot.body });
  const most = sorted[0];
  const least = sorted[sorted.length - 1];
  const caption =
    gapOf(most) > 0
      ? `${most.genre} takes ${formatShare(most.viewingShare)} of viewing but holds ${formatShare(most.catalogShare)} of the titles, ${formatPoints(shownGap(most))} more` +
        (gapOf(least) < 0 ? `; ${least.genre} is stocked ${formatPoints(-shownGap(least))} above what it is watched.` : '.')
      : 'Every genre is watched in proportion to its share of the catalogue, or less.';
  return { id, title, description, caption, svg, csv };
}

export const genreDemandChart: ReportChartDescriptor = {
  id: GENRE_DEMAND_ID,
  title: 'Genre demand against supply',
  scope: 'report',
  needs: 'sessions',
  facts: [
    'top_genre', 'top_genre_share', 'genres_by_viewing', 'genre.*.viewing_share', 'genre.*.viewing_gap',
    'acquisition_gap', 'acquisition_gap_genre', 'acquisition_gap_viewing_share', 'acquisition_gap_catalog_share', 'oversupplied_genre', 'oversupplied_gap',
  ],
  render: ({ dataset }) => renderGenreDemand(genreDemandRows(dataset)),
};
