// Turns a blend of components into ranked, filtered, explained recommendations for one user.
// Scoring is one pass over the user's rated titles and their neighbour lists into dense score
// arrays (reused across users). The loops over neighbour lists and score arrays run in
// WebAssembly (kernels.ts), which did them in half the time of JavaScript on the MovieLens-10M
// shape; choosing the rows, weighting the ratings and wording the reasons stay here.
// Explanations need each recommended title's strongest contributors; they are found by a
// second, cheaper pass that looks only at the k chosen titles, because tracking contributors
// for every title reached made the hot loop twice as slow (10,000 users × 50 ratings × 250
// neighbours per build), and the evaluation, which ranks every user again per model, needs no
// explanations at all. Candidates: titles the user has not rated that pass the genre filters.
// Order: score desc, then title id. Only what the user liked (components.ts `isLiked`) raises a
// score or is cited as a reason; a disliked title only lowers the titles like it. A title whose
// score is below `MIN_MATCH` of the user's best has no real evidence behind it and is left out;
// the places left, and the whole list of a user with too little history, are filled from the
// popularity ranking, first within the genres the user liked, each labelled as such.
import type { Model, Neighbours } from '../model/index.ts';
import { denseRows, type DenseRows } from '../model/denseRows.ts';
import { TopK } from '../model/topk.ts';
import type { Reason, Recommendation, RecommendOptions } from '../types.ts';
import { isLiked, ratingWeight, type Component } from './components.ts';
import { collaborativeExplanation, exploratoryExplanation, popularExplanation } from './explain.ts';
import { kernelBytes, KernelMemory } from './kernels.ts';

export interface Recommender {
  name: string;
  label: string;
  components: Component[];
  /** Users with fewer ratings than this get the popularity fallback (documented in the report). */
  minHistory: number;
  /** Share of the user's best score a title needs (default `MIN_MATCH`). */
  minMatch?: number;
  /** The fill: popular titles in the user's liked genres first (default), or plain popularity. */
  fallback?: 'liked-genres' | 'popularity';
}

/** Fewer ratings than this and a user's list is the popularity ranking (filtered). */
export const MIN_HISTORY = 2;

/** A title scoring below this share of the user's best recommendation is not evidence enough. */
export const MIN_MATCH = 0.1;

/** Genres a user's liked titles count most (ties by genre name): the fallback's "your genres". */
export const LIKED_GENRES = 3;

/** Title ids compare as numbers when both are whole numbers, else as strings: "2" < "10". */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function effectiveWeight(c: Component, history: number): number {
  return c.fadeWithHistory === undefined ? c.weight : (c.weight * c.fadeWithHistory) / (c.fadeWithHistory + history);
}

/**
 * The two strongest single contributions of one component to each of the user's top titles
 * (slot = the title's place in the top list): rated title position and amount. In kernel
 * memory, with a slot for every title, so a list of any length fits.
 */
class BestContributors {
  readonly best1: Int32Array;
  readonly best1c: Float64Array;
  readonly best2: Int32Array;
  readonly best2c: Float64Array;
  constructor(mem: KernelMemory, n: number) {
    this.best1 = mem.i32(n);
    this.best1c = mem.f64(n);
    this.best2 = mem.i32(n);
    this.best2c = mem.f64(n);
  }
  static bytes(n: number): number[] {
    return [n * 4, n * 8, n * 4, n * 8];
  }
  reset(n: number): void {
    this.best1.fill(-1, 0, n);
    this.best2.fill(-1, 0, n);
    this.best1c.fill(0, 0, n);
    this.best2c.fill(0, 0, n);
  }
}

/**
 * The fallback's order: what most users liked first (isLiked: at or above both their own mean and
 * the middle of the scale, the report's one sense of "liked"), so a title four users rated at a
 * mean of ★2.8 does not come before one three users rated ★4.3; then more raters, the higher
 * mean, the title id.
 */
