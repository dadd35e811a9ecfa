// Turns a blend of components into ranked, filtered, explained recommendations for one user.
// Scoring is one pass over the user's rated titles and their neighbour lists into a dense score
// array (reused across users), recording each candidate's two strongest contributors on the way
// so explanations cost nothing extra. Candidates: titles the user has not rated that pass the
// genre filters. Order: score desc, then title id. Titles the user's history does not reach are
// filled from the popularity ranking, and users with too little history get popularity only.
import type { Model } from '../model/index.ts';
import { TopK } from '../model/topk.ts';
import type { Reason, Recommendation, RecommendOptions } from '../types.ts';
import type { Component } from './components.ts';
import { collaborativeExplanation, popularExplanation } from './explain.ts';

export interface Recommender {
  name: string;
  label: string;
  components: Component[];
  /** Users with fewer ratings than this get the popularity fallback (documented in the report). */
  minHistory: number;
}

/** Fewer ratings than this and a user's list is the popularity ranking (filtered). */
export const MIN_HISTORY = 2;

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

/** One component's per-title accumulators (raw, before the per-user scaling). */
class ComponentBuffers {
  readonly score: Float64Array;
  /** The two strongest single contributions per title: rated title position and amount. */
  readonly best1: Int32Array;
  readonly best1c: Float64Array;
  readonly best2: Int32Array;
  readonly best2c: Float64Array;
  max = 0;
  /** This user's factor: effective weight ÷ max. */
  scale = 0;
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.best1 = new Int32Array(n);
    this.best1c = new Float64Array(n);
    this.best2 = new Int32Array(n);
    this.best2c = new Float64Array(n);
  }
}

/**
 * Scratch buffers and per-model tables shared by all users of one ranking run. Components are
 * blended after scaling each by its maximum for this user, so a blend weight means the same
 * whatever the component's natural scale (row-normalised walk probabilities vs cosines).
 */
