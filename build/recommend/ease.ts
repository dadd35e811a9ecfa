// EASE (Steck 2019): the closed-form item–item model B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹,
// with a zero diagonal. The inversion is dense and cubic, so it runs only on a restricted set of
// titles — those with at least `minCount` ratings, at most `maxTitles` of them (most rated
// first) — and the result is kept as a sparse top-k per title like every other component.
import type { Model, Neighbours } from '../model/index.ts';
import { memoised, tasteWeight, type Taste } from './components.ts';

export interface EaseOptions {
  lambda: number;
  minCount: number;
  maxTitles: number;
  k: number;
  /**
   * What the Gram matrix is built from: implicit 1s (default), or each rating's `tasteWeight`
   * (mean-centred taste: EASE then learns which titles are liked together).
   */
  taste?: Taste;
}

/**
 * In-place inverse of a symmetric positive-definite n×n row-major matrix, by the sweep
 * operator on the upper triangle only: half the arithmetic of a full Gauss–Jordan, with each
 * inner loop a contiguous run of one row. Sweeping every pivot leaves −A⁻¹; the sign is flipped
 * and the result mirrored into the lower triangle at the end.
 */
export function invertSpd(a: Float64Array, n: number): void {
  const col = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const pivot = a[p * n + p];
    if (!(pivot > 0)) throw new Error(`EASE: matrix not positive definite at ${p}`);
    const inv = 1 / pivot;
    // Column p of the symmetric matrix, read from the upper triangle.
    for (let i = 0; i < p; i++) col[i] = a[i * n + p];
    for (let j = p; j < n; j++) col[j] = a[p * n + j];
    for (let i = 0; i < n; i++) {
      if (i === p) continue;
      const f = col[i] * inv;
      if (f === 0) continue;
      const row = i * n;
      // (i, p) is written here too when i < p; it is set properly below. Unrolled by four: the
      // same operations in the same order (identical results), 1.45× faster in V8 at n = 1,500
      // (2.4 s → 1.65 s), where the two EASE fits of the published model spend most of their time.
      let j = i;
      for (const end = n - 3; j < end; j += 4) {
        a[row + j] -= f * col[j];
        a[row + j + 1] -= f * col[j + 1];
        a[row + j + 2] -= f * col[j + 2];
        a[row + j + 3] -= f * col[j + 3];
      }
      for (; j < n; j++) a[row + j] -= f * col[j];
    }
    for (let i = 0; i < p; i++) a[i * n + p] = col[i] * inv;
    for (let j = p + 1; j < n; j++) a[p * n + j] = col[j] * inv;
    a[p * n + p] = -inv;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = -a[i * n + j];
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
}

export function ease(model: Model, o: EaseOptions): Neighbours {
  return memoised(model, `ease ${JSON.stringify(o)}`, () => buildEase(model, o));
}

function buildEase(model: Model, o: EaseOptions): Neighbours {
  const m = model.matrix;
  const eligible: number[] = [];
  for (let t = 0; t < m.nTitles; t++) if (model.ratingCount[t] >= o.minCount) eligible.push(t);
  eligible.sort((a, b) => model.ratingCount[b] - model.ratingCount[a] || a - b);
  const chosen = eligible.slice(0, o.maxTitles).sort((a, b) => a - b);
  const n = chosen.length;
  const local = new Int32Array(m.nTitles).fill(-1);
  chosen.forEach((t, i) => (local[t] = i));
  // Gram matrix of the implicit ratings (or their taste weights) over the chosen titles
  const g = new Float64Array(n * n);
  const mine: number[] = [];
  const xs: number[] = [];
  for (let u = 0; u < m.nUsers; u++) {
    mine.length = 0;
    xs.length = 0;
    let sum = 0;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) sum += m.rowVal[p];
    const mean = sum / Math.max(1, m.rowPtr[u + 1] - m.rowPtr[u]);
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) {
      if (local[m.colIdx[p]] < 0) continue;
      mine.push(local[m.colIdx[p]]);
      xs.push(o.taste ? tasteWeight(m.rowVal[p], mean, model.ratingMidpoint, o.taste) : 1);
    }
    for (let x = 0; x < mine.length; x++) for (let y = 0; y < mine.length; y++) g[mine[x] * n + mine[y]] += xs[x] * xs[y];
  }
  for (let i = 0; i < n; i++) g[i * n + i] += o.lambda;
  invertSpd(g, n);
  // B[i][j] = -P[i][j] / P[j][j]; keep each row's k largest positive weights
  const ptr = new Int32Array(m.nTitles + 1);
  const rows: { idx: number[]; val: number[] }[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    order.length = 0;
    for (let j = 0; j < n; j++) if (j !== i && -g[i * n + j] > 0) order.push(j);
    const w = (j: number) => -g[i * n + j] / g[j * n + j];
    order.sort((a, b) => w(b) - w(a) || a - b);
    const top = order.slice(0, o.k);
    rows[chosen[i]] = { idx: top.map((j) => chosen[j]), val: top.map(w) };
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
