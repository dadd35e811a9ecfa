// The ranker's WebAssembly kernels: the embedded bytes are what kernels.wat compiles to, and each
// kernel gives the same doubles, bit for bit, as the plain JavaScript loop it stands for, on
// seeded random data (odd lengths, negative and zero weights, ties).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { compileWasm, WASM_SOURCES } from '../../build/util/compileWasm.ts';
import { KERNELS_WASM } from '../../build/recommend/kernelsWasm.ts';
import { kernelBytes, KernelMemory } from '../../build/recommend/kernels.ts';

test('the embedded kernels are the bytes kernels.wat compiles to (run `npm run kernels` after an edit)', async () => {
  const bytes = await compileWasm(WASM_SOURCES.kernels);
  assert.is(KERNELS_WASM, Buffer.from(bytes).toString('base64'));
});

test('a kernel memory refuses to hand out more than it holds', () => {
  const mem = new KernelMemory(kernelBytes([800]));
  mem.f64(100);
  assert.throws(() => mem.f64(10000), /kernel memory/);
});

const rng = seedrandom('kernels');
/** A weight with zeros, negatives and repeats. */
const weight = () => (rng() < 0.15 ? 0 : rng() < 0.1 ? 0.5 : rng() * 2 - 0.6);
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
  assert.is(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.unreachable(`${what}[${i}]: ${a[i]} ≠ ${b[i]}`);
};

/** The plain twin of explain's best two contributors per slot, and a check against the kernel's. */
class BestTwo {
  readonly first: Int32Array;
  readonly firstC: Float64Array;
  readonly second: Int32Array;
  readonly secondC: Float64Array;
  constructor(readonly k: number) {
    this.first = new Int32Array(k).fill(-1);
    this.second = new Int32Array(k).fill(-1);
    this.firstC = new Float64Array(k);
    this.secondC = new Float64Array(k);
  }
  offer(j: number, i: number, c: number): void {
    if (c > this.firstC[j]) {
      this.second[j] = this.first[j];
      this.secondC[j] = this.firstC[j];
      this.first[j] = i;
      this.firstC[j] = c;
    } else if (c > this.secondC[j]) {
      this.second[j] = i;
      this.secondC[j] = c;
    }
  }
  check(best1: Int32Array, best1c: Float64Array, best2: Int32Array, best2c: Float64Array): void {
    sameBits(best1.subarray(0, this.k), this.first, 'best1');
    sameBits(best1c.subarray(0, this.k), this.firstC, 'best1c');
    sameBits(best2.subarray(0, this.k), this.second, 'best2');
    sameBits(best2c.subarray(0, this.k), this.secondC, 'best2c');
  }
}