function likedOrder(model: Model, byId: number[], idRank: Int32Array): Int32Array {
  const likedBy = new Int32Array(byId.length);
  const { rowPtr, colIdx, rowVal } = model.matrix;
  for (let u = 0; u + 1 < rowPtr.length; u++) {
    const from = rowPtr[u];
    const to = rowPtr[u + 1];
    let sum = 0;
    for (let q = from; q < to; q++) sum += rowVal[q];
    const mean = to > from ? sum / (to - from) : 0;
    for (let q = from; q < to; q++) if (isLiked(rowVal[q], mean, model.ratingMidpoint)) likedBy[colIdx[q]]++;
  }
  return Int32Array.from(byId).sort(
    (a, b) => likedBy[b] - likedBy[a] || model.ratingCount[b] - model.ratingCount[a] || model.ratingMean[b] - model.ratingMean[a] || idRank[a] - idRank[b],
  );
}

/**
 * One component's raw scores for the current user, in kernel memory; all zero between users.
 * A component with dense rows (EASE: ~1,100 of 1,500 weights in every row) adds whole rows into
 * `score`, one slot per column of the dense matrix, two lanes at a time. The others scatter their
 * neighbour lists (copied into kernel memory) into `score`, one slot per title. Every slot is
 * then read whole by `blend`: a pass over all titles costs less than keeping a list of the titles
 * reached (that bookkeeping made up most of the scoring time in JavaScript).
 */
class ComponentScores {
  readonly score: Float64Array;
  /** Sparse components: the neighbour lists; dense ones: the weights and columns. */
  readonly ptr: Int32Array | null;
  readonly idx: Int32Array | null;
  readonly val: Float32Array | null;
  readonly weights: Float32Array | null;
  readonly cols: Int32Array | null;
  /** Whether `score` received anything for the current user. */
  used = false;
  constructor(mem: KernelMemory, n: number, nb: Neighbours, dense: DenseRows | null) {
    this.score = mem.f64(dense === null ? n : dense.cols.length);
    this.ptr = dense === null ? mem.copyI32(nb.ptr) : null;
    this.idx = dense === null ? mem.copyI32(nb.idx) : null;
    this.val = dense === null ? mem.copyF32(nb.val) : null;
    this.weights = dense === null ? null : mem.copyF32(dense.weights);
    this.cols = dense === null ? null : mem.copyI32(dense.cols);
  }

  /** Bytes of kernel memory one needs. */
  static bytes(n: number, nb: Neighbours, dense: DenseRows | null): number[] {
    return dense === null ? [n * 8, nb.ptr.length * 4, nb.idx.length * 4, nb.val.length * 4] : [dense.cols.length * 8, dense.weights.length * 4, dense.cols.length * 4];
  }
}

export class Ranker {
  /** Per component: its raw scores for the current user. */
  private readonly componentScore: ComponentScores[];
  private readonly componentScale: Float64Array;
  private readonly best: BestContributors[];
  /**
   * Per component: its neighbour lists as a dense matrix when they are nearly full (EASE), else
   * null; scoring adds its rows whole, and `explain` reads a chosen title's weight from it
   * instead of walking the row.
   */
  private readonly dense: (DenseRows | null)[];
  /** The blended score of every title for the current user (kernel memory). */
  private readonly score: Float64Array;
  /**
   * The rows the current component reads for the current user, the rated titles they belong to
   * (for dense rows; a sparse row is its title) and their weights x(u,i).
   */
  private readonly rows: Int32Array;
  private readonly titles: Int32Array;
  private readonly xs: Float64Array;
  /** The titles a ranking may choose from (see `select`), the genre mask, and for `explain` the chosen titles' dense columns. */
  private readonly candidates: Int32Array;
  private readonly mask: Uint8Array;
  private readonly topCols: Int32Array;
  private readonly memory: KernelMemory;
  private readonly rated: Int32Array;
  /** The place of a title in the user's top list during `explain`, else -1. */
  private readonly slot: Int32Array;
  /** Rank of each title position in title-id order: the heap's tie-breaker. */
  private readonly idRank: Int32Array;
  private readonly byIdRank: Int32Array;
  /** The fill's order: `likedOrder`, or most rated first for the popularity baseline. */
  readonly popularOrder: Int32Array;
  private heap: TopK;
  private call = 0;
  /**
   * Rating cosines already computed for explanations, keyed by pair. Popular titles explain
   * many users' recommendations, so the same pairs recur across users.
   */
  private readonly cosineCache = new Map<number, number>();

