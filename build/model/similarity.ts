// Item–item similarity over the rating matrix, sparse. Every weighting we use (cosine, shrunk
// cosine, RP3beta) factors into a co-rating sum  S(i,j) = Σ_u w(u)·x(u,i)·x(u,j)  times per-title
// factors. The kernel walks each title's raters (CSC) and each rater's titles (CSR), so its cost
// is Σ_users deg(u)², never titles², and its memory one accumulator of length titles plus the
// titles × k kept entries: no dense titles × titles matrix at any scale.
//
// The sums themselves, nearly all of the work, run in WebAssembly (coRated.wat) over one shared
// copy of the matrix, with the same doubles as the JavaScript they replaced: on the
// MovieLens-10M shape the one-thread cosine took 3.9–4.1 s instead of 5.8 s. What is left is
// memory: each of the 7.3·10⁸ pair visits streams 8 bytes of a user's row (about 4.7 ns a visit).
// Keeping the best k per title stays in JavaScript; moving that to WebAssembly too was tried
// and was slower (0.85 s against 0.68 s a run).
import { isMainThread } from 'node:worker_threads';
import { UserError } from '../util/errors.ts';
import { alignedBytes, pagesFor, WASM_MAX_PAGES } from '../util/wasmMemory.ts';
import { startSharedWork } from '../util/worker.ts';
import { CO_RATED_WASM } from './coRatedWasm.ts';
import type { RatingMatrix } from './matrix.ts';
import type { Neighbours } from './topk.ts';

export type { Neighbours } from './topk.ts';

export interface PairWeighting {
  /** Per CSR entry value x(u,t) (e.g. the rating, or 1 for implicit feedback). */
  value: Float32Array;
  /** Per user weight w(u) (e.g. 1, or deg(u)^-α for RP3beta). */
  userWeight: Float64Array | null;
  /**
   * score(i→j) = S(i,j) · left[i] · right[j] / (norm[i]·norm[j] + shrink); null factors are 1.
   * Row i of the result keeps its k best j by score(i→j).
   */
  left: Float64Array | null;
  right: Float64Array | null;
  norm: Float64Array | null;
  shrink: number;
}

/**
 * The kernel's inputs: the per-title factors (every absent one as ones), and the shared
 * WebAssembly memory holding the matrix and the weights, with each array's byte offset in it.
 */
interface KernelInput {
  nTitles: number;
  left: Float64Array;
  right: Float64Array;
  norm: Float64Array;
  shrink: number;
  k: number;
  /** No left/right factors: score(i→j) = score(j→i) (cosine), computed once. */
  symmetric: boolean;
  /** How coRatedRow finds the titles a row reached (coRated.wat): SCAN, FIRST_TOUCH or STAMPS. */
  mode: number;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Offsets of colPtr, rowIdx, cscToCsr, rowPtr, colIdx, value, userWeight. */
  at: Int32Array;
  /** Per thread, the offset of its accumulator (nTitles doubles), stamps and touched titles (nTitles int32s each). */
  lanes: Int32Array;
}

/**
 * Per title, its candidates so far: an unordered buffer of up to 2k entries,
 * cut back to the best k whenever it fills. Order: higher value first, then lower title
 * position. `minVal`/`minPos` hold the weakest entry kept by the last cut (−∞ before any), so a
 * candidate that cannot make the top k is turned away without touching the buffer.
 *
 * A bounded heap per title did the same with fewer entries, but every offer to it walked
 * several cache lines of a title chosen at random: 170 ns per offer, more than the rest of the
 * kernel. Appending touches one line; the cuts are short sequential passes.
 */
interface Candidates {
  cap: number;
  pos: Int32Array;
  val: Float64Array;
  size: Int32Array;
  minVal: Float64Array;
  minPos: Int32Array;
}

/** Is (va, a) ranked below (vb, b)? Lower value, or equal value and larger position. */
function below(va: number, a: number, vb: number, b: number): boolean {
  return va < vb || (va === vb && a > b);
}

/**
 * Reorders row r's buffer so that its best k entries come first, keeps only those, and records
 * the weakest of them as the row's bar. Quickselect (Hoare) on (value, position); positions are
 * unique within a row, so no two keys are equal.
 */
