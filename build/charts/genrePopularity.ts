// Strip plot: one dot per title at its number of viewing sessions (or ratings, where the data has
// no sessions), one row per genre, with the genre's median marked. Shows whether a genre's
// popularity comes from a few hits or is broad. Counts get whole-number ticks; where a dot stands
// for several titles a size legend says how many; dots at 0 sit clear of the axis.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { emptyChart, fmt, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { niceStep } from './legend.ts';
import { escapeHtml } from '../util/html.ts';
import { formatCount, listText, maxOf, plural } from '../util/numbers.ts';
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
  const max = maxOf(rows.map((r) => r.count));
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
  /** "1 rating", "2 ratings", "1.5 ratings". */
  const unitOf = (n: number): string => (n === 1 ? options.measure.replace(/s$/, '') : options.measure);
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
  let maxTitles = 1;
  let maxCount = 0;
  for (const p of points) {
    if (p.titles > maxTitles) maxTitles = p.titles;
    if (p.count > maxCount) maxCount = p.count;
  }
  // whole-number ticks: a count of 2.5 sessions is not a thing
  const step = Math.max(1, Math.ceil(niceStep(Math.max(1, maxCount) / 6)));
  const top = Math.max(step, Math.ceil(maxCount / step) * step);
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  const width = options.width ?? 640;
  // A dot's area grows with the titles it stands for, up to 11 px; never below 2 px, so a lone
  // title beside a dot of 1,700 (MovieLens) is still visible. One title alone is a 4 px dot.
  const radius = (titles: number): number => (maxTitles > 1 ? Math.max(2, 11 * Math.sqrt(titles / maxTitles)) : 4);
  const legendHeight = 30;
  const plot = renderPlot(
    {
      width,
      height: 40 + genres.length * 26,
      marginLeft: 110,
      x: { label: `${options.measure} per title →`, grid: true, domain: [0, top], ticks, tickFormat: 'd', insetLeft: 10 },
      r: { type: 'identity' },
      y: { label: null, domain: genres.map((g) => g.genre), tickFormat: (g: string) => shortLabel(g) },
      marks: [
        Plot.dot(points, {
          x: 'count',
          y: 'genre',
          r: (p: Point) => radius(p.titles),
          fill: ACCENT,
          fillOpacity: 0.55,
          stroke: ACCENT,
          title: (p: Point) => `${p.genre}: ${plural(p.titles, 'title')} with ${binWidth ? `about ${fmt(p.count, 1)}` : formatCount(p.count)} ${unitOf(p.count)}`,
        }),
        Plot.tickX(genres, { x: 'median', y: 'genre', stroke: MEDIAN_COLOUR, strokeWidth: 3, title: (g: { genre: string; median: number }) => `${g.genre}: median ${fmt(g.median, 1)} ${unitOf(g.median)} per title` }),
      ],
    },
    { y: legendHeight },
  );
  // the legend: what a dot stands for (the smallest and largest, when sizes vary) and the median
  // tick; always drawn, so the chart's markup does not depend on the data
  const mid = maxTitles > 2 ? Math.round(maxTitles / 2) : 0;
  const sizes = maxTitles > 1 ? [1, ...(mid > 1 && mid < maxTitles ? [mid] : []), maxTitles] : [1];
  let x = 110;
  let legend = `<g font-size="11" text-anchor="start">`;
  for (const n of sizes) {
    const r = radius(n);
    legend += `<circle cx="${Number((x + r).toFixed(2))}" cy="15" r="${Number(r.toFixed(2))}" fill="${ACCENT}" fill-opacity="0.55" stroke="${ACCENT}"/>`;
    legend += `<text x="${Number((x + 2 * r + 4).toFixed(2))}" y="19">${escapeHtml(`${n} ${n === 1 ? 'title' : 'titles'}`)}</text>`;
    x += Math.round(2 * r + 70);
  }
  legend += `<line x1="${x}" x2="${x}" y1="6" y2="24" stroke="${MEDIAN_COLOUR}" stroke-width="3"/><text x="${x + 6}" y="19">genre median</text></g>`;

  const most = [...rows].sort(byNumberThenName((r) => r.count, (r) => r.title))[0];
  // a tie for the most watched title is named as one: "go to Money Heist (Crime) and Ozark (Drama), 412 each"
  const tiedMost = rows.filter((r) => r.count === most.count).sort(byNumberThenName((r) => r.count, (r) => r.title));
  const mostText =
    tiedMost.length === 1
      ? `${most.title} (${most.genre}, ${formatCount(most.count)})`
      : tiedMost.length <= 3
        ? `${listText(tiedMost.map((r) => `${r.title} (${r.genre})`))}, ${formatCount(most.count)} each`
        : null;
  // many titles at the top (every title rated once) are counted, not listed
  const manyTied = `${tiedMost.length} titles tie for the most ${options.measure}, ${formatCount(most.count)} each`;
  const description =
    `${plural(rows.length, 'title')} in ${plural(genres.length, 'genre')}, ` +
    (binWidth
      ? `dots at each genre's number of ${options.measure} per title in bins of ${binWidth}, dot area by number of titles; `
      : `one dot per title at its number of ${options.measure} (titles with equal counts share a larger dot); `) +
    `the orange tick is the genre median. Highest medians: ` +
    genres.slice(0, 5).map((g) => `${g.genre} ${fmt(g.median, 1)} (${plural(g.titles, 'title')})`).join(', ') +
    `. ${mostText === null ? manyTied : `Most ${options.measure}: ${mostText}`}.`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + legendHeight, body: legend + plot.body });
  // a tie is named as one: "Crime and Sci-Fi share the highest median", not one of them at random
  const leaders = genres.filter((g) => g.median === genres[0].median).map((g) => g.genre);
  // …but fourteen names in a row are not read: every genre, or many, are counted instead
  const leaderText =
    leaders.length === genres.length && leaders.length > 1
      ? `All ${genres.length} genres share the same median`
      : leaders.length > 3
        ? `${leaders.length} genres share the highest median`
        : `${listText(leaders)} titles ${leaders.length === 1 ? 'have' : 'share'} the highest median`;
  const caption =
    `${leaderText}, ${fmt(genres[0].median, 1)} ${unitOf(genres[0].median)} per title; ` +
    `${mostText === null ? manyTied : `the most ${options.measure} go to ${mostText}`}. A genre whose dots sit far right of its median lives on a few hits.`;
  return { id, title, description, caption, svg, csv };
}

export const genrePopularityChart: ReportChartDescriptor = {
  id: GENRE_POPULARITY_ID,
  title: 'Genre popularity',
  scope: 'report',
  needs: 'ratings',
  // titles per genre and per-title popularity; the shares of viewing against the catalogue are
  // genre-demand's
  facts: ['genre.*.title_count', 'genre.*.catalog_share', 'top_catalog_genre', 'top_catalog_genre_share', 'top_catalog_genre_titles', 'top_title', 'top_title_sessions'],
  render: ({ dataset }) => {
    const { rows, measure } = titlePopularityRows(dataset);
    return renderGenrePopularity(rows, { measure });
  },
};