  constructor(
    readonly model: Model,
    readonly recommender: Recommender,
  ) {
    const n = model.titleIds.length;
    this.componentScale = new Float64Array(recommender.components.length);
    this.dense = recommender.components.map((c) => denseRows(c.neighbours));
    const { rowPtr } = model.matrix;
    let longest = 0;
    for (let u = 0; u + 1 < rowPtr.length; u++) longest = Math.max(longest, rowPtr[u + 1] - rowPtr[u]);
    // score, rated, slot, the candidates, the mask, the chosen titles' columns; rows, titles, xs
    const sizes = [n * 8, n * 4, n * 4, n * 4, n, n * 4, longest * 4, longest * 4, longest * 8];
    recommender.components.forEach((c, ci) => sizes.push(kernelBytes(ComponentScores.bytes(n, c.neighbours, this.dense[ci])), kernelBytes(BestContributors.bytes(n))));
    const mem = new KernelMemory(kernelBytes(sizes));
    this.memory = mem;
    this.score = mem.f64(n);
    this.rated = mem.i32(n).fill(-1);
    this.slot = mem.i32(n).fill(-1);
    this.candidates = mem.i32(n);
    this.mask = mem.u8(n);
    this.topCols = mem.i32(n);
    this.rows = mem.i32(longest);
    this.titles = mem.i32(longest);
    this.xs = mem.f64(longest);
    this.componentScore = recommender.components.map((c, ci) => new ComponentScores(mem, n, c.neighbours, this.dense[ci]));
    this.best = recommender.components.map(() => new BestContributors(mem, n));
    const byId = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareIds(model.titleIds[a], model.titleIds[b]));
    this.byIdRank = Int32Array.from(byId);
    this.idRank = new Int32Array(n);
    byId.forEach((t, r) => (this.idRank[t] = r));
    this.popularOrder =
      recommender.fallback === 'popularity'
        ? // the evaluation's floor is the protocol's "most popular": most rated first, then id
          Int32Array.from(byId).sort((a, b) => model.ratingCount[b] - model.ratingCount[a] || this.idRank[a] - this.idRank[b])
        : likedOrder(model, byId, this.idRank);
    this.heap = new TopK(0);
  }

  /** Title positions allowed by the genre filters (null = all). */
  filterMask(opts: RecommendOptions): Uint8Array | null {
    const include = new Set(opts.includeGenres ?? []);
    const exclude = new Set(opts.excludeGenres ?? []);
    if (include.size === 0 && exclude.size === 0) return null;
    const mask = new Uint8Array(this.model.titleIds.length);
    this.model.titles.forEach((t, i) => {
      const inc = include.size === 0 || t.genres.some((g) => include.has(g));
      const exc = t.genres.some((g) => exclude.has(g));
      mask[i] = inc && !exc ? 1 : 0;
    });
    return mask;
  }

  /** The top `k` for user position `u` (or an unknown user: popularity), as Recommendations. */
  rank(u: number | undefined, k: number, mask: Uint8Array | null): Recommendation[] {
    const { model } = this;
    const { top, fromHistory, inGenres } = this.select(u, k, mask);
    const out: Recommendation[] = [];
    if (fromHistory > 0) {
      const reasons = this.explain(u!, top.subarray(0, fromHistory));
      const best = this.score[top[0]];
      for (let i = 0; i < fromHistory; i++) {
        const t = top[i];
        out.push({
          titleId: model.titleIds[t],
          rank: i + 1,
          score: this.score[t] / best,
          source: 'collaborative',
          reasons: reasons[i],
          explanation: collaborativeExplanation(model, reasons[i], model.userIds[u!]),
        });
      }
    }
    for (let i = fromHistory; i < top.length; i++) {
      const t = top[i];
      const genre = i < fromHistory + inGenres ? this.likedGenreOf(t) : null;
      out.push({
        titleId: model.titleIds[t],
        rank: i + 1,
        score: 0,
        source: 'popular',
        reasons: [],
        explanation: fromHistory > 0 ? exploratoryExplanation(model, t, genre) : popularExplanation(model, t, genre),
      });
    }
    return out;
  }

  /**
   * The same ranking as `rank`, as title positions only: what the evaluation needs, without
   * the explanations' cost.
   */
  rankPositions(u: number | undefined, k: number, mask: Uint8Array | null): Int32Array {
    return this.select(u, k, mask).top;
  }

  /** The current user's liked genres (positions, most liked first), set by `select`. */
  private likedGenres: number[] = [];

  /** The first of the user's liked genres that title t has (for the fallback's reason). */
  private likedGenreOf(t: number): string | null {
    const tg = this.model.titleGenres;
    for (const g of this.likedGenres) for (let p = tg.ptr[t]; p < tg.ptr[t + 1]; p++) if (tg.idx[p] === g) return this.model.genres[g];
    return null;
  }

  /** The `LIKED_GENRES` genres most of the user's liked titles have (ties by genre name). */
  private findLikedGenres(start: number, end: number): number[] {
    const { matrix: m, titleGenres: tg, ratingMidpoint } = this.model;
    const counts = new Map<number, number>();
    for (let q = start; q < end; q++) {
      if (!isLiked(m.rowVal[q], this.userMean, ratingMidpoint)) continue;
      const t = m.colIdx[q];
      for (let p = tg.ptr[t]; p < tg.ptr[t + 1]; p++) counts.set(tg.idx[p], (counts.get(tg.idx[p]) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, LIKED_GENRES).map(([g]) => g);
  }

  /** The current user's mean rating (set by `select`). */
  private userMean = 0;

  /**
   * Chooses the user's top k: first from the blended scores (the first `fromHistory` entries),
   * then from popularity. Leaves the blended scores in place for `explain`.
   */
  private select(u: number | undefined, k: number, mask: Uint8Array | null): { top: Int32Array; fromHistory: number; inGenres: number } {
    const { model, rated } = this;
    const m = model.matrix;
    const stampId = ++this.call;
    const start = u === undefined ? 0 : m.rowPtr[u];
    const end = u === undefined ? 0 : m.rowPtr[u + 1];
    let sum = 0;
    for (let p = start; p < end; p++) {
      rated[m.colIdx[p]] = stampId;
      sum += m.rowVal[p];
    }
    this.userMean = end > start ? sum / (end - start) : 0;
    const top: number[] = [];
    if (end - start >= this.recommender.minHistory) {
      this.accumulate(start, end);
      this.blend(end - start);
      if (this.heap.k !== k) this.heap = new TopK(k);
      const { heap, score, idRank, byIdRank, candidates } = this;
      if (mask !== null) this.mask.set(mask);
      const nCandidates = this.memory.kernels.candidates(score.byteOffset, rated.byteOffset, stampId, mask === null ? 0 : this.mask.byteOffset, score.length, candidates.byteOffset);
      // The bar a candidate must clear once the heap is full, kept in locals: most of the
      // ~2,000 titles a user's history reaches fall below it, and skip the heap entirely.
      let barValue = -Infinity;
      let barRank = -1;
      for (let s = 0; s < nCandidates; s++) {
        const t = candidates[s];
        const v = score[t];
        const r = idRank[t];
        if (v < barValue || (v === barValue && r > barRank)) continue;
        heap.push(r, v);
        if (heap.full) {
          barValue = heap.weakestValue;
          barRank = heap.weakestPos;
        }
      }
      const drained = heap.drain();
      // titles far below the user's best have no real evidence: they make way for labelled picks
      const bar = drained.vals.length > 0 ? drained.vals[0] * (this.recommender.minMatch ?? MIN_MATCH) : 0;
      for (let i = 0; i < drained.pos.length && drained.vals[i] >= bar; i++) top.push(byIdRank[drained.pos[i]]);
    }
    const fromHistory = top.length;
    // fill from popularity (cold users entirely, others where their evidence runs out): first the
    // most popular titles in the genres the user liked, then any
    let inGenres = 0;
    if (top.length < k) {
      this.likedGenres = this.recommender.fallback === 'popularity' ? [] : this.findLikedGenres(start, end);
      const chosen = new Set(top);
      const tg = model.titleGenres;
      const liked = new Set(this.likedGenres);
      for (const pass of liked.size > 0 ? [0, 1] : [1]) {
        for (let i = 0; i < this.popularOrder.length && top.length < k; i++) {
          const t = this.popularOrder[i];
          if (rated[t] === stampId || (mask !== null && mask[t] !== 1) || chosen.has(t)) continue;
          if (pass === 0) {
            let has = false;
            for (let p = tg.ptr[t]; p < tg.ptr[t + 1] && !has; p++) has = liked.has(tg.idx[p]);
            if (!has) continue;
          }
          chosen.add(t);
          top.push(t);
        }
        if (pass === 0) inGenres = top.length - fromHistory;
      }
    }
    return { top: Int32Array.from(top), fromHistory, inGenres };
  }

  /**
   * Adds every component's weights from the user's ratings (matrix entries start..end) into its
   * scores: the rows it reads and their weights x(u,i) are listed here, the adding is the
   * kernels'. Each title's sum is built in the order of the user's ratings, as it always was.
   */
  private accumulate(start: number, end: number): void {
    const { colIdx, rowVal } = this.model.matrix;
    const midpoint = this.model.ratingMidpoint;
    const userMean = this.userMean;
    const components = this.recommender.components;
    const { rows, xs } = this;
    const kernels = this.memory.kernels;
    for (let ci = 0; ci < components.length; ci++) {
      const c = components[ci];
      const cs = this.componentScore[ci];
      const dense = this.dense[ci];
      let count = 0;
      for (let q = start; q < end; q++) {
        const row = dense === null ? colIdx[q] : dense.rowOf[colIdx[q]];
        if (row < 0) continue;
        const x = ratingWeight(c, rowVal[q], userMean, midpoint);
        if (x === 0) continue;
        rows[count] = row;
        xs[count++] = x;
      }
      if (count === 0) continue;
      cs.used = true;
      if (dense === null) kernels.sparseAdd(cs.score.byteOffset, cs.ptr!.byteOffset, cs.idx!.byteOffset, cs.val!.byteOffset, rows.byteOffset, xs.byteOffset, count);
      else kernels.denseAdd(cs.score.byteOffset, cs.weights!.byteOffset, cs.score.length, rows.byteOffset, xs.byteOffset, count);
    }
  }

  /**
   * score = Σ_c weight_c · score_c / max_c for every title, added component by component (in
   * their order, as every title's sum always was); each component's scores are zeroed after.
   */
  private blend(history: number): void {
    const { score } = this;
    const kernels = this.memory.kernels;
    score.fill(0);
    const components = this.recommender.components;
    for (let ci = 0; ci < components.length; ci++) {
      const cs = this.componentScore[ci];
      const own = cs.score;
      const max = cs.used ? kernels.maxOf(own.byteOffset, own.length) : 0;
      const f = max > 0 ? effectiveWeight(components[ci], history) / max : 0;
      this.componentScale[ci] = f;
      if (!cs.used) continue;
      if (f !== 0) {
        if (cs.cols !== null) kernels.scatterScaled(score.byteOffset, cs.cols.byteOffset, own.byteOffset, own.length, f);
        else kernels.scaleAdd(score.byteOffset, own.byteOffset, own.length, f);
      }
      own.fill(0);
      cs.used = false;
    }
  }

  /**
   * For each chosen title, the two rated titles with the largest scaled single contribution,
   * across components: a second pass over the user's neighbour lists that stops only at the
   * chosen titles. Contributions are visited in the same order as `accumulate`, and only
   * positive ones count, so ties resolve the same way whichever pass records them.
   */
  private explain(u: number, top: Int32Array): Reason[][] {
    const { model, slot, rows, titles, xs, topCols } = this;
    const m = model.matrix;
    const midpoint = model.ratingMidpoint;
    const components = this.recommender.components;
    const kernels = this.memory.kernels;
    const start = m.rowPtr[u];
    const end = m.rowPtr[u + 1];
    for (let j = 0; j < top.length; j++) slot[top[j]] = j;
    for (let ci = 0; ci < components.length; ci++) {
      const b = this.best[ci];
      b.reset(top.length);
      if (this.componentScale[ci] === 0) continue;
      const c = components[ci];
      const dense = this.dense[ci];
      // only liked ratings are reasons: a disliked title never explains a recommendation
      let count = 0;
      for (let q = start; q < end; q++) {
        const i = m.colIdx[q];
        if (!isLiked(m.rowVal[q], this.userMean, midpoint)) continue;
        const row = dense === null ? i : dense.rowOf[i];
        if (row < 0) continue;
        rows[count] = row;
        titles[count] = i;
        xs[count++] = ratingWeight(c, m.rowVal[q], this.userMean, midpoint);
      }
      if (count === 0) continue;
      if (dense !== null) {
        // the chosen titles' weights read directly: each chosen title is offered what the walk
        // would offer it, in the same order of ratings (a zero weight changes no reason)
        for (let j = 0; j < top.length; j++) topCols[j] = dense.colOf[top[j]];
        const cs = this.componentScore[ci];
        kernels.explainDense(cs.weights!.byteOffset, dense.cols.length, rows.byteOffset, titles.byteOffset, xs.byteOffset, count, topCols.byteOffset, top.length, b.best1.byteOffset, b.best1c.byteOffset, b.best2.byteOffset, b.best2c.byteOffset);
      } else {
        const cs = this.componentScore[ci];
        kernels.explainSparse(cs.ptr!.byteOffset, cs.idx!.byteOffset, cs.val!.byteOffset, slot.byteOffset, rows.byteOffset, xs.byteOffset, count, b.best1.byteOffset, b.best1c.byteOffset, b.best2.byteOffset, b.best2c.byteOffset);
      }
    }
    for (let j = 0; j < top.length; j++) slot[top[j]] = -1;
    const ratingOf = new Map<number, number>();
    for (let q = start; q < end; q++) ratingOf.set(m.colIdx[q], m.rowVal[q]);
    return Array.from(top, (t, j) => this.reasons(t, j, ratingOf));
  }

  private cosine(i: number, t: number): number {
    const key = i * this.model.titleIds.length + t;
    let v = this.cosineCache.get(key);
    if (v === undefined) this.cosineCache.set(key, (v = this.model.itemSimilarity(i, t)));
    return v;
  }

  /** The two rated titles with the largest scaled contribution to t (slot j), across components. */
  private reasons(t: number, j: number, ratingOf: Map<number, number>): Reason[] {
    const { model } = this;
    const cands: { pos: number; amount: number; content: boolean }[] = [];
    this.recommender.components.forEach((c, ci) => {
      const f = this.componentScale[ci];
      if (f === 0) return;
      const b = this.best[ci];
      const content = c.kind === 'content';
      if (b.best1[j] >= 0) cands.push({ pos: b.best1[j], amount: f * b.best1c[j], content });
      if (b.best2[j] >= 0) cands.push({ pos: b.best2[j], amount: f * b.best2c[j], content });
    });
    cands.sort((a, b) => b.amount - a.amount || a.pos - b.pos);
    const reasons: Reason[] = [];
    const used = new Set<number>();
    for (const c of cands) {
      if (used.has(c.pos) || reasons.length === 2) continue;
      used.add(c.pos);
      reasons.push({
        titleId: model.titleIds[c.pos],
        rating: ratingOf.get(c.pos)!,
        similarity: c.content ? model.contentSimilarity(c.pos, t) : this.cosine(c.pos, t),
        kind: c.content ? 'content' : 'ratings',
      });
    }
    return reasons;
  }
}
