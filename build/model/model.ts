// The model stage: everything the recommender, charts and site read about "who rated what and
// what is like what", built once from a Dataset. Implements ModelView (build/types.ts).
import type { Dataset, ModelView, Title } from '../types.ts';
import { allInferred } from '../data/implicit.ts';
import { genreAffinities, titleGenreIndex, type TitleGenres } from './affinity.ts';
import { buildContentIndex, contentCosine, type ContentIndex } from './content.ts';
import { indexMaps, learningMatrix, ratingMatrix, type RatingMatrix } from './matrix.ts';
import { columnCosine, columnNorms, itemCosineTopK, type Neighbours } from './similarity.ts';

export interface ModelOptions {
  /** Rating-cosine neighbours kept per title (default 50). */
  neighbours?: number;
  /** Content (TF-IDF) neighbours kept per title (default 50). */
  contentNeighbours?: number;
  /** Precomputed rating-cosine neighbours (a cluster's, build/handoff/stages.ts): used as given. */
  ratingNeighbours?: Neighbours;
}

export interface Model extends ModelView {
  /** Titles by position (aligned with titleIds). */
  titles: Title[];
  genrePos: Map<string, number>;
  matrix: RatingMatrix;
  /**
   * What the item–item weights (cosine neighbours, RP3beta, EASE) learn from: `matrix`, or on
   * data too large for them a fixed sample of the heaviest users' ratings (`learningMatrix`).
   */
  learning: RatingMatrix;
  /** Ratings per user the item–item weights learnt from, null when every rating counted. */
  learningCap: number | null;
  /** Norm of each title's rating column (for exact cosine on demand). */
  columnNorm: Float64Array;
  /** Top-k rating-cosine neighbours per title. */
  ratingNeighbours: Neighbours;
  /**
   * How many neighbours per title `ratingNeighbours` kept when this model computed them (plain
   * cosine on `learning`, no shrink), null when they were given (a cluster's, possibly rounded).
   */
  ratingNeighboursK: number | null;
  content: ContentIndex;
  titleGenres: TitleGenres;
  /** users × genres, row-major. */
  affinity: Float64Array;
  /** Ratings per title and their mean (0 when unrated). */
  ratingCount: Int32Array;
  ratingMean: Float64Array;
  /** Middle of the rating scale (3 on 1–5): above it a rating says "liked". */
  ratingMidpoint: number;
  /** The watch history behind inferred ratings (Dataset.implicit), null for rated data. */
  watch: Dataset['implicit'] & {} | null;
  /** Every rating was inferred from plays (`--feedback plays`, or data with plays only). */
  watchOnly: boolean;
  /** The user's ratings as (title position, value) pairs, by title position. */
  userRatings(u: number): { pos: number; value: number }[];
}

export const DEFAULT_NEIGHBOURS = 50;

// The content index depends only on the catalogue, and the evaluation's train-only model shares
// the catalogue array with the published model: build it once per catalogue and k.
const contentCache = new WeakMap<Title[], Map<number, ContentIndex>>();

function contentIndexFor(catalogue: Title[], titles: Title[], k: number): ContentIndex {
  let byK = contentCache.get(catalogue);
  if (!byK) contentCache.set(catalogue, (byK = new Map()));
  let index = byK.get(k);
  if (!index) byK.set(k, (index = buildContentIndex(titles, k)));
  return index;
}

export function buildModel(ds: Dataset, opts: ModelOptions = {}): Model {
  const maps = indexMaps(ds);
  const matrix = ratingMatrix(ds, maps);
  const titleById = new Map(ds.titles.map((t) => [t.id, t]));
  const titles = maps.titleIds.map((id) => titleById.get(id)!);
  const genres = [...new Set(titles.flatMap((t) => t.genres))].sort();
  const genrePos = new Map(genres.map((g, i) => [g, i]));
  const titleGenres = titleGenreIndex(
    titles.map((t) => t.genres),
    genrePos,
  );
  const columnNorm = columnNorms(matrix);
  const learning = learningMatrix(matrix);
  const ratingNeighboursK = opts.ratingNeighbours ? null : (opts.neighbours ?? DEFAULT_NEIGHBOURS);
  const ratingNeighbours = opts.ratingNeighbours ?? itemCosineTopK(learning.matrix, ratingNeighboursK!);
  const content = contentIndexFor(ds.titles, titles, opts.contentNeighbours ?? DEFAULT_NEIGHBOURS);
  const affinity = genreAffinities(matrix, titleGenres, genres.length);
  const ratingCount = new Int32Array(matrix.nTitles);
  const ratingMean = new Float64Array(matrix.nTitles);
  for (let t = 0; t < matrix.nTitles; t++) {
    const n = matrix.colPtr[t + 1] - matrix.colPtr[t];
    let s = 0;
    for (let p = matrix.colPtr[t]; p < matrix.colPtr[t + 1]; p++) s += matrix.colVal[p];
    ratingCount[t] = n;
    ratingMean[t] = n > 0 ? s / n : 0;
  }
  return {
    userIds: maps.userIds,
    titleIds: maps.titleIds,
    genres,
    userPos: maps.userPos,
    titlePos: maps.titlePos,
    titles,
    genrePos,
    matrix,
    learning: learning.matrix,
    learningCap: learning.cap,
    columnNorm,
    ratingNeighbours,
    ratingNeighboursK,
    content,
    titleGenres,
    affinity,
    ratingCount,
    ratingMean,
    ratingMidpoint: (ds.ratingScale.min + ds.ratingScale.max) / 2,
    watch: ds.implicit ?? null,
    watchOnly: allInferred(ds),
    itemSimilarity: (a, b) => (a === b ? (columnNorm[a] > 0 ? 1 : 0) : columnCosine(matrix, a, b, columnNorm)),
    contentSimilarity: (a, b) => contentCosine(content, a, b),
    neighbours: (t) => {
      const out: { pos: number; sim: number }[] = [];
      for (let p = ratingNeighbours.ptr[t]; p < ratingNeighbours.ptr[t + 1]; p++) {
        out.push({ pos: ratingNeighbours.idx[p], sim: ratingNeighbours.val[p] });
      }
      return out;
    },
    genreAffinity: (u, g) => affinity[u * genres.length + g],
    userRatings: (u) => {
      const out: { pos: number; value: number }[] = [];
      for (let p = matrix.rowPtr[u]; p < matrix.rowPtr[u + 1]; p++) out.push({ pos: matrix.colIdx[p], value: matrix.rowVal[p] });
      return out;
    },
  };
}
