// EASE's dense inverse (build/recommend/spd.ts): checked against the identity on seeded random
// SPD matrices, at sizes that leave every remainder of its blocks of four rows and pairs of rows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { invertSpd } from '../../build/recommend/spd.ts';

/** XᵀX + λI for a random 0/1 X: the shape of matrix EASE inverts. */
function gram(n: number, users: number, lambda: number, seed: string): Float64Array {
  const rng = seedrandom(seed);
  const x = Array.from({ length: users }, () => Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0)));
  const g = new Float64Array(n * n);
  for (const row of x) for (let i = 0; i < n; i++) if (row[i]) for (let j = 0; j < n; j++) g[i * n + j] += row[j];
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  return g;
}

for (const [n, seed] of [[1, 'a'], [2, 'b'], [3, 'e'], [4, 'f'], [5, 'g'], [6, 'h'], [7, 'c'], [8, 'i'], [9, 'j'], [11, 'k'], [40, 'd'], [67, 'l']] as const) {
  test(`A·A⁻¹ = I and A⁻¹ is symmetric (n = ${n})`, () => {
    const a = gram(n, 30, 2, seed);
    const inv = Float64Array.from(a);
    invertSpd(inv, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
        assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-9, `(${i}, ${j}): ${s}`);
        assert.is(inv[i * n + j], inv[j * n + i]);
      }
    }
  });
}

test('only the lower triangle is read', () => {
  const n = 13;
  const a = gram(n, 30, 2, 'n');
  const lower = Float64Array.from(a);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lower[i * n + j] = NaN;
  invertSpd(a, n);
  invertSpd(lower, n);
  assert.equal(Array.from(lower), Array.from(a));
});

test('a matrix that is not positive definite is refused', () => {
  assert.throws(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2), /not positive definite/);
  // the failing pivot inside a block of four, past the first block
  const a = gram(9, 30, 2, 'm');
  a[6 * 9 + 6] = -1;
  assert.throws(() => invertSpd(a, 9), /not positive definite at 6/);
});

test.run();
