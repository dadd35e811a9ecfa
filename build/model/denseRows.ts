// Neighbour lists that are nearly full (EASE keeps ~1,100 weights in each row of its 1,500
// titles) as one dense matrix over the titles they name, so the weight (i → t) is read directly
// instead of found by walking row i. The ranker's explanations need ten such weights per rated
// title; walking the rows for them cost half as much again as scoring. Scoring adds these rows
// whole too (engine.ts ComponentScores, two lanes at a time in kernels.wat): without per-entry
// bookkeeping, that takes half the time of walking the sparse rows on the MovieLens-10M shape.
import type { Neighbours } from './topk.ts';

export interface DenseRows {
  /** Title → its row in `weights`, or −1 (a title with no neighbours). */
  rowOf: Int32Array;
  /** Column → title, in title order. */
  cols: Int32Array;
  /** Title → its column, or −1. */
  colOf: Int32Array;
  /** rows × cols, row-major. */
  weights: Float32Array;
}

/** Largest dense matrix made (16 MB of float32). */
const MAX_CELLS = 4_000_000;
/** Share of the cells the lists must fill for a dense matrix to be worth its memory. */
const MIN_FILL = 0.5;

const made = new WeakMap<Neighbours, DenseRows | null>();

/** The dense form of `n`, or null when the lists are too sparse, too large, or name a title twice in a row. */
export function denseRows(n: Neighbours): DenseRows | null {
  let out = made.get(n);
  if (out === undefined) {
    out = build(n);
    made.set(n, out);
  }
  return out;
}

function build(n: Neighbours): DenseRows | null {
  const titles = n.ptr.length - 1;
  const named = new Uint8Array(titles);
  let rows = 0;
  for (let i = 0; i < titles; i++) {
    if (n.ptr[i + 1] > n.ptr[i]) rows++;
    for (let p = n.ptr[i]; p < n.ptr[i + 1]; p++) named[n.idx[p]] = 1;
  }
  const colOf = new Int32Array(titles).fill(-1);
  const cols: number[] = [];
  for (let t = 0; t < titles; t++) if (named[t] === 1) colOf[t] = cols.push(t) - 1;
  const cells = rows * cols.length;
  if (rows === 0 || cells > MAX_CELLS || n.idx.length < MIN_FILL * cells) return null;
  const rowOf = new Int32Array(titles).fill(-1);
  const weights = new Float32Array(cells);
  const seen = new Uint8Array(cols.length);
  let r = 0;
  for (let i = 0; i < titles; i++) {
    if (n.ptr[i + 1] === n.ptr[i]) continue;
    rowOf[i] = r;
    const base = r * cols.length;
    for (let p = n.ptr[i]; p < n.ptr[i + 1]; p++) {
      const c = colOf[n.idx[p]];
      if (seen[c] === 1) return null; // a title twice in one row: its two weights are added apart
      seen[c] = 1;
      weights[base + c] = n.val[p];
    }
    for (let p = n.ptr[i]; p < n.ptr[i + 1]; p++) seen[colOf[n.idx[p]]] = 0;
    r++;
  }
  return { rowOf, cols: Int32Array.from(cols), colOf, weights };
}
