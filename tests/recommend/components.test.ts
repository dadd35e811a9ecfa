// Scoring components: the item-kNN floor reuses the model's own rating neighbours only when
// they are the same computation, and computes its own otherwise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModel, itemCosineTopK } from '../../build/model/index.ts';
import { itemKnn } from '../../build/recommend/components.ts';
import { simulate } from '../../build/data/simulate.ts';

const sim = () => simulate({ seed: 5, users: 60, titles: 30, ratingsPerUser: 10, sessionsPerUser: 0, endDate: '2025-06-30' });

const plain = (nb: { ptr: ArrayLike<number>; idx: ArrayLike<number>; val: ArrayLike<number> }) => ({ ptr: Array.from(nb.ptr), idx: Array.from(nb.idx), val: Array.from(nb.val) });

test('item-kNN with the model’s own settings is the model’s rating neighbours, equal to computing them anew', () => {
  const model = buildModel(sim());
  const nb = itemKnn(model, { k: 50, shrink: 0, binary: false });
  assert.is(nb, model.ratingNeighbours);
  assert.equal(plain(nb), plain(itemCosineTopK(model.learning, 50, { shrink: 0, binary: false })));
});

test('item-kNN with other settings, or on a model given its neighbours, computes its own', () => {
  const model = buildModel(sim());
  for (const o of [{ k: 5, shrink: 0, binary: false }, { k: 50, shrink: 10, binary: false }, { k: 50, shrink: 0, binary: true }]) {
    const nb = itemKnn(model, o);
    assert.is.not(nb, model.ratingNeighbours);
    assert.equal(plain(nb), plain(itemCosineTopK(model.learning, o.k, o)));
  }
  // a cluster's neighbours (rounded, or from other settings) are never taken for the floor's
  const given = { ptr: new Int32Array(model.ratingNeighbours.ptr.length), idx: new Int32Array(0), val: new Float32Array(0) };
  const withGiven = buildModel(sim(), { ratingNeighbours: given });
  assert.is(withGiven.ratingNeighboursK, null);
  const nb = itemKnn(withGiven, { k: 50, shrink: 0, binary: false });
  assert.is.not(nb, given);
  assert.equal(plain(nb), plain(itemCosineTopK(withGiven.learning, 50, { shrink: 0, binary: false })));
});

test.run();
