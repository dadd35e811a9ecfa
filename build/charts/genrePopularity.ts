// Strip plot: one dot per title at its number of ratings (or viewing sessions), one row per
// genre, with the genre's median marked. Shows whether a genre's popularity comes from a few
// hits or is broad.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { emptyChart, fmt, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { ACCENT, CATEGORICAL } from './palette.ts';
import { byNumberThenName, median } from './stats.ts';
import { titlePopularityRows } from './reportCharts.ts';

export interface TitlePopularityRow {
  titleId: string;
  title: string;
  /** The title's primary genre. */
  genre: string;
  count: number;
}

export interface GenrePopularityOptions {
  /** What `count` counts, as a plural noun for labels ("ratings", "viewing sessions"). */
  measure: string;
  width?: number;
}

export const GENRE_POPULARITY_ID = 'genre-popularity';
/**
 * Above this many distinct (genre, count) points the dots are binned along x. Each dot is an SVG
 * element built through jsdom (≈ 0.5 ms apiece here), so 2,000 titles as 2,000 dots cost over a
 * second; binned, the chart costs the same at any catalogue size.
 */
const MAX_POINTS = 300;
const BINS = 60;

interface Point {
  genre: string;
  count: number;
  titles: number;
}

/** Titles with the same genre and count share one dot (its area shows how many). */
function toPoints(rows: TitlePopularityRow[]): { points: Point[]; binWidth: number | null } {
  const exact = new Map<string, Point>();
  for (const r of rows) {
    const key = `${r.genre}\u0000${r.count}`;
    const p = exact.get(key);
    if (p) p.titles++;
    else exact.set(key, { genre: r.genre, count: r.count, titles: 1 });
  }
  if (exact.size <= MAX_POINTS) return { points: [...exact.values()], binWidth: null };
  const max = Math.max(...rows.map((r) => r.count));
  const binWidth = Math.max(1, Math.ceil(max / BINS));
  const binned = new Map<string, Point>();
  for (const p of exact.values()) {
    const centre = Math.floor(p.count / binWidth) * binWidth + binWidth / 2;
    const key = `${p.genre}\u0000${centre}`;
    const b = binned.get(key);
    if (b) b.titles += p.titles;
    else binned.set(key, { genre: p.genre, count: centre, titles: p.titles });
  }
  return { points: [...binned.values()], binWidth };
}
const MEDIAN_COLOUR = CATEGORICAL[5];

export function renderGenrePopularity(rows: TitlePopularityRow[], options: GenrePopularityOptions): Chart {
  const id = GENRE_POPULARITY_ID;
  const title = `Popularity of titles by genre (${options.measure} per title)`;
  const csv = toCsv(rows, [
    { name: 'title_id', value: (r) => r.titleId },
    { name: 'title', value: (r) => r.title },
    { name: 'genre', value: (r) => r.genre },
    { name: options.measure.replace(/\s+/g, '_'), value: (r) => r.count },
  ]);
  if (rows.length === 0) return emptyChart(id, title, 'No titles in this data', csv);

  const byGenre = new Map<string, number[]>();
  for (const r of rows) {
    const list = byGenre.get(r.genre);
    if (list) list.push(r.count);
    else byGenre.set(r.genre, [r.count]);
  }
  const genres = [...byGenre.entries()]
    .map(([genre, counts]) => ({ genre, median: median(counts), titles: counts.length, total: counts.reduce((s, c) => s + c, 0) }))
    .sort((a, b) => b.median - a.median || b.total - a.total || (a.genre < b.genre ? -1 : 1));
  const { points, binWidth } = toPoints(rows);
  const maxTitles = Math.max(...points.map((p) => p.titles));
  const width = options.width ?? 640;
  const plot = renderPlot({
    width,
    height: 40 + genres.length * 26,
    marginLeft: 110,
    x: { label: `${options.measure} per title →`, grid: true, nice: true, zero: true },
    // One title is a 4 px dot; a dot standing for more titles grows by area, up to 11 px.
    r: { type: 'sqrt', domain: [0, Math.max(1, maxTitles)], range: [0, maxTitles > 1 ? 11 : 4] },
    y: { label: null, domain: genres.map((g) => g.genre), tickFormat: (g: string) => shortLabel(g) },
    marks: [
      Plot.dot(points, { x: 'count', y: 'genre', r: 'titles', fill: ACCENT, fillOpacity: 0.55, stroke: ACCENT }),
      Plot.tickX(genres, { x: 'median', y: 'genre', stroke: MEDIAN_COLOUR, strokeWidth: 3 }),
    ],
  });

  const top = [...rows].sort(byNumberThenName((r) => r.count, (r) => r.title))[0];
  const description =
    `${rows.length} titles in ${genres.length} genres, ` +
    (binWidth
      ? `dots at each genre's number of ${options.measure} per title in bins of ${binWidth}, dot area by number of titles; `
      : `one dot per title at its number of ${options.measure} (titles with equal counts share a larger dot); `) +
    `the orange tick is the genre median. Highest medians: ` +
    genres.slice(0, 5).map((g) => `${g.genre} ${fmt(g.median, 1)} (${g.titles} ${g.titles === 1 ? 'title' : 'titles'})`).join(', ') +
    `. Most ${options.measure}: ${top.title} (${top.genre}, ${top.count}).`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height, body: plot.body });
  return { id, title, description, svg, csv };
}

export const genrePopularityChart: ReportChartDescriptor = {
  id: GENRE_POPULARITY_ID,
  title: 'Genre popularity',
  scope: 'report',
  needs: 'ratings',
  facts: [
    'top_genre', 'top_genre_share', 'genres_by_viewing', 'genre.*.viewing_share', 'genre.*.viewing_gap', 'genre.*.title_count', 'genre.*.catalog_share',
    'acquisition_gap', 'acquisition_gap_genre', 'acquisition_gap_viewing_share', 'acquisition_gap_catalog_share', 'oversupplied_genre', 'oversupplied_gap',
    'top_catalog_genre', 'top_catalog_genre_share', 'top_catalog_genre_titles',
  ],
  render: ({ dataset }) => renderGenrePopularity(titlePopularityRows(dataset), { measure: 'ratings' }),
};
