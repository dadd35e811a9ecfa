import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildMatrix, learningMatrix } from '../../build/model/index.ts';

/** User 0 rated 40 titles, users 1–3 five each. */
function matrix() {
  const users: number[] = [];
  const titles: number[] = [];
  for (let t = 0; t < 40; t++) users.push(0), titles.push(t);
  for (let u = 1; u <= 3; u++) for (let t = 0; t < 5; t++) users.push(u), titles.push(t * u);
  return buildMatrix(4, 40, Int32Array.from(users), Int32Array.from(titles), Float32Array.from(users, (_, i) => 1 + (i % 5)));
}

const degrees = (m: ReturnType<typeof matrix>) => Array.from({ length: m.nUsers }, (_, u) => m.rowPtr[u + 1] - m.rowPtr[u]);

test('within the pair budget the matrix is used as it is', () => {
  const m = matrix();
  const out = learningMatrix(m, 40 * 40 + 3 * 25);
  assert.is(out.matrix, m);
  assert.is(out.cap, null);
});

test('over the budget, the heaviest users keep the largest cap that fits; the others all their ratings', () => {
  const m = matrix();
  const out = learningMatrix(m, 20 * 20 + 3 * 25);
  assert.is(out.cap, 20);
  assert.equal(degrees(out.matrix), [20, 5, 5, 5]);
  // the kept ratings are user 0's own, with their values, and the same on every call
  for (let p = out.matrix.rowPtr[0]; p < out.matrix.rowPtr[1]; p++) {
    const t = out.matrix.colIdx[p];
    assert.is(out.matrix.rowVal[p], m.rowVal[m.rowPtr[0] + t]);
  }
  assert.equal([...learningMatrix(m, 20 * 20 + 3 * 25).matrix.colIdx], [...out.matrix.colIdx]);
  assert.equal([...out.matrix.colIdx.subarray(out.matrix.rowPtr[1])], [...m.colIdx.subarray(m.rowPtr[1])]);
});

test.run();