function cut(c: Candidates, k: number, r: number): void {
  const { pos, val } = c;
  const base = r * c.cap;
  const n = c.size[r];
  if (n <= k) return;
  let lo = 0;
  let hi = n - 1;
  const kth = k - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const pv = val[base + mid];
    const pp = pos[base + mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (below(pv, pp, val[base + i], pos[base + i])) i++;
      while (below(val[base + j], pos[base + j], pv, pp)) j--;
      if (i <= j) {
        const tv = val[base + i];
        const tp = pos[base + i];
        val[base + i] = val[base + j];
        pos[base + i] = pos[base + j];
        val[base + j] = tv;
        pos[base + j] = tp;
        i++;
        j--;
      }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else break;
  }
  c.size[r] = k;
  let wv = val[base];
  let wp = pos[base];
  for (let s = 1; s < k; s++) {
    if (below(val[base + s], pos[base + s], wv, wp)) {
      wv = val[base + s];
      wp = pos[base + s];
    }
  }
  c.minVal[r] = wv;
  c.minPos[r] = wp;
}

/**
 * Adds (p, v) to row r's candidates if it can still make the row's top k. Like `below`, `cut`
 * and `kernelShare`, it refers to nothing outside those: their source is also the worker's (see
 * coRatedTopK).
 */
function offer(c: Candidates, k: number, r: number, p: number, v: number): void {
  const mv = c.minVal[r];
  if (!(v > mv || (v === mv && p < c.minPos[r]))) return;
  let n = c.size[r];
  if (n === c.cap) {
    cut(c, k, r);
    n = k;
    // the new entry may have fallen below the bar the cut just raised
    if (below(v, p, c.minVal[r], c.minPos[r])) return;
  }
  c.pos[r * c.cap + n] = p;
  c.val[r * c.cap + n] = v;
  c.size[r] = n + 1;
}

/**
 * The kernel for the titles this thread (`lane` 0, or the helper's 1) takes from `next`: for
 * each title i, S(i, j) for every co-rated j > i, scored both ways and offered to i's candidates
 * and to j's. S is symmetric, so each pair is summed once; the sums run over the common raters in
 * ascending order whichever title holds them, so the result is bit-identical to summing each row
 * in full. Its source is also the worker's. Neither it nor kernelRow may declare a function
 * inside: tsx compiles with keepNames, which wraps each in a __name() call that does not exist in
 * the worker.
 */
function kernelShare(inp: KernelInput, next: Int32Array, take: number, cands: Candidates, lane: number): void {
  const exports = new WebAssembly.Instance(inp.module, { env: { memory: inp.memory } }).exports;
  const coRatedRow = exports.coRatedRow as (...args: number[]) => number;
  const n = inp.nTitles;
  const at = inp.at;
  const accAt = inp.lanes[lane];
  const stampAt = accAt + 8 * n;
  const touchedAt = stampAt + 4 * n;
  const acc = new Float64Array(inp.memory.buffer, accAt, n);
  new Int32Array(inp.memory.buffer, stampAt, n).fill(-1);
  const touched = new Int32Array(inp.memory.buffer, touchedAt, n);
  for (;;) {
    // The next few titles not yet taken by either thread.
    const taken = Atomics.add(next, 0, take);
    if (taken >= n) break;
    // Titles are handed out from the last: see TITLES_PER_TAKE.
    const stop = n - taken;
    const start = Math.max(0, stop - take);
    for (let i = stop - 1; i >= start; i--) {
      const nTouched = coRatedRow(i, at[0], at[1], at[2], at[3], at[4], at[5], at[6], accAt, stampAt, touchedAt, inp.mode, n);
      kernelRow(inp, cands, i, acc, touched, nTouched);
    }
  }
}

/** Title i's sums with every co-rated j > i (in `acc`, at the `touched` titles), offered both ways and cleared (see kernelShare). */
function kernelRow(inp: KernelInput, cands: Candidates, i: number, acc: Float64Array, touched: Int32Array, nTouched: number): void {
  const { left, right, norm, shrink, k, symmetric } = inp;
  const { minVal, minPos } = cands;
  if (k === 0) {
    for (let s = 0; s < nTouched; s++) acc[touched[s]] = 0;
    return;
  }
  const li = left[i];
  const ri = right[i];
  const ni = norm[i];
  for (let s = 0; s < nTouched; s++) {
    const j = touched[s];
    const sum = acc[j];
    acc[j] = 0;
    const nj = norm[j];
    // ni·nj and nj·ni are the same bits, so one denominator serves both directions
    const d = ni * nj + shrink;
    if (!(d > 0)) continue;
    const vij = symmetric ? sum / d : (sum * li * right[j]) / d;
    if (vij > 0) {
      const mi = minVal[i];
      if (vij > mi || (vij === mi && j < minPos[i])) offer(cands, k, i, j, vij);
    }
    // with no per-title factors (cosine) score(j→i) is score(i→j)
    const vji = symmetric ? vij : (sum * left[j] * ri) / d;
    if (vji > 0) {
      const mj = minVal[j];
      if (vji > mj || (vji === mj && i < minPos[j])) offer(cands, k, j, i, vji);
    }
  }
}

