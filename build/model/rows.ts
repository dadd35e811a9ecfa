// Long-format rows behind the site's CSV downloads. Each stays bounded at scale: ratings are
// the non-zeros, similarities are either the pairs among titles the caller names (a heatmap's
// 20) or each title's top-k neighbours — never all titles².
import { toCsv } from '../util/csv.ts';
import type { Model } from './model.ts';

export interface RatingRow {
  user_id: string;
  title_id: string;
  rating: number;
}
export interface SimilarityRow {
  title_a: string;
  title_b: string;
  similarity: number;
}
export interface AffinityRow {
  user_id: string;
  genre: string;
  affinity: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Every rating, by user then title position. */
export function ratingMatrixRows(model: Model): RatingRow[] {
  const m = model.matrix;
  const rows: RatingRow[] = [];
  for (let u = 0; u < m.nUsers; u++) {
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) {
      rows.push({ user_id: model.userIds[u], title_id: model.titleIds[m.colIdx[p]], rating: m.rowVal[p] });
    }
  }
  return rows;
}

function pairRows(model: Model, sim: (a: number, b: number) => number, neighbours: (t: number) => { pos: number; sim: number }[], titleIds?: string[]): SimilarityRow[] {
  const rows: SimilarityRow[] = [];
  if (titleIds) {
    const pos = titleIds.map((id) => {
      const p = model.titlePos.get(id);
      if (p === undefined) throw new Error(`unknown title ${JSON.stringify(id)}`);
      return p;
    });
    for (const a of pos) for (const b of pos) rows.push({ title_a: model.titleIds[a], title_b: model.titleIds[b], similarity: round4(sim(a, b)) });
    return rows;
  }
  for (let t = 0; t < model.titleIds.length; t++) {
    for (const n of neighbours(t)) rows.push({ title_a: model.titleIds[t], title_b: model.titleIds[n.pos], similarity: round4(n.sim) });
  }
  return rows;
}

/**
 * Rating-cosine similarity: every ordered pair (diagonal included) among `titleIds` when given,
 * otherwise each title's top-k neighbours.
 */
export function similarityRows(model: Model, titleIds?: string[]): SimilarityRow[] {
  return pairRows(model, model.itemSimilarity, model.neighbours, titleIds);
}

/** Content (TF-IDF) similarity, same shape as similarityRows. */
export function contentSimilarityRows(model: Model, titleIds?: string[]): SimilarityRow[] {
  const nb = model.content.neighbours;
  const neighbours = (t: number) => {
    const out: { pos: number; sim: number }[] = [];
    for (let p = nb.ptr[t]; p < nb.ptr[t + 1]; p++) out.push({ pos: nb.idx[p], sim: nb.val[p] });
    return out;
  };
  return pairRows(model, model.contentSimilarity, neighbours, titleIds);
}

/** Non-zero user × genre affinities, by user then genre name. */
export function genreAffinityRows(model: Model): AffinityRow[] {
  const rows: AffinityRow[] = [];
  const nG = model.genres.length;
  for (let u = 0; u < model.userIds.length; u++) {
    for (let g = 0; g < nG; g++) {
      const a = model.affinity[u * nG + g];
      if (a > 0) rows.push({ user_id: model.userIds[u], genre: model.genres[g], affinity: round4(a) });
    }
  }
  return rows;
}

/**
 * The matrix downloads the site publishes, path → CSV text. Ratings themselves are published by
 * the site (data/ratings.csv); these are the derived matrices, in bounded long format.
 */
export function matrixDownloads(model: Model, _ds?: unknown): Map<string, string> {
  const simColumns = [
    { name: 'title_a', value: (r: SimilarityRow) => r.title_a },
    { name: 'title_b', value: (r: SimilarityRow) => r.title_b },
    { name: 'similarity', value: (r: SimilarityRow) => r.similarity },
  ];
  return new Map([
    ['data/item-similarity.csv', toCsv(similarityRows(model), simColumns)],
    ['data/content-similarity.csv', toCsv(contentSimilarityRows(model), simColumns)],
    [
      'data/genre-affinity.csv',
      toCsv(genreAffinityRows(model), [
        { name: 'user_id', value: (r) => r.user_id },
        { name: 'genre', value: (r) => r.genre },
        { name: 'affinity', value: (r) => r.affinity },
      ]),
    ],
  ]);
}
