// Heatmap of item–item cosine similarity (over ratings) among the most-rated titles, ordered
// by primary genre and then by name, so genre clusters show as blocks along the diagonal.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { escapeHtml } from '../util/html.ts';
import { emptyChart, fmt, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { STEPPED_LEGEND_HEIGHT, plotColour, steppedLegend, steppedScale, textOn } from './legend.ts';
import { genreColours, genreColoursByVolume, otherGenresNote, type GenreColours } from './genreColours.ts';
import { titleSimilarityInput } from './reportCharts.ts';
import { MIN_CO_RATERS } from '../insights/genreFacts.ts';
import { compareNames } from '../insights/factKeys.ts';

export interface SimilarityTitle {
  id: string;
  name: string;
  genre: string;
}

export interface SimilarityCell {
  a: string;
  b: string;
  similarity: number;
  /** Users who rated both titles (when known): a pair is called alike only on MIN_CO_RATERS. */
  coRaters?: number;
}

export interface TitleSimilarityOptions {
  width?: number;
  /** The site's genre → colour mapping, for the genre markers; by default one from these titles. */
  colours?: GenreColours;
}

export const TITLE_SIMILARITY_ID = 'title-similarity';

/** Row labels keep this many characters of a title; the full name is in the label's tooltip. */
const ROW_LABEL_CHARS = 40;
/** Average width of a 12 px label character, for sizing the left margin. */
const CHAR_WIDTH = 6.4;

export function renderTitleSimilarity(titles: SimilarityTitle[], cells: SimilarityCell[], options: TitleSimilarityOptions = {}): Chart {
  const id = TITLE_SIMILARITY_ID;
  const title = 'How similar the most-rated titles are (cosine over ratings)';
  const ordered = [...titles].sort((x, y) => (x.genre < y.genre ? -1 : x.genre > y.genre ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const byId = new Map(ordered.map((t) => [t.id, t]));
  const kept = cells.filter((c) => byId.has(c.a) && byId.has(c.b));
  const csv = toCsv(kept, [
    { name: 'title_a_id', value: (c) => c.a },
    { name: 'title_a', value: (c) => byId.get(c.a)?.name },
    { name: 'title_b_id', value: (c) => c.b },
    { name: 'title_b', value: (c) => byId.get(c.b)?.name },
    { name: 'similarity', value: (c) => Number(c.similarity.toFixed(4)) },
  ]);
  if (ordered.length === 0 || kept.length === 0) return emptyChart(id, title, 'No rated titles in this data', csv);

  const colours = options.colours ?? genreColoursByVolume(ordered.map((t) => [t.genre, 1] as const));
  const markerColour = (t: SimilarityTitle): string => colours.colour(t.genre);
  // The diagonal (a title with itself, always 1) is drawn neutral and left out of the colour
  // scale, which spans the off-diagonal values only.
  const offDiagonal = kept.filter((c) => c.a !== c.b);
  const diagonal = kept.filter((c) => c.a === c.b);
  const nameOf = (tid: string): string => byId.get(tid)?.name ?? tid;
  let top = 0.05;
  for (const c of offDiagonal) if (c.similarity > top) top = c.similarity;
  const scale = steppedScale(0, top);
  const n = ordered.length;
  const cell = Math.max(22, Math.min(36, Math.floor(460 / n)));
  // Rows carry numbered titles, long enough to recognise (the full name is in each label's
  // tooltip and in the CSV); columns carry the same numbers, so no label is rotated or cut.
  const rowLabel = (t: SimilarityTitle, i: number): string => `${i + 1}. ${shortLabel(t.name, ROW_LABEL_CHARS)}`;
  const longest = ordered.reduce((m, t, i) => Math.max(m, rowLabel(t, i).length), 0);
  const marginLeft = Math.max(120, Math.min(330, Math.round(longest * CHAR_WIDTH) + 28));
  const marginTop = 30;
  const marginRight = 130; // the genre group names
  const width = options.width ?? marginLeft + n * cell + marginRight;
  const height = marginTop + n * cell + 10;
  const domain = ordered.map((t) => t.id);
  const plot = renderPlot(
    {
      width,
      height,
      marginLeft,
      marginTop,
      marginRight,
      marginBottom: 10,
      x: { axis: null, domain, padding: 0 },
      y: { axis: null, domain, padding: 0 },
      color: plotColour(scale),
      marks: [
        Plot.cell(offDiagonal, {
          x: 'a',
          y: 'b',
          fill: 'similarity',
          inset: 0.5,
          title: (c: SimilarityCell) => `${nameOf(c.a)} × ${nameOf(c.b)}: ${c.similarity.toFixed(3)}`,
        }),
        Plot.cell(diagonal, { x: 'a', y: 'b', fill: 'currentColor', fillOpacity: 0.12, inset: 0.5, title: (c: SimilarityCell) => `${nameOf(c.a)} with itself: 1` }),
        Plot.text(offDiagonal, {
          x: 'a',
          y: 'b',
          text: (c: SimilarityCell) => c.similarity.toFixed(2).replace(/^0/, ''),
          fill: (c: SimilarityCell) => textOn(scale, c.similarity),
          fontSize: 11,
        }),
      ],
    },
    { y: STEPPED_LEGEND_HEIGHT },
  );
  // Labels, genre markers and group separators, drawn on the same grid as Plot's cells (band
  // scales without padding: each title owns exactly `step` pixels).
  const step = (plot.width - marginLeft - marginRight) / n;
  const px = (v: number): number => Math.round(v * 100) / 100;
  const x0 = marginLeft;
  const y0 = STEPPED_LEGEND_HEIGHT + marginTop;
  let frame = `<g font-size="12">`;
  ordered.forEach((t, i) => {
    const cy = px(y0 + (i + 0.5) * step);
    const cx = px(x0 + (i + 0.5) * step);
    const full = `${i + 1}. ${t.name} (${t.genre})`;
    frame +=
      `<g><title>${escapeHtml(full)}</title>` +
      `<text x="${x0 - 16}" y="${cy}" dy="0.32em" text-anchor="end">${escapeHtml(rowLabel(t, i))}</text>` +
      `<rect x="${x0 - 12}" y="${px(cy - 4)}" width="8" height="8" fill="${markerColour(t)}"/></g>` +
      `<g><title>${escapeHtml(full)}</title>` +
      `<text x="${cx}" y="${y0 - 16}" text-anchor="middle" font-size="11">${i + 1}</text>` +
      `<rect x="${px(cx - 4)}" y="${y0 - 11}" width="8" height="8" fill="${markerColour(t)}"/></g>`;
  });
  // one block per genre: a line between blocks, the genre's name beside its block
  const groups: { genre: string; start: number; size: number }[] = [];
  ordered.forEach((t, i) => {
    const last = groups[groups.length - 1];
    if (last && last.genre === t.genre) last.size++;
    else groups.push({ genre: t.genre, start: i, size: 1 });
  });
  const end = px(x0 + n * step);
  for (const g of groups) {
    if (g.start > 0) {
      const at = px(x0 + g.start * step);
      const atY = px(y0 + g.start * step);
      frame +=
        `<line x1="${at}" x2="${at}" y1="${y0 - 2}" y2="${px(y0 + n * step)}" stroke="currentColor" stroke-width="1.5"/>` +
        `<line x1="${x0 - 2}" x2="${end}" y1="${atY}" y2="${atY}" stroke="currentColor" stroke-width="1.5"/>`;
    }
    frame += `<text x="${end + 8}" y="${px(y0 + (g.start + g.size / 2) * step)}" dy="0.32em" fill="${colours.colour(g.genre)}" font-weight="600">${escapeHtml(shortLabel(g.genre, 16))}</text>`;
  }
  frame += '</g>';
  const legend = steppedLegend(scale, { x: marginLeft, y: 12, width: Math.min(260, width - marginLeft - 20), label: 'cosine similarity (diagonal, always 1, grey)', format: (v) => fmt(v, 2) });
  const pairs = kept.filter((c) => c.a < c.b).sort((x, y) => y.similarity - x.similarity || (x.a + x.b < y.a + y.b ? -1 : 1));
  const strongest = pairs.slice(0, 3).map((c) => `${byId.get(c.a)?.name} – ${byId.get(c.b)?.name} ${fmt(c.similarity)}`);
  const greyNote = otherGenresNote(colours, groups.map((g) => g.genre).filter((g) => !colours.isLeading(g)));
  const description =
    `Cosine similarity of rating vectors among the ${n} most-rated titles, numbered, in ${groups.length === 1 ? 'one genre block' : `${groups.length} blocks by primary genre`} (${groups.map((g) => g.genre).join(', ')}). ` +
    // only the blocks drawn in grey are named as such, not every block shown
    (greyNote ? `${greyNote} ` : '') +
    (strongest.length ? `Most similar pairs: ${strongest.join('; ')}.` : '') +
    ` Mean off-diagonal similarity ${fmt(pairs.reduce((s, c) => s + c.similarity, 0) / Math.max(1, pairs.length))}.`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + STEPPED_LEGEND_HEIGHT, body: legend + plot.body + frame });
  // the pair the narrative names (most_similar_titles): the most alike among pairs enough users
  // rated both of, its names in the same order
  const best = pairs.find((c) => c.similarity > 0 && (c.coRaters ?? MIN_CO_RATERS) >= MIN_CO_RATERS);
  const bestNames = best ? [nameOf(best.a), nameOf(best.b)].sort(compareNames) : [];
  const caption = best
    ? `Of the ${n} most-rated titles, ${bestNames[0]} and ${bestNames[1]} are the most alike (cosine ${best.similarity.toFixed(2)}${best.coRaters !== undefined ? `, ${best.coRaters} users rated both` : ''}). Lines separate the genre blocks; hover a label for the full title.`
    : `The ${n} most-rated titles, by genre block; no two share ${MIN_CO_RATERS} or more raters, too few to call a pair alike.`;
  return { id, title, description, caption, svg, csv };
}

export const titleSimilarityChart: ReportChartDescriptor = {
  id: TITLE_SIMILARITY_ID,
  title: 'Title similarity',
  scope: 'report',
  needs: 'ratings',
  facts: ['most_similar_titles', 'most_similar_titles_similarity', 'similarity_chart_titles'],
  render: ({ dataset, model }) => {
    const { titles, cells } = titleSimilarityInput(dataset, model);
    return renderTitleSimilarity(titles, cells, { colours: genreColours(dataset) });
  },
};
