// Issue 16, items 2–4: two builds' records compared (seed 42 against seed 7), a record compared
// with itself, a tampered record refused, and the regression guard at its thresholds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkRecord, compareRecords, importance, loadRecord, readRecord, urlLabel, regressions, withinNoise, type BuildRecord } from '../../build/compare/compare.ts';
import { parseGuard } from '../../build/compare/guard.ts';
import { cell, comparisonMarkdown } from '../../build/compare/summary.ts';
import { changesView } from '../../build/site/changesView.ts';
import { simulated } from '../insights/pipeline.ts';
import { recordOf } from '../fixtures/record.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'compare-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const seed42 = recordOf(simulated(42));
const seed7 = recordOf(simulated(7));
const rec = (r: { json: Record<string, unknown> }): BuildRecord => checkRecord(r.json, 'test');

test('a build compared with itself: nothing changed', () => {
  const cmp = compareRecords(rec(seed42), rec(seed42));
  assert.ok(cmp.unchanged);
  assert.equal([cmp.moved, cmp.appeared, cmp.disappeared, cmp.counts], [[], [], [], []]);
  assert.equal([cmp.claimsFlipped, cmp.strategy, cmp.titlesAdded, cmp.titlesRemoved, cmp.usersAdded, cmp.usersRemoved, cmp.notRecorded], [[], [], [], [], [], [], []]);
  assert.match(comparisonMarkdown(cmp, { previous: 'main' }), /Nothing changed: every fact, count, claim, strategy item and metric is the same\./);
  const view = changesView(cmp, rec(seed42), rec(seed42), { previous: 'main', userSlugs: new Map() });
  assert.ok(view.unchanged);
  assert.match(view.headline, /^Nothing changed since the previous build/);
});

