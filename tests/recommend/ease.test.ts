// EASE's weights against a slow, obviously right twin (Gauss–Jordan on the dense Gram matrix),
// and the published model's guard for dislikes: a component in which a rating can count below
// zero keeps positive weights only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModel, type Model } from '../../build/model/index.ts';
import { defaultRecommender, ease, LIKED_ONLY } from '../../build/recommend/index.ts';
import { simulate } from '../../build/data/simulate.ts';

const sim = () => simulate({ seed: 3, users: 80, titles: 40, ratingsPerUser: 12, sessionsPerUser: 0, endDate: '2025-06-30' });

/** B = −P/diag(P) with P = (XᵀX + λI)⁻¹ over every rated title, by plain Gauss–Jordan. */
function slowEase(model: Model, lambda: number, centred: boolean): number[][] {
  const m = model.matrix;
  const n = m.nTitles;
  const g = Array.from({ length: n }, (_, i) => Array.from({ length: 2 * n }, (_, j) => (j === i ? lambda : j === n + i ? 1 : 0)));
  for (let u = 0; u < m.nUsers; u++) {
    const items: [number, number][] = [];
    let sum = 0;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) sum += m.rowVal[p];
    const mean = sum / (m.rowPtr[u + 1] - m.rowPtr[u]);
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) items.push([m.colIdx[p], centred ? m.rowVal[p] - mean : 1]);
    for (const [i, x] of items) for (const [j, y] of items) g[i][j] += x * y;
  }
  for (let c = 0; c < n; c++) {
    const pivot = g[c][c];
    for (let j = 0; j < 2 * n; j++) g[c][j] /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = g[r][c];
      for (let j = 0; j < 2 * n; j++) g[r][j] -= f * g[c][j];
    }
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : -g[i][n + j] / g[j][n + j])));
}

for (const centred of [false, true]) {
  test(`EASE ${centred ? 'on centred ratings' : 'on implicit ratings'}: the twin's weights, positive first, then the most negative`, () => {
    const model = buildModel(sim());
    const n = model.matrix.nTitles;
    const want = slowEase(model, 5, centred);
    const nb = ease(model, { lambda: 5, minCount: 1, maxTitles: n, k: 3, negative: 2, ...(centred ? { taste: 'centred' as const } : {}) });
    for (let i = 0; i < n; i++) {
      const row = want[i].map((w, j) => ({ j, w })).filter((e) => e.j !== i);
      const pos = row.filter((e) => e.w > 0).sort((a, b) => b.w - a.w || a.j - b.j).slice(0, 3);
      const neg = row.filter((e) => e.w < 0).sort((a, b) => a.w - b.w || a.j - b.j).slice(0, 2);
      const got = Array.from(nb.idx.subarray(nb.ptr[i], nb.ptr[i + 1]));
      assert.equal(got, [...pos, ...neg].map((e) => e.j), `row ${i}`);
      [...pos, ...neg].forEach((e, p) => assert.ok(Math.abs(nb.val[nb.ptr[i] + p] - e.w) < 1e-6 * Math.max(1, Math.abs(e.w)), `row ${i}, ${e.j}`));
    }
  });
}

test('without `negative`, EASE keeps positive weights only', () => {
  const model = buildModel(sim());
  const nb = ease(model, { lambda: 5, minCount: 1, maxTitles: model.matrix.nTitles, k: 1000 });
  assert.ok(nb.val.length > 0);
  assert.ok(nb.val.every((w) => w > 0));
});

test('published model: a component where a rating can count below zero has no negative weight', () => {
  const model = buildModel(sim());
  const rec = defaultRecommender(model);
  let checked = 0;
  for (const c of rec.components) {
    const t = c.taste ?? LIKED_ONLY;
    const canBeNegative = c.value === 'centred' || (c.value === 'taste' && t.against > 0);
    if (!canBeNegative) continue;
    checked++;
    assert.ok(c.neighbours.val.every((w) => w > 0));
  }
  assert.ok(checked > 0, 'the published model has a centred-taste component');
  // and its liked-only EASE does keep negative weights (a liked title lowers the titles unlike it)
  assert.ok(rec.components.some((c) => c.neighbours.val.some((w) => w < 0)));
});

test.run();
