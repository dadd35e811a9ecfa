import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { bucketBy, PairIndex } from '../../build/util/buckets.ts';

test('bucketBy groups rows by key, rows in order within a key, and drops negative keys', () => {
  const { start, order } = bucketBy(Int32Array.from([2, 0, 2, -1, 1, 0]), 4);
  assert.equal([...start], [0, 2, 3, 5, 5]);
  assert.equal([...order], [1, 5, 4, 0, 2]);
});

test('PairIndex finds each (user, title) row and nothing else, against a Map on random pairs', () => {
  const rng = seedrandom('pairs');
  const rnd = (n: number) => Math.floor(rng() * n);
  const users = 50;
  const titles = 200;
  const seen = new Map<number, number>();
  const user: number[] = [];
  const title: number[] = [];
  while (user.length < 3000) {
    const u = rnd(users);
    const t = rnd(titles);
    if (seen.has(u * titles + t)) continue;
    seen.set(u * titles + t, user.length);
    user.push(u);
    title.push(t);
  }
  const index = new PairIndex(Int32Array.from(user), Int32Array.from(title), users);
  for (let u = 0; u < users; u++) for (let t = 0; t < titles; t++) assert.is(index.find(u, t), seen.get(u * titles + t) ?? -1);
  assert.is(index.find(-1, 0), -1);
  assert.is(index.find(0, -1), -1);
  assert.is(index.find(users, 0), -1, 'a user past the dictionary');
});

test.run();
