// The scoring components a recommender blends. Each is an item → item weight list W (a sparse
// top-k per title), so every model scores the same way — score(u,t) = Σ_{i rated by u} x(u,i)·W[i,t]
// — and every model can name the rated titles that contributed most to a recommendation.
import { coRatedTopK, itemCosineTopK, type Model, type Neighbours } from '../model/index.ts';

export interface Component {
  kind: 'ratings' | 'content';
  /**
   * How a rating becomes the weight x(u,i): implicit (1), the rating itself, the rating minus the
   * scale's midpoint, or 'taste' (see `tasteWeight`): what the user liked counts for similar
   * titles, what they disliked counts against them.
   */
  value: 'binary' | 'rating' | 'centred' | 'taste';
  /** For value 'taste': its weights (default `LIKED_ONLY`). */
  taste?: Taste;
  /** Multiplier of this component's score in the blend. */
  weight: number;
  /**
   * When set, the weight fades with the user's history: weight · h / (h + ratings). Content
   * carries a user with 4 ratings; a user with 150 is better served by their co-raters.
   */
  fadeWithHistory?: number;
  neighbours: Neighbours;
}

// Weight lists are the expensive part of a recommender; the published model and the compared
// ones share them (same model, same settings) instead of building them twice.
const memo = new WeakMap<Model, Map<string, Neighbours>>();

export function memoised(model: Model, key: string, build: () => Neighbours): Neighbours {
  let byKey = memo.get(model);
  if (!byKey) memo.set(model, (byKey = new Map()));
  let nb = byKey.get(key);
  if (!nb) byKey.set(key, (nb = build()));
  return nb;
}

export interface ItemKnnOptions {
  k: number;
  shrink: number;
  binary: boolean;
}

/** Item-kNN: cosine between titles' rating columns, optionally shrunk and on implicit data. */
export function itemKnn(model: Model, o: ItemKnnOptions): Neighbours {
  // The model's own rating neighbours are this very computation when the options match: the
  // evaluation's item-kNN floor reused them instead of computing the kernel a second time.
  if (model.ratingNeighboursK === o.k && o.shrink === 0 && !o.binary) return model.ratingNeighbours;
  return memoised(model, `knn ${JSON.stringify(o)}`, () => itemCosineTopK(model.learning, o.k, { shrink: o.shrink, binary: o.binary }));
}

export interface Rp3Options {
  k: number;
  /** Exponent on the transition probabilities (1 = plain random walk). */
  alpha: number;
  /** Popularity penalty: the walk's end title is divided by its degree^beta. */
  beta: number;
}

/**
 * RP3beta (Paudel et al. 2017): a 3-step random walk title → user → title on the implicit
 * graph, W[i,j] = Σ_u (1/deg i)^α (1/deg u)^α / deg(j)^β, each row kept to its top k and
 * normalised to sum 1 (as the reference implementation does).
 */
export function rp3beta(model: Model, o: Rp3Options): Neighbours {
  return memoised(model, `rp3beta ${JSON.stringify(o)}`, () => buildRp3beta(model, o));
}

function buildRp3beta(model: Model, o: Rp3Options): Neighbours {
  const m = model.learning;
  const userWeight = new Float64Array(m.nUsers);
  for (let u = 0; u < m.nUsers; u++) {
    const d = m.rowPtr[u + 1] - m.rowPtr[u];
    userWeight[u] = d > 0 ? Math.pow(d, -o.alpha) : 0;
  }
  const left = new Float64Array(m.nTitles);
  const right = new Float64Array(m.nTitles);
  for (let t = 0; t < m.nTitles; t++) {
    const d = m.colPtr[t + 1] - m.colPtr[t];
    left[t] = d > 0 ? Math.pow(d, -o.alpha) : 0;
    right[t] = d > 0 ? Math.pow(d, -o.beta) : 0;
  }
  const value = new Float32Array(m.rowVal.length).fill(1);
  const nb = coRatedTopK(m, o.k, { value, userWeight, left, right, norm: null, shrink: 0 });
  normaliseRows(nb);
  return nb;
}

function normaliseRows(nb: Neighbours): void {
  for (let r = 0; r + 1 < nb.ptr.length; r++) {
    let s = 0;
    for (let p = nb.ptr[r]; p < nb.ptr[r + 1]; p++) s += nb.val[p];
    if (s > 0) for (let p = nb.ptr[r]; p < nb.ptr[r + 1]; p++) nb.val[p] /= s;
  }
}

/** Content neighbours as built by the model (TF-IDF cosine). */
export function contentKnn(model: Model): Neighbours {
  return model.content.neighbours;
}

/**
 * Whether a rating says the user liked the title: at or above both their own mean rating and the
 * middle of the scale. Only liked ratings are ever cited as reasons or raise a score.
 */
export function isLiked(rating: number, userMean: number, midpoint: number): boolean {
  return rating >= userMean && rating >= midpoint;
}

/**
 * The weights of a 'taste' value: a liked title counts `implicit + centred·(r − mean)`; a disliked
 * one counts `against·(r − max(mean, midpoint))`, never above 0, so it can only lower the scores
 * of titles like it.
 */
export interface Taste {
  implicit: number;
  centred: number;
  against: number;
}

/** Liked titles count 1, disliked ones 0: the implicit signal of what the user liked. */
export const LIKED_ONLY: Taste = { implicit: 1, centred: 0, against: 0 };

/** The mean-centred rating, clamped to ≤ 0 for a disliked title. */
export const CENTRED_TASTE: Taste = { implicit: 0, centred: 1, against: 1 };

/** The 'taste' weight x(u,i) of one rating (see `Taste`). */
export function tasteWeight(rating: number, userMean: number, midpoint: number, w: Taste): number {
  if (isLiked(rating, userMean, midpoint)) return w.implicit + w.centred * (rating - userMean);
  return Math.min(0, w.against * (rating - Math.max(userMean, midpoint)));
}

/** x(u,i) of a component for one rating. */
export function ratingWeight(c: Component, rating: number, userMean: number, midpoint: number): number {
  switch (c.value) {
    case 'binary':
      return 1;
    case 'rating':
      return rating;
    case 'centred':
      return rating - midpoint;
    case 'taste':
      return tasteWeight(rating, userMean, midpoint, c.taste ?? LIKED_ONLY);
  }
}