function newCandidates(nTitles: number, k: number, shared: boolean): Candidates {
  const rows = nTitles;
  const cap = 2 * k;
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    cap,
    pos: new Int32Array(buffer(rows * cap * 4)),
    val: new Float64Array(buffer(rows * cap * 8)),
    size: new Int32Array(buffer(rows * 4)),
    minVal: new Float64Array(buffer(rows * 8)).fill(-Infinity),
    minPos: new Int32Array(buffer(rows * 4)).fill(0x7fffffff),
  };
}

/**
 * Titles from..to-1 of `c` become their best k, strongest first: `other`'s candidates (the
 * worker's) are merged in, the buffer cut to k, and the k sorted (insertion sort: k is small).
 * Like the kernel, it is also run by the worker, on the other half of the titles.
 */
function sortRows(c: Candidates, other: Candidates | null, k: number, from: number, to: number): void {
  const { pos, val, size, cap } = c;
  for (let r = from; r < to; r++) {
    if (other !== null) {
      const ob = r * other.cap;
      for (let s = 0; s < other.size[r]; s++) offer(c, k, r, other.pos[ob + s], other.val[ob + s]);
    }
    cut(c, k, r);
    const base = r * cap;
    const n = size[r];
    for (let s = 1; s < n; s++) {
      const v = val[base + s];
      const p = pos[base + s];
      let t = s - 1;
      while (t >= 0 && below(val[base + t], pos[base + t], v, p)) {
        val[base + t + 1] = val[base + t];
        pos[base + t + 1] = pos[base + t];
        t--;
      }
      val[base + t + 1] = v;
      pos[base + t + 1] = p;
    }
  }
}

/** The sorted rows as the Neighbours arrays, in title order. */
function collect(c: Candidates, nTitles: number): Neighbours {
  const { pos, val, size, cap } = c;
  const ptr = new Int32Array(nTitles + 1);
  for (let r = 0; r < nTitles; r++) ptr[r + 1] = ptr[r] + size[r];
  const idx = new Int32Array(ptr[nTitles]);
  const out = new Float32Array(ptr[nTitles]);
  for (let r = 0; r < nTitles; r++) {
    idx.set(pos.subarray(r * cap, r * cap + size[r]), ptr[r]);
    for (let s = 0; s < size[r]; s++) out[ptr[r] + s] = val[r * cap + s];
  }
  return { ptr, idx, val: out };
}

function allPositive(xs: Float32Array | Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (!(xs[i] > 0)) return false;
  return true;
}

/**
 * Titles a thread takes from the shared counter at a time, from the last title down. The
 * order matters for speed only: a title's bar rises as strong candidates arrive, and the
 * strong pairs (similar niche titles) sit late in the catalogue, the weak ones (a niche title
 * with a blockbuster) early. Handed out from the end, most weak candidates meet a raised bar
 * and are turned away: 0.43 s instead of 0.53 s on ml-latest-small (interleaved A/B).
 */
const TITLES_PER_TAKE = 8;

/**
 * How coRatedRow finds the titles a row reached. SCAN passes over the accumulator after the
 * sums, so their loop is a bare scatter-add: on the MovieLens-10M shape (7.3·10⁸ pair visits,
 * 5.7·10⁷ title pairs) the cosine on one thread took 3.9–4.1 s instead of 4.5–4.7 s (alternated
 * runs). It is chosen when the pass costs no more entries than the visits; otherwise a large
 * sparse catalogue would pay titles² for it, and the sums note each title as first reached: by
 * its sum still at 0 when every term is positive, else by a stamp.
 */
const SCAN = 0;
const FIRST_TOUCH = 1;
const STAMPS = 2;

/** Below this many co-rated pair visits the second thread costs more than it saves. */
export const PARALLEL_MIN_PAIRS = 4_000_000;

/**
 * The generic kernel: top-k per title of score(i→j) over co-rated pairs (diagonal skipped).
 * Large inputs are shared between this thread and a worker on the second core, which take
 * titles from one counter; the worker's candidates are merged into this thread's. It waits for
 * the worker with Atomics.wait, so the function stays synchronous. On ml-latest-small (medians
 * here): 1.1 s for the earlier row-by-row kernel, about 0.45 s for this one on two threads
 * (`npm run bench` measures it).
 */
