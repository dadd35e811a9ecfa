import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IdDictionary, Ratings, RatingsBuilder } from '../../build/util/ratings.ts';

const list = [
  { userId: 'b', titleId: 't2', value: 4, timestamp: 1000 },
  { userId: 'a', titleId: 't1', value: 2.5, timestamp: null },
  { userId: 'b', titleId: 't1', value: 5, timestamp: 3000 },
];

test('columns hold the ratings in order, dictionaries in order of first appearance; objects come back as given', () => {
  const r = Ratings.of(list);
  assert.is(r.length, 3);
  assert.equal(r.userIds, ['b', 'a']);
  assert.equal(r.titleIds, ['t2', 't1']);
  assert.equal([...r.user], [0, 1, 0]);
  assert.ok(Number.isNaN(r.time[1]));
  assert.equal([...r], list);
  assert.equal(r.at(2), list[2]);
  assert.is(r.userId(1), 'a');
  assert.is(r.titleId(0), 't2');
});

test('counts per id leave out dictionary entries with no rating', () => {
  const b = new RatingsBuilder(4, { users: new IdDictionary(['z', 'b']), titles: new IdDictionary(['t9']) });
  for (const x of list) b.push(x.userId, x.titleId, x.value, x.timestamp ?? NaN);
  const r = b.finish();
  assert.equal([...r.countsByUserId()], [['b', 2], ['a', 1]]);
  assert.equal([...r.countsByTitleId()], [['t2', 1], ['t1', 2]]);
  assert.equal([...r.countByTitle()], [0, 1, 2]);
});

test('the builder grows past its capacity and trims to its length', () => {
  const b = new RatingsBuilder(16);
  for (let i = 0; i < 1000; i++) b.push(`u${i % 7}`, `t${i}`, i % 5, i);
  const r = b.finish();
  assert.is(r.length, 1000);
  assert.is(r.user.length, 1000);
  assert.equal(r.at(999), { userId: 'u5', titleId: 't999', value: 4, timestamp: 999 });
});

test('concat merges the dictionaries and keeps both parts in order', () => {
  const more = Ratings.of([{ userId: 'c', titleId: 't1', value: 3, timestamp: 5 }]);
  const all = Ratings.of(list).concat(more);
  assert.equal([...all], [...list, { userId: 'c', titleId: 't1', value: 3, timestamp: 5 }]);
  assert.equal(all.titleIds, ['t2', 't1']);
});

test('a repeated (user, title): the first row keeps its place and takes the later value, by file order or by time', () => {
  const rows: [string, string, number, number][] = [
    ['u', 'x', 1, 500],
    ['u', 'y', 2, 100],
    ['u', 'x', 3, 200], // later in the file, earlier in time
    ['v', 'x', 4, NaN],
  ];
  const byFile = new RatingsBuilder();
  const byTime = new RatingsBuilder();
  for (const r of rows) {
    byFile.push(...r);
    byTime.push(...r);
  }
  assert.is(byFile.replaceRepeats('by file order'), 1);
  assert.equal([...byFile.finish()].map((r) => [r.userId, r.titleId, r.value]), [['u', 'x', 3], ['u', 'y', 2], ['v', 'x', 4]]);
  assert.is(byTime.replaceRepeats('by time'), 1);
  assert.equal([...byTime.finish()].map((r) => [r.userId, r.titleId, r.value]), [['u', 'x', 1], ['u', 'y', 2], ['v', 'x', 4]]);
});

test.run();
