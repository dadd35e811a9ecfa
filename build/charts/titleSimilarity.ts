// Heatmap of item–item cosine similarity (over ratings) among the most-rated titles, ordered
// by primary genre and then by name, so genre clusters show as blocks along the diagonal.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { emptyChart, fmt, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { STEPPED_LEGEND_HEIGHT, plotColour, steppedLegend, steppedScale, textOn } from './legend.ts';
import { genreColours, genreColoursByVolume, otherGenresNote, type GenreColours } from './genreColours.ts';
import { titleSimilarityInput } from './reportCharts.ts';

export interface SimilarityTitle {
  id: string;
  name: string;
  genre: string;
}

export interface SimilarityCell {
  a: string;
  b: string;
  similarity: number;
}

export interface TitleSimilarityOptions {
  width?: number;
  /** The site's genre → colour mapping, for the genre markers; by default one from these titles. */
  colours?: GenreColours;
}

export const TITLE_SIMILARITY_ID = 'title-similarity';

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

  // The genre is shown by the coloured square before each label (and in the CSV); the label keeps
  // the room for the title itself.
  const label = (tid: string): string => {
    const t = byId.get(tid);
    return t ? shortLabel(t.name, 26) : tid;
  };
  const colours = options.colours ?? genreColoursByVolume(ordered.map((t) => [t.genre, 1] as const));
  const markerColour = (t: SimilarityTitle): string => colours.colour(t.genre);
  // The diagonal (a title with itself, always 1) is drawn neutral and left out of the colour
  // scale, which spans the off-diagonal values only.
  const offDiagonal = kept.filter((c) => c.a !== c.b);
  const diagonal = kept.filter((c) => c.a === c.b);
  const nameOf = (tid: string): string => byId.get(tid)?.name ?? tid;
  const top = Math.max(0.05, ...offDiagonal.map((c) => c.similarity));
  const scale = steppedScale(0, top);
  const n = ordered.length;
  const cell = Math.max(22, Math.min(36, Math.floor(460 / n)));
  const marginLeft = 170;
  const marginTop = 130;
  const marginRight = 100; // room for the last rotated column label
  const width = options.width ?? marginLeft + n * cell + marginRight;
  const domain = ordered.map((t) => t.id);
  const plot = renderPlot(
    {
      width,
      height: marginTop + n * cell + 10,
      marginLeft,
      marginTop,
      marginRight,
      marginBottom: 10,
      x: { label: null, domain, axis: 'top', tickRotate: -50, tickFormat: label, tickSize: 0, tickPadding: 14 },
      y: { label: null, domain, tickFormat: label, tickSize: 0, tickPadding: 14 },
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
        Plot.dot(ordered, { y: 'id', frameAnchor: 'left', dx: -7, symbol: 'square', r: 4, fill: { value: markerColour, scale: null }, title: (t: SimilarityTitle) => `${t.name}: ${t.genre}` }),
        Plot.dot(ordered, { x: 'id', frameAnchor: 'top', dy: -7, symbol: 'square', r: 4, fill: { value: markerColour, scale: null }, title: (t: SimilarityTitle) => `${t.name}: ${t.genre}` }),
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
  const legend = steppedLegend(scale, { x: marginLeft, y: 12, width: Math.min(260, width - marginLeft - 20), label: 'cosine similarity (diagonal, always 1, grey)', format: (v) => fmt(v, 2) });
  const pairs = kept.filter((c) => c.a < c.b).sort((x, y) => y.similarity - x.similarity || (x.a + x.b < y.a + y.b ? -1 : 1));
  const strongest = pairs.slice(0, 3).map((c) => `${byId.get(c.a)?.name} – ${byId.get(c.b)?.name} ${fmt(c.similarity)}`);
  const description =
    `Cosine similarity of rating vectors among the ${n} most-rated titles, grouped by primary genre (the coloured square before each title). ` +
    (colours.others.length && ordered.some((t) => !colours.isLeading(t.genre)) ? `${otherGenresNote(colours, ordered.map((t) => t.genre))} ` : '') +
    (strongest.length ? `Most similar pairs: ${strongest.join('; ')}.` : '') +
    ` Mean off-diagonal similarity ${fmt(pairs.reduce((s, c) => s + c.similarity, 0) / Math.max(1, pairs.length))}.`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + STEPPED_LEGEND_HEIGHT, body: legend + plot.body });
  return { id, title, description, svg, csv };
}

export const titleSimilarityChart: ReportChartDescriptor = {
  id: TITLE_SIMILARITY_ID,
  title: 'Title similarity',
  scope: 'report',
  needs: 'ratings',
  facts: ['most_similar_titles', 'most_similar_titles_similarity'],
  render: ({ dataset, model }) => {
    const { titles, cells } = titleSimilarityInput(dataset, model);
    return renderTitleSimilarity(titles, cells, { colours: genreColours(dataset) });
  },
};
