import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { buildMatrix, buildModel, columnNorms, itemCosineTopK, coRatedTopK } from '../../build/model/index.ts';
import { CO_RATED_WASM } from '../../build/model/coRatedWasm.ts';
import { compileWasm, WASM_SOURCES } from '../../build/util/compileWasm.ts';
import { tiny } from '../fixtures/model/dataset.ts';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('itemSimilarity matches hand-computed cosines', () => {
  const m = buildModel(tiny());
  const [A, B, C, D, E] = ['A', 'B', 'C', 'D', 'E'].map((id) => m.titlePos.get(id)!);
  // A=(5,3,0,1) B=(4,0,0,1): 21 / (√35·√17)
  close(m.itemSimilarity(A, B), 21 / (Math.sqrt(35) * Math.sqrt(17)));
  // A·C = 1·5 = 5; |C| = √41
  close(m.itemSimilarity(A, C), 5 / (Math.sqrt(35) * Math.sqrt(41)));
  // A·D = 3·2 = 6; |D| = √29
  close(m.itemSimilarity(A, D), 6 / (Math.sqrt(35) * Math.sqrt(29)));
  close(m.itemSimilarity(B, D), 0);
  close(m.itemSimilarity(A, A), 1);
  assert.is(m.itemSimilarity(A, E), 0, 'an unrated title has similarity 0');
  close(m.itemSimilarity(C, D), m.itemSimilarity(D, C));
});

test('neighbours are the rating-cosine top-k, strongest first, excluding the title itself', () => {
  const m = buildModel(tiny());
  const A = m.titlePos.get('A')!;
  const nb = m.neighbours(A);
  assert.equal(
    nb.map((n) => m.titleIds[n.pos]),
    ['B', 'D', 'C'],
  );
  for (const n of nb) close(n.sim, m.itemSimilarity(A, n.pos), 1e-6);
});

/** Brute force: dense columns, every pair, sorted by (value desc, position asc). */
function bruteTopK(dense: number[][], k: number, shrink: number): { idx: number[]; val: number[] }[] {
  const nT = dense[0].length;
  const col = (t: number) => dense.map((row) => row[t]);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return Array.from({ length: nT }, (_, i) => {
    const pairs: [number, number][] = [];
    for (let j = 0; j < nT; j++) {
      if (j === i) continue;
      const a = col(i);
      const b = col(j);
      const dot = a.reduce((s, x, u) => s + x * b[u], 0);
      const d = norm(a) * norm(b) + shrink;
      const v = d > 0 ? dot / d : 0;
      if (v > 0) pairs.push([j, v]);
    }
    pairs.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const top = pairs.slice(0, k);
    return { idx: top.map((p) => p[0]), val: top.map((p) => p[1]) };
  });
}

/**
 * The kernel against brute force on random matrices, in each of its ways of finding the titles a
 * row reached. Signed values (mean-centred ratings, with stored zeros) make sums that can cancel
 * back to 0; positive ones also allow the first-touch way.
 */
function checkAgainstBruteForce(seed: string, signed: boolean): void {
  const rng = seedrandom(seed);
  for (let trial = 0; trial < 25; trial++) {
    const nU = 1 + Math.floor(rng() * 12);
    const nT = 2 + Math.floor(rng() * 15);
    const k = 1 + Math.floor(rng() * 6);
    const shrink = trial % 2 === 0 ? 0 : 3;
    const dense: number[][] = [];
    const us: number[] = [];
    const ts: number[] = [];
    const vs: number[] = [];
    for (let u = 0; u < nU; u++) {
      dense.push(
        Array.from({ length: nT }, (_, t) => {
          if (rng() >= 0.4) return 0;
          // integer ratings make ties common, which exercises the tie rule
          const v = signed ? Math.floor(rng() * 5) - 2 : 1 + Math.floor(rng() * 3);
          us.push(u);
          ts.push(t);
          vs.push(v);
          return v;
        }),
      );
    }
    const m = buildMatrix(nU, nT, Int32Array.from(us), Int32Array.from(ts), Float32Array.from(vs));
    const want = bruteTopK(dense, k, shrink);
    const w = { value: m.rowVal, userWeight: null, left: null, right: null, norm: columnNorms(m), shrink };
    // every way the kernel can find the titles a row reached (first touch needs positive terms)
    const modes = signed ? (['scan', 'stamps'] as const) : (['scan', 'first touch', 'stamps'] as const);
    for (const mode of modes) {
      const got = coRatedTopK(m, k, w, { mode });
      for (let i = 0; i < nT; i++) {
        const idx = Array.from(got.idx.subarray(got.ptr[i], got.ptr[i + 1]));
        const val = Array.from(got.val.subarray(got.ptr[i], got.ptr[i + 1]));
        // float32 storage: compare values loosely, and positions where values clearly differ
        assert.is(idx.length, want[i].idx.length, `trial ${trial} ${mode} row ${i} length`);
        val.forEach((v, s) => close(v, want[i].val[s], 1e-5));
        assert.equal(idx, want[i].idx, `trial ${trial} ${mode} row ${i}`);
      }
    }
    // and the default (the mode the sizes choose) is itemCosineTopK's
    assert.equal(coRatedTopK(m, k, w), itemCosineTopK(m, k, { shrink }), `trial ${trial} itemCosineTopK`);
  }
}

