// Box plot of rating values per genre, drawn from counts per (genre, rating value) rather than
// one row per rating, so 500k ratings cost the same as 50. A genre with fewer than
// MIN_BOX_RATINGS ratings has no quartiles worth drawing: its ratings are drawn as points, below
// the boxes, so a box of two ratings never tops the ranking. Every row names its n.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { formatCount, maxOf, minOf, plural } from '../util/numbers.ts';
import { emptyChart, fmt, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { ACCENT } from './palette.ts';
import { weightedQuantile } from './stats.ts';
import { ratingCountRows } from './reportCharts.ts';

export interface RatingCountRow {
  genre: string;
  value: number;
  count: number;
}

export interface RatingsByGenreOptions {
  scale: { min: number; max: number };
  width?: number;
}

export interface GenreBox {
  genre: string;
  n: number;
  mean: number;
  q1: number;
  median: number;
  q3: number;
  /** Whisker ends: the most extreme values within 1.5 × IQR of the box. */
  low: number;
  high: number;
  /** Enough ratings for quartiles (n ≥ MIN_BOX_RATINGS): drawn as a box, else as points. */
  boxed: boolean;
}

/** Fewest ratings for which a genre gets a box (quartiles of four ratings are the ratings themselves). */
export const MIN_BOX_RATINGS = 5;

export const RATINGS_BY_GENRE_ID = 'ratings-by-genre';

export function genreBoxes(rows: RatingCountRow[]): { boxes: GenreBox[]; outliers: RatingCountRow[] } {
  const byGenre = new Map<string, RatingCountRow[]>();
  for (const r of rows) {
    if (r.count <= 0) continue;
    const list = byGenre.get(r.genre);
    if (list) list.push(r);
    else byGenre.set(r.genre, [r]);
  }
  const boxes: GenreBox[] = [];
  const outliers: RatingCountRow[] = [];
  for (const [genre, dist] of byGenre) {
    const n = dist.reduce((s, d) => s + d.count, 0);
    const q1 = weightedQuantile(dist, 0.25);
    const q3 = weightedQuantile(dist, 0.75);
    const fence = 1.5 * (q3 - q1);
    const inside = dist.filter((d) => d.value >= q1 - fence && d.value <= q3 + fence).map((d) => d.value);
    boxes.push({
      genre,
      n,
      mean: dist.reduce((s, d) => s + d.value * d.count, 0) / n,
      q1,
      median: weightedQuantile(dist, 0.5),
      q3,
      low: minOf(inside),
      high: maxOf(inside),
      boxed: n >= MIN_BOX_RATINGS,
    });
    if (n >= MIN_BOX_RATINGS) for (const d of dist) if (d.value < q1 - fence || d.value > q3 + fence) outliers.push(d);
  }
  // boxes by median, then the genres too small for one, most rated first
  boxes.sort(
    (a, b) =>
      Number(b.boxed) - Number(a.boxed) ||
      (a.boxed ? b.median - a.median || b.mean - a.mean : b.n - a.n) ||
      (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0),
  );
  return { boxes, outliers };
}

export function renderRatingsByGenre(rows: RatingCountRow[], options: RatingsByGenreOptions): Chart {
  const id = RATINGS_BY_GENRE_ID;
  const title = 'How each genre is rated';
  const { boxes, outliers } = genreBoxes(rows);
  const csv = toCsv(boxes, [
    { name: 'genre', value: (b) => b.genre },
    { name: 'ratings', value: (b) => b.n },
    { name: 'mean', value: (b) => Number(b.mean.toFixed(3)) },
    { name: 'q1', value: (b) => b.q1 },
    { name: 'median', value: (b) => b.median },
    { name: 'q3', value: (b) => b.q3 },
    { name: 'whisker_low', value: (b) => b.low },
    { name: 'whisker_high', value: (b) => b.high },
    { name: 'drawn_as', value: (b) => (b.boxed ? 'box' : 'points') },
  ]);
  if (boxes.length === 0) return emptyChart(id, title, 'No ratings in this data', csv);

  const width = options.width ?? 640;
  const drawn = boxes.filter((b) => b.boxed);
  const small = new Set(boxes.filter((b) => !b.boxed).map((b) => b.genre));
  const points = rows.filter((r) => r.count > 0 && small.has(r.genre));
  const nOf = new Map(boxes.map((b) => [b.genre, b.n]));
  const summary = (b: GenreBox): string =>
    `${b.genre}: median ${fmt(b.median)}, quartiles ${fmt(b.q1)}–${fmt(b.q3)}, mean ${fmt(b.mean)}, ${plural(b.n, 'rating')}`;
  const plot = renderPlot({
    width,
    height: 44 + boxes.length * 28,
    marginLeft: 150,
    x: { label: 'rating →', domain: [options.scale.min, options.scale.max], grid: true },
    y: { label: null, domain: boxes.map((b) => b.genre), tickFormat: (g: string) => `${shortLabel(g)} (n=${formatCount(nOf.get(g) ?? 0)})` },
    marks: [
      // every mark carries its exact value as a <title> (the box its whole summary)
      Plot.ruleY(drawn, { y: 'genre', x1: 'low', x2: 'high', stroke: 'currentColor', title: (b: GenreBox) => `${b.genre}: whiskers ${fmt(b.low)}–${fmt(b.high)}` }),
      Plot.barX(drawn, { y: 'genre', x1: 'q1', x2: 'q3', fill: ACCENT, fillOpacity: 0.35, stroke: ACCENT, insetTop: 4, insetBottom: 4, title: summary }),
      Plot.tickX(drawn, { y: 'genre', x: 'median', stroke: 'currentColor', strokeWidth: 2.5, insetTop: 4, insetBottom: 4, title: (b: GenreBox) => `${b.genre}: median ${fmt(b.median)}` }),
      Plot.dot(drawn, { y: 'genre', x: 'mean', symbol: 'diamond', r: 3, fill: 'currentColor', title: (b: GenreBox) => `${b.genre}: mean ${fmt(b.mean)}` }),
      Plot.dot(outliers, {
        y: 'genre',
        x: 'value',
        r: 2.5,
        stroke: 'currentColor',
        fill: 'none',
        title: (r: RatingCountRow) => `${r.genre}: ${plural(r.count, 'rating')} of ${fmt(r.value)}, beyond the whiskers`,
      }),
      // too few for a box: each distinct rating value as a filled point, its count in the tooltip
      Plot.dot(points, {
        y: 'genre',
        x: 'value',
        r: 3.5,
        fill: ACCENT,
        title: (r: RatingCountRow) => `${r.genre}: ${plural(r.count, 'rating')} of ${fmt(r.value)}`,
      }),
    ],
  });
  const total = boxes.reduce((s, b) => s + b.n, 0);
  const smallText =
    small.size === 0
      ? ''
      : ` ${small.size === 1 ? 'One genre has' : `${formatCount(small.size)} genres have`} fewer than ${MIN_BOX_RATINGS} ratings, too few for quartiles: ${
          small.size === 1 ? 'its ratings are' : 'their ratings are'
        } drawn as points below the boxes (${boxes
          .filter((b) => !b.boxed)
          .slice(0, 6)
          .map((b) => `${b.genre}, n=${formatCount(b.n)}`)
          .join('; ')}${small.size > 6 ? '; …' : ''}).`;
  const description =
    `Box plot of ${formatCount(total)} genre-tagged ratings (a title with several genres counts in each) across ${boxes.length} genres: ` +
    `box from the first to the third quartile, thick line at the median, diamond at the mean, whiskers to 1.5 × IQR, circles beyond. ` +
    (drawn.length
      ? drawn
          .slice(0, 6)
          .map((b) => `${b.genre} median ${fmt(b.median)}, mean ${fmt(b.mean)} (n=${formatCount(b.n)})`)
          .join('; ') +
        (drawn.length > 6 ? `; lowest: ${drawn[drawn.length - 1].genre} median ${fmt(drawn[drawn.length - 1].median)}.` : '.')
      : 'No genre has enough ratings for a box.') +
    smallText;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height, body: plot.body });
  // Boxes rank by median, then mean: with a 1–5 scale medians tie often, so the caption says so.
  const first = drawn[0];
  const last = drawn[drawn.length - 1];
  const sharing = first ? drawn.filter((b) => b !== first && b.median === first.median).length : 0;
  const caption =
    (first
      ? `${first.genre} ranks first, median ${fmt(first.median)} and mean ${fmt(first.mean)} (n=${formatCount(first.n)})` +
        (sharing ? `; ${sharing === 1 ? 'one other genre shares' : `${sharing} other genres share`} that median` : '') +
        (drawn.length > 1 && last.median < first.median ? `; ${last.genre} ranks last, median ${fmt(last.median)} (n=${formatCount(last.n)}).` : '.')
      : 'No genre has enough ratings for a box.') +
    // the ranking is of the boxes only: the narrative's best and worst genre may be a point
    (small.size ? ` The ranking is of the boxes: genres with fewer than ${MIN_BOX_RATINGS} ratings are points and are not ranked.` : '');
  return { id, title, description, caption, svg, csv };
}

export const ratingsByGenreChart: ReportChartDescriptor = {
  id: RATINGS_BY_GENRE_ID,
  title: 'Ratings by genre',
  scope: 'report',
  needs: 'ratings',
  facts: [
    'rating_mean', 'genre.*.rating_count', 'genre.*.rating_mean', 'best_rated_genre', 'best_rated_genre_mean', 'worst_rated_genre', 'worst_rated_genre_mean',
    'genre_rating_spread',
  ],
  render: ({ dataset }) => renderRatingsByGenre(ratingCountRows(dataset), { scale: dataset.ratingScale }),
};
