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

/** Scratch buffers and per-model tables shared by all users of one ranking run. */
export class Ranker {
  private readonly score: Float64Array;
  private readonly best1: Int32Array;
  private readonly best1c: Float64Array;
  private readonly best1k: Uint8Array;
  private readonly best2: Int32Array;
  private readonly best2c: Float64Array;
  private readonly best2k: Uint8Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly rated: Int32Array;
  /** Rank of each title position in title-id order: the heap's tie-breaker. */
  private readonly idRank: Int32Array;
  private readonly byIdRank: Int32Array;
  /** Title positions by popularity (count desc, then id). */
  readonly popularOrder: Int32Array;
  private call = 0;

  constructor(
    readonly model: Model,
    readonly recommender: Recommender,
  ) {
    const n = model.titleIds.length;
    this.score = new Float64Array(n);
    this.best1 = new Int32Array(n);
    this.best1c = new Float64Array(n);
    this.best1k = new Uint8Array(n);
    this.best2 = new Int32Array(n);
    this.best2c = new Float64Array(n);
    this.best2k = new Uint8Array(n);
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
    const allowed = (t: number) => this.rated[t] !== stampId && (mask === null || mask[t] === 1);
    const out: Recommendation[] = [];
    if (ratings.length >= this.recommender.minHistory) {
      const nTouched = this.accumulate(ratings, stampId);
      const heap = new TopK(k);
      for (let s = 0; s < nTouched; s++) {
        const t = this.touched[s];
        if (this.score[t] > 0 && allowed(t)) heap.push(this.idRank[t], this.score[t]);
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

  /** Fills `score` for every title reached from the user's ratings; returns the touched count. */
  private accumulate(ratings: { pos: number; value: number }[], stampId: number): number {
    const { score, stamp, touched, best1, best1c, best1k, best2, best2c, best2k } = this;
    let n = 0;
    for (const c of this.recommender.components) {
      const nb = c.neighbours;
      const kindCode = c.kind === 'content' ? 1 : 0;
      for (const r of ratings) {
        const x = (c.value === 'binary' ? 1 : r.value) * c.weight;
        for (let p = nb.ptr[r.pos]; p < nb.ptr[r.pos + 1]; p++) {
          const t = nb.idx[p];
          const contrib = x * nb.val[p];
          if (stamp[t] !== stampId) {
            stamp[t] = stampId;
            score[t] = 0;
            best1[t] = -1;
            best1c[t] = 0;
            best2[t] = -1;
            best2c[t] = 0;
            touched[n++] = t;
          }
          score[t] += contrib;
          // keep the two strongest single contributions (a title can contribute via two components)
          if (contrib > best1c[t]) {
            if (best1[t] !== r.pos) {
              best2[t] = best1[t];
              best2c[t] = best1c[t];
              best2k[t] = best1k[t];
            }
            best1[t] = r.pos;
            best1c[t] = contrib;
            best1k[t] = kindCode;
          } else if (contrib > best2c[t] && best1[t] !== r.pos) {
            best2[t] = r.pos;
            best2c[t] = contrib;
            best2k[t] = kindCode;
          }
        }
      }
    }
    return n;
  }

  private reasons(t: number, ratingOf: Map<number, number>): Reason[] {
    const { model } = this;
    const reasons: Reason[] = [];
    const add = (i: number, kind: number) => {
      if (i < 0) return;
      const isContent = kind === 1;
      reasons.push({
        titleId: model.titleIds[i],
        rating: ratingOf.get(i)!,
        similarity: isContent ? model.contentSimilarity(i, t) : model.itemSimilarity(i, t),
        kind: isContent ? 'content' : 'ratings',
      });
    };
    add(this.best1[t], this.best1k[t]);
    add(this.best2[t], this.best2k[t]);
    return reasons;
  }
}