test('seed 7 against seed 42: the facts that moved, names before numbers, numbers by importance (noise last); every model\'s metric deltas', () => {
  const cmp = compareRecords(rec(seed7), rec(seed42));
  assert.not.ok(cmp.unchanged);
  assert.ok(cmp.moved.length > 10, `${cmp.moved.length} facts moved`);
  // a changed name (the top genre, a title) comes before any number
  const firstNumber = cmp.moved.findIndex((f) => f.delta !== null);
  assert.ok(cmp.moved.slice(firstNumber).every((f) => f.delta !== null), 'names first, then numbers');
  const numbers = cmp.moved.slice(firstNumber);
  const firstNoise = numbers.findIndex((f) => f.noise);
  assert.ok(firstNoise === -1 || numbers.slice(firstNoise).every((f) => f.noise), 'changes within the noise come after the real ones');
  for (const part of [numbers.filter((f) => !f.noise), numbers.filter((f) => f.noise)]) {
    const rel = part.map((f) => f.relative!);
    assert.equal(rel, [...rel].sort((a, b) => b - a), 'by importance, largest first');
  }
  for (const f of numbers) assert.is(f.relative, importance(f.kind, f.old as number, f.new as number));
  // each moved fact is really different in the two records, with the right delta
  for (const f of cmp.moved) {
    assert.equal([f.old, f.new], [seed7.json.facts[f.name].value, seed42.json.facts[f.name].value]);
    if (f.delta !== null) assert.ok(Math.abs(f.delta - ((f.new as number) - (f.old as number))) < 1e-12);
  }
  const ndcg = cmp.metrics.find((m) => m.model === 'default' && m.metric === 'ndcg')!;
  assert.equal([ndcg.old, ndcg.new], [seed7.json.evaluation.models[1].metrics.ndcg, seed42.json.evaluation.models[1].metrics.ndcg]);
  assert.ok(cmp.metrics.some((m) => m.model === 'popularity'), 'the baseline is compared too');
  // ten users evaluated: every evaluation figure that moved is inside its noise
  assert.ok(cmp.moved.filter((f) => f.name.startsWith('eval.') && f.kind !== 'count' && f.delta !== null).every((f) => f.noise));
  assert.ok(cmp.metrics.some((m) => m.view === 'liked'), 'the liked view is compared too');
  const md = comparisonMarkdown(cmp, { previous: 'seed 7' });
  assert.match(md, /^## What changed since seed 7\n/);
  assert.match(md, /### Recommender metrics \(held-out ratings: \d+ → \d+\)/);
  assert.match(md, /### Facts that moved \(\d+\)/);
  assert.ok(md.split('\n').length < 60, 'short enough for a pull request');
  assert.ok(md.includes('| `most_rated_title` | Narcos | Breaking Bad | changed |'), 'fact names in code spans, unescaped there');
});

test('data strings cannot break the summary\'s Markdown tables', () => {
  assert.is(cell('Sci|Fi'), 'Sci\\|Fi');
  assert.is(cell('a\nb <script>'), 'a b \\<script\\>');
  assert.is(cell(['Crime', 'Drama']), 'Crime, Drama');
});

test('a tampered or foreign record is refused with one clear line', () => {
  const good = seed42.text;
  const cases: [string, string, RegExp][] = [
    ['not-json.json', good.slice(0, 200), /not valid JSON, so not a report record/],
    ['format.json', good.replace('"streaming-report-record"', '"something-else"'), /"format" is "something-else", expected "streaming-report-record"/],
    ['version.json', good.replace(/"version": 2/, '"version": 99'), /"version" is 99, expected 1 or 2/],
    ['claims.json', JSON.stringify({ ...seed42.json, claims: [{ file: 'a.md', claim: 'x' }] }), /"claims" is missing or malformed/],
    ['users.json', JSON.stringify({ ...seed42.json, users: [1, 2] }), /"users" is missing or not ids/],
    ['facts.json', JSON.stringify({ ...seed42.json, facts: { top_genre: { value: 'Crime' } } }), /fact "top_genre" has no kind or value/],
    ['eval.json', JSON.stringify({ ...seed42.json, evaluation: { models: 3 } }), /"evaluation" is neither null nor an evaluation/],
  ];
  for (const [name, text, message] of cases) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    try {
      readRecord(file);
      assert.unreachable(`${name} was accepted`);
    } catch (e) {
      assert.match((e as Error).message, message, name);
      assert.match((e as Error).message, /^--compare "/, `${name}: names the flag and the file`);
      assert.not.match((e as Error).message, /\n/);
    }
  }
  assert.throws(() => readRecord(path.join(dir, 'missing')), /no such file or folder/);
});

test('the regression guard: parsed strictly, fires above its threshold and not at or below it', () => {
  assert.equal([...parseGuard('ndcg=0.01, precision=0.02')], [['ndcg', 0.01], ['precision', 0.02]]);
  assert.throws(() => parseGuard('ndgc=0.01'), /unknown metric "ndgc"; one of precision, recall, ndcg/);
  assert.throws(() => parseGuard('ndcg'), /"ndcg" is not METRIC=DROP/);
  assert.throws(() => parseGuard(''), /give at least one METRIC=DROP/);
  // seed 7 → seed 42: the published model's NDCG drops by this much
  const cmp = compareRecords(rec(seed7), rec(seed42));
  const ndcg = cmp.metrics.find((m) => m.model === 'default' && m.metric === 'ndcg')!;
  const drop = -ndcg.delta;
  assert.ok(drop > 0.01, `seed 42's NDCG is lower than seed 7's (drop ${drop})`);
  assert.equal(regressions(cmp, new Map([['ndcg', drop - 0.001]])).map((m) => m.metric), ['ndcg'], 'fires just above');
  assert.equal(regressions(cmp, new Map([['ndcg', drop + 0.001]])), [], 'not below its threshold');
  assert.equal(regressions(cmp, new Map([['ndcg', Number(drop.toFixed(12))]])), [], 'not at exactly its threshold');
  // the other way round the model improved: nothing fires however tight the guard
  assert.equal(regressions(compareRecords(rec(seed42), rec(seed7)), new Map([['ndcg', 0]])), []);
});

test('claims whose truth flipped, matched by file, condition and occurrence (not by line: an edit moves lines)', () => {
  const before = recordOf(simulated(42), true, [
    { file: 'content/20-data.md', line: 10, claim: 'top_genre == "Crime"', holds: true },
    { file: 'content/20-data.md', line: 30, claim: 'users >= 5', holds: true },
    { file: 'content/20-data.md', line: 40, claim: 'users >= 5', holds: false },
  ]);
  const after = recordOf(simulated(42), true, [
    { file: 'content/20-data.md', line: 12, claim: 'top_genre == "Crime"', holds: false },
    { file: 'content/20-data.md', line: 32, claim: 'users >= 5', holds: true },
    { file: 'content/20-data.md', line: 42, claim: 'users >= 5', holds: true },
    { file: 'content/60-engagement.md', line: 5, claim: 'sessions > 0', holds: true },
  ]);
  const cmp = compareRecords(rec(before), rec(after));
  assert.equal(cmp.claimsFlipped, [
    { file: 'content/20-data.md', line: 12, claim: 'top_genre == "Crime"', was: true, now: false },
    { file: 'content/20-data.md', line: 42, claim: 'users >= 5', was: false, now: true },
  ]);
  assert.not.ok(cmp.unchanged);
  const md = comparisonMarkdown(cmp, { previous: 'main' });
  assert.match(md, /### Claims whose truth flipped \(2\)\n\n- `content\/20-data\.md:12` `top_genre == "Crime"`: held → \*\*fails\*\*/);
  assert.match(changesView(cmp, rec(before), rec(after), { previous: 'main', userSlugs: new Map() }).headline, /2 claims flipped/);
});

test('titles and users that came or went, and strategy items that appeared, went or changed', () => {
  const small = rec(recordOf(simulated(42, { users: 10 }), false));
  const big = rec(recordOf(simulated(42, { users: 12 }), false));
  const cmp = compareRecords(small, big);
  assert.equal(cmp.usersAdded, big.users!.filter((u) => !small.users!.includes(u)));
  assert.ok(cmp.usersAdded.length >= 2 && cmp.usersRemoved.length === 0, JSON.stringify(cmp.usersAdded));
  const fewer = { ...big, titles: Object.fromEntries(Object.entries(big.titles!).slice(1)) };
  const gone = Object.entries(big.titles!)[0];
  assert.equal(compareRecords(big, fewer).titlesRemoved, [{ id: gone[0], name: gone[1] }]);
  assert.equal(compareRecords(fewer, big).titlesAdded, [{ id: gone[0], name: gone[1] }]);
  // strategy: one item gone, one reworded, one new
  const items = big.strategy!;
  assert.ok(items.length >= 2, 'the seed-42 simulation generates strategy items');
  const edited = { ...big, strategy: [{ ...items[0], headline: `${items[0].headline}, now` }, ...items.slice(2), { id: 'brand-new', headline: 'Try this', figure: '1' }] };
  assert.equal(compareRecords(big, edited).strategy, [
    { id: items[0].id, old: items[0].headline, new: `${items[0].headline}, now` },
    { id: 'brand-new', old: null, new: 'Try this' },
    { id: items[1].id, old: items[1].headline, new: null },
  ]);
  // a version-1 record has none of these: compared without them, and said so
  const v1 = { ...big, version: 1, titles: undefined, users: undefined, claims: undefined, strategy: undefined };
  assert.equal(compareRecords(v1, big).notRecorded, ['claims', 'strategy items', 'title lists', 'user lists']);
});

test('noise: a change smaller than twice its standard error (bounded by v(1 − v)/n per build) is not called', () => {
  // 0.30 → 0.35 over 10 users each: SE ≈ 0.21, far inside the noise; over 10,000 users, a real change
  assert.ok(withinNoise(0.3, 0.35, 10, 10));
  assert.not.ok(withinNoise(0.3, 0.35, 10_000, 10_000));
  // near the boundary, 200 users each: 0.5 → 0.59 has 2·SE ≈ 0.099 (noise), 0.5 → 0.61 has 2·SE ≈ 0.099 (real)
  assert.ok(withinNoise(0.5, 0.59, 200, 200));
  assert.not.ok(withinNoise(0.5, 0.61, 200, 200));
  assert.ok(withinNoise(0.2, 0.9, 0, 10), 'no sample: nothing can be called');
  // importance: a share by its difference, anything else relative to the larger value
  assert.ok(Math.abs(importance('share', -0.01, -0.03) - 0.02) < 1e-12, 'a gap from −1 % to −3 % moved 2 points, not 200 %');
  assert.is(importance('count', 0, 5), 1);
  assert.is(importance('count', 200, 100), 0.5);
});

/** uvu's assert has no `rejects`: the promise must fail, with a message matching `re`. */
async function rejectsWith(p: Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable(`expected a rejection matching ${re}`);
}

test('a previous build by URL (CI has the published site, not its files): fetched, checked, and named without credentials', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/report/data/facts.json') res.writeHead(200, { 'content-type': 'application/json' }).end(seed42.text);
    else if (req.url === '/broken/data/facts.json') res.writeHead(200).end('<html>not json</html>');
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const given of [`${base}/report/`, `${base}/report`, `${base}/report/data/facts.json`]) {
      const r = await loadRecord(given);
      assert.equal(r.counts, seed42.json.counts, given);
    }
    await rejectsWith(loadRecord(`${base}/missing/`), /^--compare http:\/\/127\.0\.0\.1:\d+\/missing\/data\/facts\.json: the server answered 404 Not Found; is a report published there\?$/);
    await rejectsWith(loadRecord(`${base}/broken/`), /: not valid JSON, so not a report record$/);
    // nothing listens there any more: a one-line error, not a crash
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await rejectsWith(loadRecord(`http://127.0.0.1:${port}/`), /^--compare http:\/\/127\.0\.0\.1:\d+\/data\/facts\.json: cannot fetch it \(ECONNREFUSED\)$/);
  } finally {
    server.close();
  }
  assert.is(urlLabel('https://user:secret@example.org/site/?token=abc#x'), 'https://example.org/site/');
});

test.run();