/** Neighbour lists: n titles, up to `k` entries a row, some rows empty. */
function lists(n: number, k: number) {
  const ptr = new Int32Array(n + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = rng() < 0.1 ? 0 : 1 + Math.floor(rng() * k);
    for (let e = 0; e < len; e++) {
      idx.push(Math.floor(rng() * n));
      val.push(weight());
    }
    ptr[i + 1] = idx.length;
  }
  return { ptr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

test('sparseAdd and explainSparse: the scatter and the best two contributors of the JavaScript loops', () => {
  const n = 301;
  const nb = lists(n, 40);
  const users = 30;
  const mem = new KernelMemory(kernelBytes([n * 8, n * 4, n * 4, n * 4, nb.idx.length * 4, nb.idx.length * 4, n * 4, n * 8, n * 4, n * 8, n * 4, n * 8]));
  const score = mem.f64(n);
  const ptr = mem.copyI32(nb.ptr);
  const idx = mem.copyI32(nb.idx);
  const val = mem.copyF32(nb.val);
  const rows = mem.i32(n);
  const xs = mem.f64(n);
  const slot = mem.i32(n).fill(-1);
  const best1 = mem.i32(n);
  const best1c = mem.f64(n);
  const best2 = mem.i32(n);
  const best2c = mem.f64(n);
  for (let u = 0; u < users; u++) {
    const count = Math.floor(rng() * 60);
    for (let r = 0; r < count; r++) {
      rows[r] = Math.floor(rng() * n);
      xs[r] = rng() < 0.2 ? -rng() : rng() * 3;
    }
    score.fill(0);
    mem.kernels.sparseAdd(score.byteOffset, ptr.byteOffset, idx.byteOffset, val.byteOffset, rows.byteOffset, xs.byteOffset, count);
    const want = new Float64Array(n);
    for (let r = 0; r < count; r++) for (let p = nb.ptr[rows[r]]; p < nb.ptr[rows[r] + 1]; p++) want[nb.idx[p]] += xs[r] * nb.val[p];
    sameBits(score, want, 'score');

    const k = 1 + Math.floor(rng() * 12);
    const top = Array.from({ length: k }, () => Math.floor(rng() * n)).filter((t, i, a) => a.indexOf(t) === i);
    top.forEach((t, j) => (slot[t] = j));
    for (const a of [best1, best2]) a.fill(-1);
    for (const a of [best1c, best2c]) a.fill(0);
    mem.kernels.explainSparse(ptr.byteOffset, idx.byteOffset, val.byteOffset, slot.byteOffset, rows.byteOffset, xs.byteOffset, count, best1.byteOffset, best1c.byteOffset, best2.byteOffset, best2c.byteOffset);
    const expected = new BestTwo(top.length);
    for (let r = 0; r < count; r++) {
      for (let p = nb.ptr[rows[r]]; p < nb.ptr[rows[r] + 1]; p++) {
        const j = top.indexOf(nb.idx[p]);
        if (j >= 0) expected.offer(j, rows[r], xs[r] * nb.val[p]);
      }
    }
    expected.check(best1, best1c, best2, best2c);
    top.forEach((t) => (slot[t] = -1));
  }
});

test('denseAdd, scatterScaled and explainDense over an odd width; maxOf and scaleAdd over an odd length', () => {
  const rowsN = 23;
  const width = 37;
  const n = 91;
  const weightsJs = Float32Array.from({ length: rowsN * width }, weight);
  const colsJs = Int32Array.from({ length: width }, (_, j) => (j * 2 + 1) % n);
  const mem = new KernelMemory(kernelBytes([width * 8, rowsN * width * 4, width * 4, n * 4, n * 4, n * 8, n * 8, n * 8, n * 4, n * 4, n * 8, n * 4, n * 8]));
  const acc = mem.f64(width);
  const weights = mem.copyF32(weightsJs);
  const cols = mem.copyI32(colsJs);
  const rows = mem.i32(n);
  const titles = mem.i32(n);
  const xs = mem.f64(n);
  const dst = mem.f64(n);
  const src = mem.f64(n);
  const topCols = mem.i32(n);
  const best1 = mem.i32(n);
  const best1c = mem.f64(n);
  const best2 = mem.i32(n);
  const best2c = mem.f64(n);
  for (let round = 0; round < 20; round++) {
    const count = Math.floor(rng() * 30);
    for (let r = 0; r < count; r++) {
      rows[r] = Math.floor(rng() * rowsN);
      titles[r] = Math.floor(rng() * n);
      xs[r] = rng() * 4 - 1;
    }
    acc.fill(0);
    mem.kernels.denseAdd(acc.byteOffset, weights.byteOffset, width, rows.byteOffset, xs.byteOffset, count);
    const want = new Float64Array(width);
    for (let r = 0; r < count; r++) for (let j = 0; j < width; j++) want[j] += xs[r] * weightsJs[rows[r] * width + j];
    sameBits(acc, want, 'acc');

    let max = 0;
    for (let j = 0; j < width; j++) if (want[j] > max) max = want[j];
    assert.ok(Object.is(mem.kernels.maxOf(acc.byteOffset, width), max), 'maxOf');
    const f = rng() * 2;
    for (let t = 0; t < n; t++) {
      dst[t] = rng() - 0.5;
      src[t] = rng() < 0.3 ? 0 : rng() * 3 - 1;
    }
    const dstJs = Float64Array.from(dst);
    mem.kernels.scatterScaled(dst.byteOffset, cols.byteOffset, acc.byteOffset, width, f);
    for (let j = 0; j < width; j++) dstJs[colsJs[j]] += f * want[j];
    sameBits(dst, dstJs, 'scatterScaled');
    mem.kernels.scaleAdd(dst.byteOffset, src.byteOffset, n, f);
    for (let t = 0; t < n; t++) dstJs[t] += f * src[t];
    sameBits(dst, dstJs, 'scaleAdd');

    const k = 1 + Math.floor(rng() * 9);
    for (let j = 0; j < k; j++) topCols[j] = rng() < 0.2 ? -1 : Math.floor(rng() * width);
    for (const a of [best1, best2]) a.fill(-1);
    for (const a of [best1c, best2c]) a.fill(0);
    mem.kernels.explainDense(weights.byteOffset, width, rows.byteOffset, titles.byteOffset, xs.byteOffset, count, topCols.byteOffset, k, best1.byteOffset, best1c.byteOffset, best2.byteOffset, best2c.byteOffset);
    const expected = new BestTwo(k);
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < k; j++) {
        if (topCols[j] < 0) continue;
        const w = weightsJs[rows[r] * width + topCols[j]];
        if (w !== 0) expected.offer(j, titles[r], xs[r] * w);
      }
    }
    expected.check(best1, best1c, best2, best2c);
  }
});

test('candidates: titles above zero, not rated now, allowed by the mask, in title order', () => {
  const n = 57;
  const mem = new KernelMemory(kernelBytes([n * 8, n * 4, n, n * 4]));
  const score = mem.f64(n);
  const rated = mem.i32(n);
  const mask = mem.u8(n);
  const out = mem.i32(n);
  for (let t = 0; t < n; t++) {
    score[t] = t % 5 === 0 ? 0 : t % 7 === 0 ? -0.5 : t % 11 === 0 ? -0 : rng();
    rated[t] = t % 3 === 0 ? 9 : t % 4 === 0 ? 8 : -1;
    mask[t] = t % 2;
  }
  for (const withMask of [false, true]) {
    const count = mem.kernels.candidates(score.byteOffset, rated.byteOffset, 9, withMask ? mask.byteOffset : 0, n, out.byteOffset);
    const want: number[] = [];
    for (let t = 0; t < n; t++) if (score[t] > 0 && rated[t] !== 9 && (!withMask || mask[t] === 1)) want.push(t);
    assert.equal(Array.from(out.subarray(0, count)), want);
    assert.ok(want.length > 5, 'enough candidates to tell');
    if (!withMask) assert.ok(want.some((t) => rated[t] === 8), 'a title rated in an earlier ranking stays a candidate');
  }
});

test.run();
