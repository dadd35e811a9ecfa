// EASE (Steck 2019): the closed-form item–item model B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹,
// with a zero diagonal. The inversion (spd.ts) is dense and cubic, so it runs only on a restricted
// set of titles — those with at least `minCount` ratings, at most `maxTitles` of them (most rated
// first) — and the result is kept as a sparse top-k per title like every other component.
import type { Model, Neighbours } from '../model/index.ts';
import { memoised, tasteWeight, type Taste } from './components.ts';
import { invertSpd } from './spd.ts';

export interface EaseOptions {
  lambda: number;
  minCount: number;
  maxTitles: number;
  k: number;
  /**
   * What the Gram matrix is built from: implicit 1s (default), each rating's `tasteWeight`, or
   * 'centred': the rating minus its user's mean, below-mean ratings included as they are (EASE
   * then learns which titles are liked together and which are liked by those who dislike the
   * other). This is only what the model learns from everyone's ratings; how one user's rating
   * counts at scoring time is the component's `taste`, which never lets a dislike raise a score.
   */
  taste?: Taste | 'centred';
  /**
   * Keep each row's most negative weights too, this many of them, after its k largest positive.
   * Only for components whose ratings count ≥ 0 (`LIKED_ONLY`): a liked title then also lowers
   * the titles unlike it. With a dislike counting below zero a negative weight would raise a
   * score, so the taste components keep positive weights only.
   */
  negative?: number;
}

export function ease(model: Model, o: EaseOptions): Neighbours {
  return memoised(model, `ease ${JSON.stringify(o)}`, () => buildEase(model, o));
}

/**
 * The Gram matrix XᵀX of the implicit ratings (or their taste weights) over the chosen titles,
 * lower triangle only (all that invertSpd reads). Built one row of G at a time: for title a, each
 * user who rated it (the matrix's column, in user order) adds x_a·x_b for each of their chosen
 * titles b ≤ a. The row being written stays in cache; walking users instead scattered every
 * product across the whole 18 MB matrix: a fit took twice as long at the MovieLens-10M shape.
 * Each cell still gets one product per user, in user order, with the same operands: the same
 * sums to the bit.
 */
function gramMatrix(model: Model, chosen: number[], local: Int32Array, o: EaseOptions): Float64Array {
  const m = model.learning;
  const n = chosen.length;
  // each user's chosen titles (ascending: a row is in title order, `local` keeps it) and weights
  const start = new Int32Array(m.nUsers + 1);
  for (let u = 0; u < m.nUsers; u++) {
    let count = 0;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) if (local[m.colIdx[p]] >= 0) count++;
    start[u + 1] = start[u] + count;
  }
  const mine = new Int32Array(start[m.nUsers]);
  const xs = new Float64Array(start[m.nUsers]);
  for (let u = 0; u < m.nUsers; u++) {
    let sum = 0;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) sum += m.rowVal[p];
    const mean = sum / Math.max(1, m.rowPtr[u + 1] - m.rowPtr[u]);
    let at = start[u];
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) {
      const a = local[m.colIdx[p]];
      if (a < 0) continue;
      mine[at] = a;
      const r = m.rowVal[p];
      xs[at++] = o.taste === undefined ? 1 : o.taste === 'centred' ? r - mean : tasteWeight(r, mean, model.ratingMidpoint, o.taste);
    }
  }
  const g = new Float64Array(n * n);
  // where each user is in their list: titles are visited in ascending order, so each user's
  // next entry is the title being visited (checked, because the triangle relies on it)
  const cursor = start.slice(0, m.nUsers);
  for (let a = 0; a < n; a++) {
    const t = chosen[a];
    const row = a * n;
    for (let p = m.colPtr[t]; p < m.colPtr[t + 1]; p++) {
      const u = m.rowIdx[p];
      const k = cursor[u]++;
      if (mine[k] !== a) throw new Error('EASE: a rating matrix row out of title order');
      const xa = xs[k];
      for (let q = start[u]; q <= k; q++) g[row + mine[q]] += xa * xs[q];
    }
  }
  return g;
}

function buildEase(model: Model, o: EaseOptions): Neighbours {
  const m = model.learning;
  const eligible: number[] = [];
  for (let t = 0; t < m.nTitles; t++) if (model.ratingCount[t] >= o.minCount) eligible.push(t);
  eligible.sort((a, b) => model.ratingCount[b] - model.ratingCount[a] || a - b);
  const chosen = eligible.slice(0, o.maxTitles).sort((a, b) => a - b);
  const n = chosen.length;
  const local = new Int32Array(m.nTitles).fill(-1);
  chosen.forEach((t, i) => (local[t] = i));
  const g = gramMatrix(model, chosen, local, o);
  for (let i = 0; i < n; i++) g[i * n + i] += o.lambda;
  invertSpd(g, n);
  // B[i][j] = -P[i][j] / P[j][j]; keep each row's k largest positive weights, then (when asked)
  // its `negative` most negative ones. One row's weights are computed once into `w`, and sorted
  // as typed arrays of positions: sorting 1,500 rows of 1,500 through a closure that divided on
  // every comparison took longer than the inversion itself.
  const ptr = new Int32Array(m.nTitles + 1);
  const rows: { idx: Int32Array; val: Float32Array }[] = [];
  const w = new Float64Array(n);
  const above = new Int32Array(n);
  const below = new Int32Array(n);
  const byWeightDesc = (a: number, b: number) => w[b] - w[a] || a - b;
  const byWeightAsc = (a: number, b: number) => w[a] - w[b] || a - b;
  for (let i = 0; i < n; i++) {
    let nAbove = 0;
    let nBelow = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = -g[row + j] / g[j * n + j];
      w[j] = v;
      if (v > 0) above[nAbove++] = j;
      else if (v < 0 && o.negative) below[nBelow++] = j;
    }
    const pos = above.subarray(0, nAbove).sort(byWeightDesc).subarray(0, o.k);
    const neg = below.subarray(0, nBelow).sort(byWeightAsc).subarray(0, o.negative ?? 0);
    const idx = new Int32Array(pos.length + neg.length);
    const val = new Float32Array(idx.length);
    for (let q = 0; q < idx.length; q++) {
      const j = q < pos.length ? pos[q] : neg[q - pos.length];
      idx[q] = chosen[j];
      val[q] = w[j];
    }
    rows[chosen[i]] = { idx, val };
  }
  for (let t = 0; t < m.nTitles; t++) ptr[t + 1] = ptr[t] + (rows[t]?.idx.length ?? 0);
  const idx = new Int32Array(ptr[m.nTitles]);
  const val = new Float32Array(ptr[m.nTitles]);
  for (let t = 0; t < m.nTitles; t++) {
    if (!rows[t]) continue;
    idx.set(rows[t].idx, ptr[t]);
    val.set(rows[t].val, ptr[t]);
  }
  return { ptr, idx, val };
}
