// The liked view on a hand-made split: users who rated everything 5 and users who rated
// everything 2 each hold out one title; only the first kind have a liked held-out rating.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, likedThresholdOf, splitRatings } from '../../build/evaluate/index.ts';
import { dataset, title } from '../fixtures/model/dataset.ts';

const titles = ['1', '2', '3', '4', '5'].map((id) => title(id, `T${id}`, ['Drama']));
const rows: [string, string, number][] = [];
for (const [u, v] of [['a', 5], ['b', 5], ['c', 2], ['d', 2]] as const) for (const t of ['1', '2', '3', '4']) rows.push([u, t, v]);
rows.push(['e', '5', 1]); // one rating: stays in train, so title 5 is the least popular
const ds = dataset(titles, rows);

test('liked view: only held-out ratings at or above the bar count, over the users who have one', () => {
  const split = splitRatings(ds.ratings, 42);
  assert.equal([...split.test.keys()], ['a', 'b', 'c', 'd']);
  // popularity only: each user's list is their held-out title (3 train ratings) then title 5
  const r = evaluate(ds, { k: 5, seed: 42, recommenders: [] });
  assert.equal(r.protocol.liked, { threshold: 4, usersEvaluated: 2, testItems: 2 });
  assert.is(r.protocol.usersEvaluated, 4);
  const pop = r.models[0];
  assert.equal(pop.liked, { precision: 1 / 5, recall: 1, ndcg: 1, hitRate: 1 });
  assert.is(pop.metrics.precision, 1 / 5);
});

test('liked view: a user counts only when a liked rating was held out', () => {
  const more: [string, string, number][] = [...rows, ['f', '1', 1], ['f', '2', 1], ['f', '3', 1], ['f', '4', 1], ['f', '5', 5]];
  const split = splitRatings(dataset(titles, more).ratings, 42);
  const heldF = [...split.test.get('f')!][0];
  const r = evaluate(dataset(titles, more), { k: 5, seed: 42, recommenders: [] });
  // f's only liked rating is title 5; whether it is held out decides whether f is in the sample
  assert.is(r.protocol.liked!.usersEvaluated, heldF === '5' ? 3 : 2);
});

test('the bar scales with the rating scale: 80 % of the maximum', () => {
  assert.is(likedThresholdOf({ min: 1, max: 5, step: 1 }), 4);
  assert.is(likedThresholdOf({ min: 0.5, max: 5, step: 0.5 }), 4);
  assert.is(likedThresholdOf({ min: 1, max: 10, step: 1 }), 8);
});

test.run();