test('the sparse top-k kernel equals brute force on random matrices', () => {
  checkAgainstBruteForce('kernel', false);
});

test('with signed values and stored zeros (sums that cancel to 0), it still equals brute force', () => {
  checkAgainstBruteForce('signed kernel', true);
});

test('the embedded co-rated sums are the bytes coRated.wat compiles to (run `npm run kernels` after an edit)', async () => {
  assert.is(CO_RATED_WASM, Buffer.from(await compileWasm(WASM_SOURCES.coRated)).toString('base64'));
});

test('split across two threads, the kernel returns the same bits as on one, for every weighting', () => {
  const rng = seedrandom('two threads');
  for (let trial = 0; trial < 6; trial++) {
    const nU = 40 + Math.floor(rng() * 60);
    const nT = 30 + Math.floor(rng() * 50);
    const us: number[] = [];
    const ts: number[] = [];
    const vs: number[] = [];
    for (let u = 0; u < nU; u++) {
      for (let t = 0; t < nT; t++) {
        if (rng() < 0.25) {
          us.push(u);
          ts.push(t);
          vs.push(1 + Math.floor(rng() * 5));
        }
      }
    }
    const m = buildMatrix(nU, nT, Int32Array.from(us), Int32Array.from(ts), Float32Array.from(vs));
    const ones = new Float32Array(m.rowVal.length).fill(1);
    const factors = (n: number) => Float64Array.from({ length: n }, () => 0.2 + rng());
    const weightings = [
      { value: m.rowVal, userWeight: null, left: null, right: null, norm: columnNorms(m), shrink: 0 },
      { value: ones, userWeight: null, left: null, right: null, norm: columnNorms(m, ones), shrink: 3 },
      // RP3beta's shape: user weights and a different factor on each side
      { value: ones, userWeight: factors(nU), left: factors(nT), right: factors(nT), norm: null, shrink: 0 },
    ];
    for (const [wi, w] of weightings.entries()) {
      const k = 1 + Math.floor(rng() * 12);
      const one = coRatedTopK(m, k, w, { parallel: false });
      const two = coRatedTopK(m, k, w, { parallel: true });
      assert.ok(one.idx.length > 0, 'the case has neighbours');
      assert.equal(two.ptr, one.ptr, `trial ${trial} weighting ${wi}: row lengths`);
      assert.equal(two.idx, one.idx, `trial ${trial} weighting ${wi}: neighbours`);
      assert.equal(two.val, one.val, `trial ${trial} weighting ${wi}: values`);
    }
  }
});

test('a failure in the similarity worker arrives whole: its message, name and stack', () => {
  const m = buildModel(tiny());
  const w = { value: m.matrix.rowVal, userWeight: null, left: null, right: null, norm: columnNorms(m.matrix), shrink: 0 };
  try {
    coRatedTopK(m.matrix, 2, w, { parallel: true, workerFault: 'kernel exploded' });
    assert.unreachable('should have failed');
  } catch (err) {
    assert.is((err as Error).message, 'similarity worker: kernel exploded');
    const cause = (err as Error).cause as Error;
    assert.is(cause.message, 'kernel exploded');
    assert.match(cause.stack!, /^Error: kernel exploded\n\s+at /);
  }
  // the worker is still usable afterwards
  assert.equal(coRatedTopK(m.matrix, 2, w, { parallel: true }), coRatedTopK(m.matrix, 2, w, { parallel: false }));
});

test('k = 0 keeps nothing; columnNorms are the column lengths', () => {
  const m = buildModel(tiny());
  const nb = coRatedTopK(m.matrix, 0, { value: m.matrix.rowVal, userWeight: null, left: null, right: null, norm: null, shrink: 0 });
  assert.is(nb.idx.length, 0);
  const norms = columnNorms(m.matrix);
  close(norms[m.titlePos.get('A')!], Math.sqrt(35));
  assert.is(norms[m.titlePos.get('E')!], 0);
});

test.run();
