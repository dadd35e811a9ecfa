// Turns a blend of components into ranked, filtered, explained recommendations for one user.
// Scoring is one pass over the user's rated titles and their neighbour lists into dense score
// arrays (reused across users). Explanations need each recommended title's strongest
// contributors; they are found by a second, cheaper pass that looks only at the k chosen
// titles, because tracking contributors for every title reached made the hot loop twice as
// slow (10,000 users × 50 ratings × 250 neighbours per build), and the evaluation, which ranks
// every user again per model, needs no explanations at all. Candidates: titles the user has not
// rated that pass the genre filters. Order: score desc, then title id. Only what the user liked
// (components.ts `isLiked`) raises a score or is cited as a reason; a disliked title only lowers
// the titles like it. A title whose score is below `MIN_MATCH` of the user's best has no real
// evidence behind it and is left out; the places left, and the whole list of a user with too
// little history, are filled from the popularity ranking, first within the genres the user liked,
// each labelled as such.
import type { Model } from '../model/index.ts';
import { denseRows, type DenseRows } from '../model/denseRows.ts';
import { TopK } from '../model/topk.ts';
import type { Reason, Recommendation, RecommendOptions } from '../types.ts';
import { isLiked, ratingWeight, type Component } from './components.ts';
import { collaborativeExplanation, exploratoryExplanation, popularExplanation } from './explain.ts';

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
 * (slot = the title's place in the top list): rated title position and amount.
 */
class BestContributors {
  readonly best1: Int32Array;
  readonly best1c: Float64Array;
  readonly best2: Int32Array;
  readonly best2c: Float64Array;
  constructor(k: number) {
    this.best1 = new Int32Array(k);
    this.best1c = new Float64Array(k);
    this.best2 = new Int32Array(k);
    this.best2c = new Float64Array(k);
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
 * One component's raw scores for the current user, before the per-user scaling; all zero
 * between users. A component with dense rows (EASE: ~1,100 of 1,500 weights in every row) adds
 * whole rows into `acc`, one slot per column of the dense matrix: a contiguous loop with no
 * per-entry bookkeeping, which on the MovieLens-10M shape scores that component in half the time
 * of walking its sparse rows. The others add into `score` by title and list the titles they
 * reached in `touched`, so scaling and clearing visit only those.
 */
class ComponentScores {
  readonly score: Float64Array;
  readonly stamp: Int32Array;
  readonly touched: Int32Array;
  count = 0;
  /** Dense components only: a slot per column of `dense`. */
  readonly acc: Float64Array | null;
  /** Whether `acc` received a row for the current user. */
  used = false;
  constructor(
    n: number,
    readonly dense: DenseRows | null,
  ) {
    this.acc = dense === null ? null : new Float64Array(dense.cols.length);
    this.score = dense === null ? new Float64Array(n) : new Float64Array(0);
    this.stamp = dense === null ? new Int32Array(n).fill(-1) : new Int32Array(0);
    this.touched = dense === null ? new Int32Array(n) : new Int32Array(0);
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
  private readonly score: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
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
    this.best = recommender.components.map(() => new BestContributors(0));
    this.dense = recommender.components.map((c) => denseRows(c.neighbours));
    this.componentScore = this.dense.map((d) => new ComponentScores(n, d));
    this.score = new Float64Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.rated = new Int32Array(n).fill(-1);
    this.slot = new Int32Array(n).fill(-1);
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
    this.clear();
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
    const { top } = this.select(u, k, mask);
    this.clear();
    return top;
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

  /** Titles `select` reached for the current user, until `clear`. */
  private touchedCount = 0;
  /** The current user's mean rating (set by `select`). */
  private userMean = 0;

  /**
   * Chooses the user's top k: first from the blended scores (the first `fromHistory` entries),
   * then from popularity. Leaves the scores in place for `explain`; the caller clears them.
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
    this.touchedCount = 0;
    if (end - start >= this.recommender.minHistory) {
      const nTouched = this.accumulate(start, end, stampId);
      this.touchedCount = nTouched;
      this.blend(nTouched, end - start);
      if (this.heap.k !== k) this.heap = new TopK(k);
      const { heap, score, touched, idRank, byIdRank } = this;
      // The bar a candidate must clear once the heap is full, kept in locals: most of the
      // ~2,000 titles a user's history reaches fall below it, and skip the heap entirely.
      let barValue = -Infinity;
      let barRank = -1;
      for (let s = 0; s < nTouched; s++) {
        const t = touched[s];
        const v = score[t];
        if (!(v > 0) || rated[t] === stampId || (mask !== null && mask[t] !== 1)) continue;
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
   * Adds every component's weights from the user's ratings (matrix entries start..end) into
   * its scores, recording the titles reached by any component in `touched`. Each title's sum
   * is built in the order of the user's ratings whichever path a component takes, so dense and
   * sparse rows give the same scores to the bit.
   */
  private accumulate(start: number, end: number, stampId: number): number {
    const { stamp, touched } = this;
    const { colIdx, rowVal } = this.model.matrix;
    const midpoint = this.model.ratingMidpoint;
    const userMean = this.userMean;
    const components = this.recommender.components;
    let n = 0;
    for (let ci = 0; ci < components.length; ci++) {
      const c = components[ci];
      const cs = this.componentScore[ci];
      const dense = cs.dense;
      if (dense !== null) {
        const acc = cs.acc!;
        const { rowOf, weights } = dense;
        const width = acc.length;
        for (let q = start; q < end; q++) {
          const r = rowOf[colIdx[q]];
          if (r < 0) continue;
          const x = ratingWeight(c, rowVal[q], userMean, midpoint);
          if (x === 0) continue;
          cs.used = true;
          const base = r * width;
          // unrolled by four: V8 does not vectorise, and this is a quarter faster (same sums)
          let j = 0;
          for (; j + 3 < width; j += 4) {
            const b = base + j;
            acc[j] += x * weights[b];
            acc[j + 1] += x * weights[b + 1];
            acc[j + 2] += x * weights[b + 2];
            acc[j + 3] += x * weights[b + 3];
          }
          for (; j < width; j++) acc[j] += x * weights[base + j];
        }
        if (cs.used) {
          const cols = dense.cols;
          for (let j = 0; j < width; j++) {
            const t = cols[j];
            if (stamp[t] !== stampId) {
              stamp[t] = stampId;
              touched[n++] = t;
            }
          }
        }
        continue;
      }
      const { score, stamp: own, touched: reached } = cs;
      let m = 0;
      const { ptr, idx, val } = c.neighbours;
      for (let q = start; q < end; q++) {
        const i = colIdx[q];
        const x = ratingWeight(c, rowVal[q], userMean, midpoint);
        if (x === 0) continue;
        const last = ptr[i + 1];
        for (let p = ptr[i]; p < last; p++) {
          const t = idx[p];
          if (own[t] !== stampId) {
            own[t] = stampId;
            reached[m++] = t;
            if (stamp[t] !== stampId) {
              stamp[t] = stampId;
              touched[n++] = t;
            }
          }
          score[t] += x * val[p];
        }
      }
      cs.count = m;
    }
    return n;
  }

  /** Zeroes what `accumulate` wrote. */
  private clear(): void {
    for (const cs of this.componentScore) {
      if (cs.acc !== null) {
        if (cs.used) cs.acc.fill(0);
        cs.used = false;
        continue;
      }
      const { score, touched } = cs;
      for (let s = 0; s < cs.count; s++) score[touched[s]] = 0;
      cs.count = 0;
    }
    this.touchedCount = 0;
  }

  /**
   * score = Σ_c weight_c · score_c / max_c over the touched titles, added component by
   * component (in their order, as every title's sum always was).
   */
  private blend(nTouched: number, history: number): void {
    const { touched, score } = this;
    for (let s = 0; s < nTouched; s++) score[touched[s]] = 0;
    const components = this.recommender.components;
    for (let ci = 0; ci < components.length; ci++) {
      const cs = this.componentScore[ci];
      let max = 0;
      if (cs.acc !== null) {
        const acc = cs.acc;
        if (cs.used) for (let j = 0; j < acc.length; j++) if (acc[j] > max) max = acc[j];
      } else {
        for (let s = 0; s < cs.count; s++) if (cs.score[cs.touched[s]] > max) max = cs.score[cs.touched[s]];
      }
      const f = max > 0 ? effectiveWeight(components[ci], history) / max : 0;
      this.componentScale[ci] = f;
      if (f === 0) continue;
      if (cs.acc !== null) {
        const { acc } = cs;
        const cols = cs.dense!.cols;
        for (let j = 0; j < acc.length; j++) score[cols[j]] += f * acc[j];
      } else {
        const { score: own, touched: reached } = cs;
        for (let s = 0; s < cs.count; s++) score[reached[s]] += f * own[reached[s]];
      }
    }
  }

  /**
   * For each chosen title, the two rated titles with the largest scaled single contribution,
   * across components: a second pass over the user's neighbour lists that stops only at the
   * chosen titles. Contributions are visited in the same order as `accumulate`, and only
   * positive ones count, so ties resolve the same way whichever pass records them.
   */
  private explain(u: number, top: Int32Array): Reason[][] {
    const { model, slot } = this;
    const m = model.matrix;
    const midpoint = model.ratingMidpoint;
    const components = this.recommender.components;
    const start = m.rowPtr[u];
    const end = m.rowPtr[u + 1];
    for (let j = 0; j < top.length; j++) slot[top[j]] = j;
    for (let ci = 0; ci < components.length; ci++) {
      if (this.best[ci].best1.length < top.length) this.best[ci] = new BestContributors(top.length);
      const b = this.best[ci];
      b.reset(top.length);
      if (this.componentScale[ci] === 0) continue;
      const c = components[ci];
      const { ptr, idx, val } = c.neighbours;
      const dense = this.dense[ci];
      const { best1, best1c, best2, best2c } = b;
      const offer = (j: number, i: number, contrib: number): void => {
        if (contrib > best1c[j]) {
          best2[j] = best1[j];
          best2c[j] = best1c[j];
          best1[j] = i;
          best1c[j] = contrib;
        } else if (contrib > best2c[j]) {
          best2[j] = i;
          best2c[j] = contrib;
        }
      };
      for (let q = start; q < end; q++) {
        const i = m.colIdx[q];
        // only liked ratings are reasons: a disliked title never explains a recommendation
        if (!isLiked(m.rowVal[q], this.userMean, midpoint)) continue;
        const x = ratingWeight(c, m.rowVal[q], this.userMean, midpoint);
        if (dense !== null) {
          // the chosen titles' weights read directly: each chosen title is offered what the walk
          // would offer it, in the same order of ratings (a zero weight changes no reason)
          const r = dense.rowOf[i];
          if (r < 0) continue;
          const base = r * dense.cols.length;
          for (let j = 0; j < top.length; j++) {
            const col = dense.colOf[top[j]];
            if (col < 0) continue;
            const w = dense.weights[base + col];
            if (w !== 0) offer(j, i, x * w);
          }
          continue;
        }
        const last = ptr[i + 1];
        for (let p = ptr[i]; p < last; p++) {
          const j = slot[idx[p]];
          if (j >= 0) offer(j, i, x * val[p]);
        }
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
