// Word cloud of genres, word size by the genre's share of ratings (or viewing). Laid out by
// d3-cloud, which measures each word on a canvas: we measure with the Inter files registered in
// dom.ts and render the SVG in that same font and weight, and seed its random placement so the
// same data and seed give the same picture. Words d3-cloud cannot place are reported, never lost
// silently: the layout is retried smaller, and whatever still does not fit goes into `notes` and
// the description.

import cloud from 'd3-cloud';
import seedrandom from 'seedrandom';
import { boundedReadCanvas } from './cloudCanvas.ts';
import { escapeHtml } from '../util/html.ts';
import { toCsv } from '../util/csv.ts';
import { emptyChart, round, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { ensureFonts } from './dom.ts';
import { genreColours, genreColoursByVolume, otherGenresNote, type GenreColours } from './genreColours.ts';
import { genreShareRows } from './reportCharts.ts';
import { formatCount, formatShare, listText, plural } from '../util/numbers.ts';

export interface GenreShareRow {
  genre: string;
  /** Share of the whole, 0..1. */
  share: number;
  /** The count behind the share (ratings, minutes…). */
  count: number;
}

export interface GenreCloudOptions {
  seed: number | string;
  /** What the share is a share of, for the text ("ratings", "viewing minutes"). */
  measure: string;
  width?: number;
  height?: number;
  /** The site's genre → colour mapping (genreColours.ts); by default one from these rows' counts. */
  colours?: GenreColours;
}

export const GENRE_CLOUD_ID = 'genre-cloud';
const FONT = 'Inter';
const WEIGHT = 600;
// 14 px at weight 600 is "large text" for WCAG, which the 3:1 contrast of the genre hues covers.
const MIN_SIZE = 14;
const MAX_SIZE = 64;
/** Shrink factor per retry when words did not fit, and how many retries. */
const SHRINK = 0.8;
const ATTEMPTS = 5;
/** Width of an average character of the cloud's bold Inter, in em (measured ≈ 0.6; a margin kept). */
const WIDE_CHAR = 0.64;

interface PlacedWord {
  text: string;
  size: number;
  x: number;
  y: number;
  rotate: number;
  colour: string;
}

interface CloudWord {
  text: string;
  size: number;
  colour: string;
  x?: number;
  y?: number;
  rotate?: number;
}

function layout(words: CloudWord[], width: number, height: number, seed: string): PlacedWord[] {
  let placed: PlacedWord[] = [];
  cloud<CloudWord>()
    .size([width, height])
    // Copies: d3-cloud writes its layout fields into the objects it is given.
    .words(words.map((w) => ({ ...w })))
    .canvas(() => boundedReadCanvas() as unknown as HTMLCanvasElement)
    .font(FONT)
    .fontWeight(WEIGHT)
    .fontSize((d) => d.size)
    .padding(2)
    .rotate(() => 0)
    .random(seedrandom(seed))
    // timeInterval defaults to Infinity, so start() lays out every word synchronously.
    .on('end', (tags, bounds) => {
      // d3-cloud starts each word at a random point, so the group is rarely centred: shift it
      // so its bounding box sits in the middle (bounds are in canvas coordinates, 0..size).
      const b = bounds as unknown as [{ x: number; y: number }, { x: number; y: number }] | null;
      const dx = b ? width / 2 - (b[0].x + b[1].x) / 2 : 0;
      const dy = b ? height / 2 - (b[0].y + b[1].y) / 2 : 0;
      placed = tags.map((t) => ({ text: t.text, size: t.size, x: (t.x ?? 0) + dx, y: (t.y ?? 0) + dy, rotate: t.rotate ?? 0, colour: t.colour }));
    })
    .start();
  return placed;
}

/** Width of the share list beside the cloud, and its row height. */
const LIST_WIDTH = 170;
const LIST_ROW = 18;

export function renderGenreCloud(rows: GenreShareRow[], options: GenreCloudOptions): Chart {
  const id = GENRE_CLOUD_ID;
  const title = `Genres by share of ${options.measure}`;
  const sorted = rows.filter((r) => r.share > 0).sort((a, b) => b.share - a.share || (a.genre < b.genre ? -1 : 1));
  const csv = toCsv(sorted, [
    { name: 'genre', value: (r) => r.genre },
    { name: 'share', value: (r) => Number(r.share.toFixed(4)) },
    { name: options.measure.replace(/\s+/g, '_'), value: (r) => r.count },
  ]);
  if (sorted.length === 0) return emptyChart(id, title, `No ${options.measure} in this data`, csv);
  ensureFonts();

  const width = options.width ?? 640;
  const height = options.height ?? 360;
  // Word size cannot tell 10% from 12%: a ranked list of exact shares sits to the right of the
  // cloud (when the chart is wide enough for both), so a reader never estimates from size.
  const listed = width >= 400 ? Math.min(sorted.length, Math.max(1, Math.floor((height - 24) / LIST_ROW) - 1)) : 0;
  const listWidth = listed ? LIST_WIDTH : 0;
  const cloudWidth = width - listWidth;
  const colours = options.colours ?? genreColoursByVolume(sorted.map((r) => [r.genre, r.count] as const));
  const maxShare = sorted[0].share;
  const baseSize = (share: number): number => MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(share / maxShare);
  // A word wider than the cloud can never be placed, and the largest words are the longest on the
  // Netflix catalogue ("International TV Shows"): cap each size so the word fits across, at about
  // WIDE_CHAR em per character, so the leading genres are never the ones dropped.
  const fitsAcross = (text: string): number => Math.floor((cloudWidth - 16) / (WIDE_CHAR * Math.max(1, text.length)));
  let placed: PlacedWord[] = [];
  let factor = 1;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const words = sorted.map((r) => ({ text: r.genre, size: Math.max(MIN_SIZE * 0.8, Math.min(fitsAcross(r.genre), Math.round(baseSize(r.share) * factor))), colour: colours.colour(r.genre) }));
    placed = layout(words, cloudWidth, height, `${options.seed}:${attempt}`);
    if (placed.length === words.length) break;
    factor *= SHRINK;
  }

  const placedNames = new Set(placed.map((p) => p.text));
  const dropped = sorted.filter((r) => !placedNames.has(r.genre)).map((r) => r.genre);
  const greyed = sorted.filter((r) => !colours.isLeading(r.genre) && placedNames.has(r.genre)).map((r) => r.genre);
  const noteList = [
    ...(dropped.length ? [`${dropped.length} of ${sorted.length} genres did not fit in the cloud: ${dropped.join(', ')} (they are in the CSV).`] : []),
    ...(greyed.length ? [otherGenresNote(colours, greyed)] : []),
  ];
  const notes = noteList.length ? noteList : undefined;
  // the narrative's format ("34%"), so a caption and the sentence beside it agree
  const pct = (v: number): string => formatShare(v);
  const description =
    `Word cloud of ${formatCount(sorted.length)} genres, word size by share of ${options.measure} (a title in several genres counts as an equal part of each). Largest: ` +
    sorted.slice(0, 5).map((r) => `${r.genre} ${pct(r.share)}`).join(', ') +
    '.' +
    (dropped.length ? ' ' + noteList[0] : '');
  const shareOf = new Map(sorted.map((r) => [r.genre, r]));

  let body = `<g transform="translate(${cloudWidth / 2},${height / 2})" text-anchor="middle" font-weight="${WEIGHT}">`;
  for (const w of placed) {
    const rotate = w.rotate ? ` rotate(${w.rotate})` : '';
    const row = shareOf.get(w.text);
    const value = row ? `${w.text}: ${pct(row.share)} of ${options.measure} (${plural(row.count, options.measure.replace(/s$/, ''), options.measure)} of its titles)` : w.text;
    body +=
      `<g><title>${escapeHtml(value)}</title><text transform="translate(${round(w.x)},${round(w.y)})${rotate}" font-size="${w.size}" fill="${w.colour}" data-genre="${escapeHtml(w.text)}">` +
      `${escapeHtml(w.text)}</text></g>`;
  }
  body += '</g>';
  if (listed) {
    const x = cloudWidth + 12;
    body += `<g font-size="12" text-anchor="start" font-variant-numeric="tabular-nums"><text x="${x}" y="16" font-weight="600">Share of ${escapeHtml(options.measure)}</text>`;
    sorted.slice(0, listed).forEach((r, i) => {
      const y = 24 + i * LIST_ROW;
      body +=
        `<rect x="${x}" y="${y + 3}" width="10" height="10" fill="${colours.colour(r.genre)}"/>` +
        `<text x="${x + 16}" y="${y + 12}">${escapeHtml(shortLabel(r.genre, 16))}</text>` +
        `<text x="${width - 4}" y="${y + 12}" text-anchor="end">${escapeHtml(pct(r.share))}</text>`;
    });
    if (sorted.length > listed) body += `<text x="${x}" y="${24 + listed * LIST_ROW + 12}">${escapeHtml(`and ${sorted.length - listed} more (in the CSV)`)}</text>`;
    body += '</g>';
  }
  const svg = standaloneSvg({ id, title, description, width, height, body });
  // genres whose shares print the same lead together: "12%, then Animation with 12%" reads as a slip
  const leaders = sorted.filter((r) => pct(r.share) === pct(sorted[0].share)).map((r) => r.genre);
  const rest = sorted[leaders.length];
  const how = `word size follows the share${listed ? ', and the list gives every exact figure' : ''}`;
  const caption =
    sorted.length === 1
      ? `Every ${options.measure.replace(/s$/, '')} is on ${sorted[0].genre}.`
      : leaders.length > 1
        ? `${listText(leaders)} draw the largest shares of ${options.measure}, ${pct(sorted[0].share)} each${rest ? `, then ${rest.genre} with ${pct(rest.share)}` : ''}; ${how}.`
        : `${sorted[0].genre} draws the largest share of ${options.measure}, ${pct(sorted[0].share)}, then ${sorted[1].genre} with ${pct(sorted[1].share)}; ${how}.`;
  return { id, title, description, caption, svg, csv, ...(notes ? { notes } : {}) };
}

export const genreCloudChart: ReportChartDescriptor = {
  id: GENRE_CLOUD_ID,
  title: 'Genre cloud',
  scope: 'report',
  needs: 'ratings',
  facts: ['genre.*.rating_share', 'most_rated_genre', 'most_rated_genre_share'],
  render: ({ dataset }) => renderGenreCloud(genreShareRows(dataset), { seed: dataset.source.seed, measure: 'ratings', colours: genreColours(dataset) }),
};
