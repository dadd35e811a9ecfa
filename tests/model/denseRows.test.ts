import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { denseRows } from '../../build/model/denseRows.ts';
import type { Neighbours } from '../../build/model/topk.ts';

/** Rows as [title, weight] lists, title i's row at index i. */
function lists(rows: [number, number][][]): Neighbours {
  const ptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (ptr[i + 1] = ptr[i] + r.length));
  return { ptr, idx: Int32Array.from(rows.flat().map(([t]) => t)), val: Float32Array.from(rows.flat().map(([, w]) => w)) };
}

test('a nearly full set of rows becomes a matrix over the titles it names; a missing weight is 0', () => {
  // titles 0, 2 and 3 have rows; they name titles 0, 2 and 3 (title 1 is in none)
  const n = lists([[[2, 0.5], [3, -0.25]], [], [[0, 0.5], [3, 0.125]], [[0, -0.25], [2, 0.125]]]);
  const d = denseRows(n)!;
  assert.ok(d);
  assert.equal([...d.cols], [0, 2, 3]);
  assert.equal([...d.colOf], [0, -1, 1, 2]);
  assert.equal([...d.rowOf], [0, -1, 1, 2]);
  const w = (i: number, t: number) => d.weights[d.rowOf[i] * d.cols.length + d.colOf[t]];
  for (const i of [0, 2, 3]) {
    for (let p = n.ptr[i]; p < n.ptr[i + 1]; p++) assert.is(w(i, n.idx[p]), n.val[p]);
  }
  assert.is(w(0, 0), 0, 'no weight to itself');
  assert.is(denseRows(n), d, 'made once per lists');
});

test('sparse lists (a long catalogue, short rows) and a title twice in a row stay sparse', () => {
  const sparse = lists(Array.from({ length: 100 }, (_, i) => [[(i + 1) % 100, 1] as [number, number]]));
  assert.is(denseRows(sparse), null);
  assert.is(denseRows(lists([[[1, 0.5], [1, 0.25]], [[0, 0.5]]])), null);
  assert.is(denseRows(lists([[], []])), null, 'no rows at all');
});

test.run();
