import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { splitRatings, testCount } from '../../build/evaluate/index.ts';
import type { Rating } from '../../build/types.ts';
import { Ratings } from '../../build/util/ratings.ts';

function ratings(perUser: [string, number][]): Rating[] {
  return perUser.flatMap(([u, n]) => Array.from({ length: n }, (_, i) => ({ userId: u, titleId: String(i + 1), value: 1 + (i % 5), timestamp: null })));
}

const data = ratings([
  ['1', 3],
  ['2', 4],
  ['3', 8],
  ['4', 21],
]);

test('users with fewer than 4 ratings stay wholly in train; others hold out a quarter', () => {
  const s = splitRatings(Ratings.of(data), 42);
  const train = [...s.train];
  assert.not.ok(s.test.has('1'));
  assert.is(train.filter((r) => r.userId === '1').length, 3);
  assert.is(s.test.get('2')!.size, 1);
  assert.is(s.test.get('3')!.size, 2);
  assert.is(s.test.get('4')!.size, 5);
  assert.is(s.train.length + [...s.test.values()].reduce((n, t) => n + t.size, 0), data.length);
  for (const [u, held] of s.test) for (const t of held) assert.not.ok(train.some((r) => r.userId === u && r.titleId === t));
  assert.equal([3, 4, 5, 7, 8].map(testCount), [0, 1, 1, 2, 2]);
});

test('the split is deterministic in the seed and independent of input order', () => {
  const a = splitRatings(Ratings.of(data), 42);
  const b = splitRatings(Ratings.of(data.slice().reverse()), 42);
  assert.equal([...a.test].map(([u, t]) => [u, [...t].sort()]), [...b.test].map(([u, t]) => [u, [...t].sort()]));
  const c = splitRatings(Ratings.of(data), 7);
  assert.not.equal(
    [...a.test.get('4')!].sort(),
    [...c.test.get('4')!].sort(),
    'another seed holds out other titles',
  );
});

test('beyond maxUsers a seeded sample holds out; the others train with all their ratings', () => {
  const s = splitRatings(Ratings.of(data), 42, 2);
  assert.is(s.sampledFrom, 3, 'users 2, 3 and 4 have enough ratings');
  assert.is(s.test.size, 2);
  const train = [...s.train];
  for (const u of ['2', '3', '4']) {
    const own = data.filter((r) => r.userId === u).length;
    assert.is(train.filter((r) => r.userId === u).length, s.test.has(u) ? own - s.test.get(u)!.size : own);
  }
  const again = splitRatings(Ratings.of(data.slice().reverse()), 42, 2);
  assert.equal([...again.test.keys()].sort(), [...s.test.keys()].sort(), 'the sample does not depend on input order');
  assert.is(splitRatings(Ratings.of(data), 42).sampledFrom, null);
});

test.run();