export function coRatedTopK(
  m: RatingMatrix,
  k: number,
  w: PairWeighting,
  opts: {
    /** Default: on large inputs, from the main thread. */ parallel?: boolean;
    /** Tests only: the worker throws this message instead of running, to check it arrives whole. */ workerFault?: string;
    /** Tests only: how the sums' reached titles are found (see SCAN); FIRST_TOUCH needs positive terms. */ mode?: 'scan' | 'first touch' | 'stamps';
  } = {},
): Neighbours {
  const { nTitles } = m;
  const keep = Math.max(0, k);
  const ones = (n: number) => new Float64Array(n).fill(1);
  // Absent factors are ones: x·1 and 1·1 are exact, so the scores keep their bits, and the hot
  // loops have no per-entry branches on which factors exist.
  const userWeight = w.userWeight ?? ones(m.nUsers);
  // Pair visits (what the accumulation costs): below PARALLEL_MIN_PAIRS one thread is quicker.
  let total = 0;
  for (let p = 0; p < m.rowIdx.length; p++) total += m.rowPtr[m.rowIdx[p] + 1] - m.cscToCsr[p] - 1;
  const parallel = (opts.parallel ?? (isMainThread && total >= PARALLEL_MIN_PAIRS)) && keep > 0 && nTitles >= 2;
  const inp: KernelInput = {
    nTitles,
    left: w.left ?? ones(nTitles),
    right: w.right ?? ones(nTitles),
    norm: w.norm ?? ones(nTitles),
    shrink: w.shrink,
    k: keep,
    symmetric: w.left === null && w.right === null,
    // the pass over the accumulator costs n(n-1)/2 entries a kernel, the pair visits `total`
    mode:
      opts.mode !== undefined
        ? { scan: SCAN, 'first touch': FIRST_TOUCH, stamps: STAMPS }[opts.mode]
        : (nTitles * (nTitles - 1)) / 2 <= total
          ? SCAN
          : allPositive(w.value) && allPositive(userWeight)
            ? FIRST_TOUCH
            : STAMPS,
    ...kernelMemory(m, w.value, userWeight, parallel ? 2 : 1),
  };
  if (!parallel) {
    const cands = newCandidates(nTitles, keep, false);
    kernelShare(inp, new Int32Array(1), TITLES_PER_TAKE, cands, 0);
    sortRows(cands, null, keep, 0, nTitles);
    return collect(cands, nTitles);
  }
  // Both threads take titles from one shared counter until none are left, so neither waits for
  // the other whatever the titles cost; each keeps its own candidates for every title. The
  // result does not depend on who took what: every pair's score is computed the same way, and
  // the best k by (value, position) are unique. When both are done (the barrier), each merges
  // the worker's candidates into ours and sorts half of the titles.
  const ours = newCandidates(nTitles, keep, true);
  const theirs = newCandidates(nTitles, keep, true);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const done = new Int32Array(new SharedArrayBuffer(4));
  const half = nTitles >> 1;
  const source = opts.workerFault === undefined ? kernelSource() : `throw new Error(${JSON.stringify(opts.workerFault)});`;
  const work = startSharedWork(source, { inp, next, take: TITLES_PER_TAKE, ours, theirs, done, half }, [done]);
  kernelShare(inp, next, TITLES_PER_TAKE, ours, 0);
  // The barrier (synchronous on purpose: the model is built synchronously); a failed helper
  // raises its flag and wakes us from it, and work.wait rethrows its error.
  const deadline = Date.now() + 600_000;
  if (Atomics.add(done, 0, 1) === 0) {
    while (Atomics.load(done, 0) < 2 && work.flag[0] === 0 && Date.now() < deadline) Atomics.wait(done, 0, 1, 1000);
  } else Atomics.notify(done, 0);
  if (Atomics.load(done, 0) >= 2) sortRows(ours, theirs, keep, 0, half);
  work.wait('similarity worker', Math.max(0, deadline - Date.now()));
  return collect(ours, nTitles);
}

let coRatedModule: WebAssembly.Module | null = null;

/**
 * The shared memory the WebAssembly sums read: the matrix's index arrays, the values and the user
 * weights (copied in once, about 16 bytes a rating), then each thread's accumulator, stamps and
 * touched list. Every array starts on a 16-byte boundary.
 */
