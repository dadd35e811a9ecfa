// Which users get a page (build/site/userPages.ts): every user up to the limit, a seeded sample
// that is deterministic and stable when users are added, a cohort whose unknown ids name their
// line; and the shard rule the build and the users-index script share.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { sampleKey, seededSample, selectUserPages, describeUserPages } from '../../build/site/userPages.ts';
import { parseCohort } from '../../build/site/cohortFile.ts';
import { USER_PAGE_LIMIT } from '../../build/config.ts';
import { InputError } from '../../build/types.ts';
import { shardCount, shardOf, USERS_PER_SHARD } from '../../templates/assets/userShards.ts';

const ids = (n: number, from = 101) => Array.from({ length: n }, (_, i) => String(from + i));

/** The obviously right twin: sort every id by its full SHA-256 hex key, keep the first `size`. */
function bruteForceSample(all: string[], size: number, seed: number): string[] {
  const key = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex').slice(0, 12);
  return [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : 1)).slice(0, size).sort();
}

test('all: every user has a page up to the limit', () => {
  const s = selectUserPages(ids(50), { kind: 'all' }, 42);
  assert.is(s.rule, 'all');
  assert.equal([...s.withPage], ids(50));
  assert.is(describeUserPages(s), 'every user (50)');
});

test('all: beyond the limit, a seeded sample of the limit, and the log says so', () => {
  const s = selectUserPages(ids(30), { kind: 'all' }, 42, null, 10);
  assert.is(s.rule, 'limit');
  assert.is(s.withPage.size, 10);
  assert.equal([...s.withPage].sort(), bruteForceSample(ids(30), 10, 42));
  assert.match(describeUserPages(s), /^a seeded random sample of 10 of 30 users \(more than the 10 that get pages by default/);
  assert.ok(USER_PAGE_LIMIT >= 10_000, 'the documented default limit');
});

test('N: a seeded sample of N, the same on every run, and equal to the brute-force sort', () => {
  const all = ids(1000);
  const a = selectUserPages(all, { kind: 'sample', size: 37 }, 7);
  const b = selectUserPages([...all].reverse(), { kind: 'sample', size: 37 }, 7);
  assert.is(a.rule, 'sample');
  assert.is(a.withPage.size, 37);
  assert.equal([...a.withPage].sort(), [...b.withPage].sort(), 'the order of the data does not matter');
  assert.equal([...a.withPage].sort(), bruteForceSample(all, 37, 7));
  const other = selectUserPages(all, { kind: 'sample', size: 37 }, 8);
  assert.not.equal([...other.withPage].sort(), [...a.withPage].sort(), 'another seed, another sample');
});

test('N: adding users keeps every sampled user whose key is still among the N smallest', () => {
  const before = seededSample(ids(1000), 100, 42);
  const grown = ids(1100); // 100 users added
  const after = seededSample(grown, 100, 42);
  const newcomers = [...after].filter((id) => !before.has(id));
  const kept = [...before].filter((id) => after.has(id));
  // every user who left was displaced by exactly one newcomer, never by another old user
  assert.ok(newcomers.every((id) => Number(id) > 1100), 'only added users join');
  assert.is(kept.length + newcomers.length, 100);
  assert.ok(kept.length >= 80, `most of the sample stays (${kept.length} of 100)`);
  const worstKept = Math.max(...kept.map((id) => sampleKey(id, 42)));
  for (const id of before) if (!after.has(id)) assert.ok(sampleKey(id, 42) > worstKept, `${id} left only because newcomers' keys are smaller`);
});

test('N: a sample at least as large as the data is every user', () => {
  const s = selectUserPages(ids(5), { kind: 'sample', size: 5 }, 42);
  assert.is(s.rule, 'all');
  assert.is(s.withPage.size, 5);
});

test('FILE: the cohort gets pages; an id not in the data names its line', () => {
  const cohort = parseCohort('103\r\n\r\n  105 \n101\n', 'cohort.txt');
  const s = selectUserPages(ids(10), { kind: 'cohort', file: 'cohort.txt' }, 42, cohort);
  assert.is(s.rule, 'cohort');
  assert.equal([...s.withPage], ['103', '105', '101']);
  assert.is(describeUserPages(s), 'the 3 users listed in cohort.txt (of 10)');
  const unknown = parseCohort('101\n\nu-999\x1b[2J\n', 'c.txt');
  assert.throws(
    () => selectUserPages(ids(10), { kind: 'cohort', file: 'c.txt' }, 42, unknown),
    (e: Error) => e instanceof InputError && e.message === 'c.txt:3: user "u-999\\u001b[2J" is not in the data' && e.line === 3,
  );
});

test('FILE: a repeated id, no ids, and old Mac line ends are one-line errors naming file and line', () => {
  const fails = (text: string, message: string) =>
    assert.throws(() => parseCohort(text, 'c.txt'), (e: Error) => e instanceof InputError && e.message === message);
  fails('101\n102\n101\n', 'c.txt:3: user "101" is listed twice (first on line 1)');
  fails('\n  \n', 'c.txt: no user ids: list the users who get a page, one id a line');
  fails('101\r102\r', 'c.txt:1: a lone carriage return (old Mac line ends): save the file with LF or CRLF line ends');
  assert.equal([...parseCohort('\ufeff101\n', 'c.txt').lines], [['101', 1]], 'a BOM is fine');
});

test('shards: about USERS_PER_SHARD users each, every user in exactly one', () => {
  assert.is(shardCount(0), 0);
  assert.is(shardCount(1), 1);
  const all = ids(10_000);
  const n = shardCount(all.length);
  assert.is(n, Math.ceil(10_000 / USERS_PER_SHARD));
  const sizes = new Array(n).fill(0);
  for (const id of all) sizes[shardOf(id, n)]++;
  assert.ok(Math.max(...sizes) < 2 * USERS_PER_SHARD, `largest shard ${Math.max(...sizes)}`);
  // pinned (FNV-1a over UTF-16 code units, checked with Python): published shards stay where
  // the users-index script of an older build would look for them
  assert.equal(['101', 'u1', 'Ωmega'].map((id) => shardOf(id, 1000)), [631, 235, 578]);
});

test.run();
