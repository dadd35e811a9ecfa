import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceIndex, Plays, PlaysBuilder } from '../../build/util/plays.ts';
import { IdDictionary } from '../../build/util/ratings.ts';
import type { Session } from '../../build/types.ts';

const list: Session[] = [
  { userId: 'b', titleId: 't2', device: 'TV', start: 3000, minutes: 42 },
  { userId: 'a', titleId: 't1', device: 'Tablet', start: 1000, minutes: 7.5 },
  { userId: 'b', titleId: 't1', device: 'Mobile', start: 2000, minutes: 90 },
  { userId: 'c', titleId: 't2', device: 'TV', start: 5000, minutes: 1 },
];

test('columns hold the plays in order; devices as indexes into DEVICES; objects come back as given', () => {
  const p = Plays.of(list);
  assert.is(p.length, 4);
  assert.equal(p.userIds, ['b', 'a', 'c']);
  assert.equal(p.titleIds, ['t2', 't1']);
  assert.equal([...p.device], [1, 3, 0, 1]);
  assert.equal([...p], list);
  assert.equal(p.at(1), list[1]);
  assert.is(p.deviceName(2), 'Mobile');
  assert.is(p.userId(3), 'c');
  assert.is(p.titleId(0), 't2');
});

test('counts per id come in order of first play, whatever the dictionary order; dictionary entries with no play are left out', () => {
  const b = new PlaysBuilder(2, { users: new IdDictionary(['z', 'c', 'a']), titles: new IdDictionary(['t9', 't1']) });
  for (const s of list) b.push(s.userId, s.titleId, s.device, s.start, s.minutes);
  const p = b.finish();
  assert.equal([...p.countsByUserId()], [['b', 2], ['a', 1], ['c', 1]]);
  assert.equal([...p.countsByTitleId()], [['t2', 2], ['t1', 2]]);
  assert.equal([...p.countByUser()], [0, 1, 1, 2]);
  // a second call gives the same (the count arrays are not shared between calls)
  assert.equal([...p.countsByUserId()], [['b', 2], ['a', 1], ['c', 1]]);
});

test('totals and the time range read the columns; no plays give NaN, not ±Infinity', () => {
  const p = Plays.of(list);
  assert.is(p.totalMinutes(), 140.5);
  assert.equal(p.startRange(), { first: 1000, last: 5000 });
  const none = Plays.empty.startRange();
  assert.ok(Number.isNaN(none.first) && Number.isNaN(none.last));
});

test('the builder grows past its first capacity and keeps every column', () => {
  const b = new PlaysBuilder(16);
  for (let i = 0; i < 1000; i++) b.push(`u${i % 7}`, `t${i % 13}`, i % 2 ? 'TV' : 'Desktop', i * 1000, i + 0.5);
  const p = b.finish();
  assert.is(p.length, 1000);
  assert.equal(p.at(999), { userId: 'u5', titleId: 't11', device: 'TV', start: 999_000, minutes: 999.5 });
  assert.is(p.start.length, 1000, 'trimmed to its length');
});

test('an unknown device is a programming error, not a silent 0', () => {
  assert.throws(() => deviceIndex('Fridge' as never), /not a device: Fridge/);
});

test.run();
