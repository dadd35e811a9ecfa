// EASE's dense inverse: checked against the identity on seeded random SPD matrices.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { invertSpd } from '../../build/recommend/ease.ts';

/** XᵀX + λI for a random 0/1 X: the shape of matrix EASE inverts. */
function gram(n: number, users: number, lambda: number, seed: string): Float64Array {
  const rng = seedrandom(seed);
  const x = Array.from({ length: users }, () => Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0)));
  const g = new Float64Array(n * n);
  for (const row of x) for (let i = 0; i < n; i++) if (row[i]) for (let j = 0; j < n; j++) g[i * n + j] += row[j];
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  return g;
}

for (const [n, seed] of [[1, 'a'], [2, 'b'], [7, 'c'], [40, 'd']] as const) {
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

test('a matrix that is not positive definite is refused', () => {
  assert.throws(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2), /not positive definite/);
});

test.run();