export class Ranker {
  private readonly buffers: ComponentBuffers[];
  private readonly score: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly rated: Int32Array;
  /** Rank of each title position in title-id order: the heap's tie-breaker. */
  private readonly idRank: Int32Array;
  private readonly byIdRank: Int32Array;
  /** Title positions by popularity (count desc, then id). */
  readonly popularOrder: Int32Array;
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
    this.buffers = recommender.components.map(() => new ComponentBuffers(n));
    for (const b of this.buffers) {
      b.best1.fill(-1);
      b.best2.fill(-1);
    }
    this.score = new Float64Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.rated = new Int32Array(n).fill(-1);
    const byId = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareIds(model.titleIds[a], model.titleIds[b]));
    this.byIdRank = Int32Array.from(byId);
    this.idRank = new Int32Array(n);
    byId.forEach((t, r) => (this.idRank[t] = r));
    this.popularOrder = Int32Array.from(byId).sort((a, b) => model.ratingCount[b] - model.ratingCount[a] || this.idRank[a] - this.idRank[b]);
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
    const stampId = ++this.call;
    const ratings = u === undefined ? [] : model.userRatings(u);
    for (const r of ratings) this.rated[r.pos] = stampId;
    const { rated } = this;
    const allowed = (t: number) => rated[t] !== stampId && (mask === null || mask[t] === 1);
    const out: Recommendation[] = [];
    if (ratings.length >= this.recommender.minHistory) {
      const nTouched = this.accumulate(ratings, stampId);
      this.blend(nTouched, ratings.length);
      const heap = new TopK(k);
      const { score, touched, idRank } = this;
      for (let s = 0; s < nTouched; s++) {
        const t = touched[s];
        if (score[t] > 0 && rated[t] !== stampId && (mask === null || mask[t] === 1)) heap.push(idRank[t], score[t]);
      }
      const { pos } = heap.drain();
      const ratingOf = new Map(ratings.map((r) => [r.pos, r.value]));
      for (const r of pos) {
        const t = this.byIdRank[r];
        const reasons = this.reasons(t, ratingOf);
        out.push({
          titleId: model.titleIds[t],
          rank: out.length + 1,
          score: this.score[t],
          source: 'collaborative',
          reasons,
          explanation: collaborativeExplanation(model, reasons),
        });
      }
      this.clear(nTouched);
    }
    // fill from popularity: cold users entirely, others where their history reaches too few titles
    const chosen = new Set(out.map((r) => r.titleId));
    for (let i = 0; i < this.popularOrder.length && out.length < k; i++) {
      const t = this.popularOrder[i];
      if (!allowed(t) || chosen.has(model.titleIds[t])) continue;
      out.push({
        titleId: model.titleIds[t],
        rank: out.length + 1,
        score: model.ratingCount[t],
        source: 'popular',
        reasons: [],
        explanation: popularExplanation(model, t),
      });
    }
    return out;
  }

  /**
   * Fills each component's buffers for every title reached from the user's ratings. Buffers
   * are all-zero between users (`clear` restores that), so the hot loop only adds.
   */
  private accumulate(ratings: { pos: number; value: number }[], stampId: number): number {
    const { stamp, touched } = this;
    const midpoint = this.model.ratingMidpoint;
    const components = this.recommender.components;
    let n = 0;
    for (let ci = 0; ci < components.length; ci++) {
      const c = components[ci];
      const { score, best1, best1c, best2, best2c } = this.buffers[ci];
      const { ptr, idx, val } = c.neighbours;
      for (let ri = 0; ri < ratings.length; ri++) {
        const r = ratings[ri];
        const x = c.value === 'binary' ? 1 : c.value === 'rating' ? r.value : r.value - midpoint;
        for (let p = ptr[r.pos]; p < ptr[r.pos + 1]; p++) {
          const t = idx[p];
          if (stamp[t] !== stampId) {
            stamp[t] = stampId;
            touched[n++] = t;
          }
          const contrib = x * val[p];
          score[t] += contrib;
          if (contrib > best1c[t]) {
            best2[t] = best1[t];
            best2c[t] = best1c[t];
            best1[t] = r.pos;
            best1c[t] = contrib;
          } else if (contrib > best2c[t]) {
            best2[t] = r.pos;
            best2c[t] = contrib;
          }
        }
      }
    }
    return n;
  }

  /** Zeroes what `accumulate` wrote (best positions back to -1). */
  private clear(nTouched: number): void {
    for (const b of this.buffers) {
      for (let s = 0; s < nTouched; s++) {
        const t = this.touched[s];
        b.score[t] = 0;
        b.best1[t] = -1;
        b.best1c[t] = 0;
        b.best2[t] = -1;
        b.best2c[t] = 0;
      }
    }
  }

  /** score = Σ_c weight_c · score_c / max_c over the touched titles. */
  private blend(nTouched: number, history: number): void {
    const { touched, score } = this;
    for (const b of this.buffers) {
      let max = 0;
      for (let s = 0; s < nTouched; s++) if (b.score[touched[s]] > max) max = b.score[touched[s]];
      b.max = max;
    }
    for (let s = 0; s < nTouched; s++) score[touched[s]] = 0;
    this.recommender.components.forEach((c, ci) => {
      const b = this.buffers[ci];
      b.scale = b.max > 0 ? effectiveWeight(c, history) / b.max : 0;
      if (b.scale === 0) return;
      const f = b.scale;
      for (let s = 0; s < nTouched; s++) score[touched[s]] += f * b.score[touched[s]];
    });
  }

  private cosine(i: number, t: number): number {
    const key = i * this.model.titleIds.length + t;
    let v = this.cosineCache.get(key);
    if (v === undefined) this.cosineCache.set(key, (v = this.model.itemSimilarity(i, t)));
    return v;
  }

  /** The two rated titles with the largest scaled contribution to t, across components. */
  private reasons(t: number, ratingOf: Map<number, number>): Reason[] {
    const { model } = this;
    const cands: { pos: number; amount: number; content: boolean }[] = [];
    this.recommender.components.forEach((c, ci) => {
      const b = this.buffers[ci];
      if (b.scale === 0) return;
      const f = b.scale;
      const content = c.kind === 'content';
      if (b.best1[t] >= 0) cands.push({ pos: b.best1[t], amount: f * b.best1c[t], content });
      if (b.best2[t] >= 0) cands.push({ pos: b.best2[t], amount: f * b.best2c[t], content });
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