function kernelMemory(m: RatingMatrix, value: Float32Array, userWeight: Float64Array, threads: number): Pick<KernelInput, 'module' | 'memory' | 'at' | 'lanes'> {
  const arrays = [m.colPtr, m.rowIdx, m.cscToCsr, m.rowPtr, m.colIdx, value, userWeight];
  const at = new Int32Array(arrays.length);
  let bytes = 0;
  const place = (size: number) => {
    const start = bytes;
    bytes += alignedBytes(size);
    return start;
  };
  arrays.forEach((a, i) => (at[i] = place(a.byteLength)));
  const lanes = new Int32Array(threads);
  for (let t = 0; t < threads; t++) lanes[t] = place(16 * m.nTitles);
  const pages = pagesFor(bytes);
  // 4 GiB: about 2.6·10⁸ ratings
  if (pages > WASM_MAX_PAGES) {
    // the user's to fix (less data, or the hand-off), not a bug: one line and exit code 2
    throw new UserError(
      `similarity: ${m.rowIdx.length.toLocaleString('en-US')} ratings need ${(bytes / 2 ** 30).toFixed(1)} GiB of kernel memory, more than one machine's 4 GiB; ` +
        'compute the neighbours, recommendations and evaluation on a cluster and build with --stages (README, "Hand-off to a cluster")',
    );
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const buffer = memory.buffer;
  arrays.forEach((a, i) => {
    const View = a.constructor as Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;
    new View(buffer, at[i], a.length).set(a);
  });
  coRatedModule ??= new WebAssembly.Module(Buffer.from(CO_RATED_WASM, 'base64'));
  return { module: coRatedModule, memory, at, lanes };
}

/** The helper thread's copy of the kernel (see startSharedWork): the same functions' source, and the call. */
let source: string | null = null;
function kernelSource(): string {
  source ??=
    [below, cut, offer, kernelRow, kernelShare, sortRows].map((f) => f.toString()).join('\n') +
    `\n${kernelShare.name}(d.inp, d.next, d.take, d.theirs, 1);` +
    // the barrier: the second to arrive wakes the first
    `\nif (Atomics.add(d.done, 0, 1) === 0) { while (Atomics.load(d.done, 0) < 2) Atomics.wait(d.done, 0, 1); } else Atomics.notify(d.done, 0);` +
    `\n${sortRows.name}(d.ours, d.theirs, d.inp.k, d.half, d.inp.nTitles);`;
  return source;
}

/** Euclidean norm of each title's column of `value` (aligned with CSR entries). */
export function columnNorms(m: RatingMatrix, value: Float32Array | Float64Array = m.rowVal): Float64Array {
  const norms = new Float64Array(m.nTitles);
  for (let q = 0; q < m.colIdx.length; q++) norms[m.colIdx[q]] += value[q] * value[q];
  for (let t = 0; t < m.nTitles; t++) norms[t] = Math.sqrt(norms[t]);
  return norms;
}

export interface CosineOptions {
  /** Added to the denominator: damps similarities supported by few co-raters (0 = plain cosine). */
  shrink?: number;
  /** Treat every rating as 1 (implicit feedback: "rated it" rather than how much). */
  binary?: boolean;
}

/**
 * Top-k nearest titles per title by cosine of their rating columns:
 * sim(i,j) = x_i·x_j / (‖x_i‖‖x_j‖ + shrink). Strongest first, ties by title position.
 */
export function itemCosineTopK(m: RatingMatrix, k: number, opts: CosineOptions = {}): Neighbours {
  const value = opts.binary ? new Float32Array(m.rowVal.length).fill(1) : m.rowVal;
  return coRatedTopK(m, k, { value, userWeight: null, left: null, right: null, norm: columnNorms(m, value), shrink: opts.shrink ?? 0 });
}

/**
 * Exact cosine of two titles' rating columns (0 when either is unrated). Walks the shorter
 * column and finds each user in the longer one by galloping search, so a niche title against a
 * blockbuster with 10,000 raters costs about short·log(long), not short + long.
 */
export function columnCosine(m: RatingMatrix, a: number, b: number, norms: Float64Array): number {
  if (norms[a] === 0 || norms[b] === 0) return 0;
  if (m.colPtr[a + 1] - m.colPtr[a] > m.colPtr[b + 1] - m.colPtr[b]) [a, b] = [b, a];
  const { rowIdx, colVal } = m;
  const qe = m.colPtr[b + 1];
  let q = m.colPtr[b];
  let dot = 0;
  for (let p = m.colPtr[a]; p < m.colPtr[a + 1] && q < qe; p++) {
    const u = rowIdx[p];
    // gallop: double the step until past u, then binary search back
    let step = 1;
    let hi = q;
    while (hi < qe && rowIdx[hi] < u) {
      q = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi >= qe) hi = qe - 1;
    while (q <= hi) {
      const mid = (q + hi) >> 1;
      if (rowIdx[mid] < u) q = mid + 1;
      else hi = mid - 1;
    }
    if (q < qe && rowIdx[q] === u) dot += colVal[p] * colVal[q++];
  }
  return dot / (norms[a] * norms[b]);
}
