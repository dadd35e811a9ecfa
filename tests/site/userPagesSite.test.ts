// `--user-pages` at the whole-site level, on tiny seeded builds through the real CLI: only the
// chosen users get pages and links, everyone else is in a shard, the recommendations download
// still covers every user, the site's link checker passes, and a cohort file's mistakes are one
// line with exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { runBuild, hashTree } from '../cli/run.ts';
import { parseCsv } from './parseCsv.ts';
import { checkLinks, validateHtml } from '../../build/site/checkSite.ts';
import { seededSample } from '../../build/site/userPages.ts';
import { shardCount, shardOf, userShardPath, SHARD_RECOMMENDATIONS, type ShardUser } from '../../templates/assets/userShards.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'site-user-pages-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const USERS = Array.from({ length: 12 }, (_, i) => String(101 + i));
const sample = path.join(dir, 'sample');
const cohortSite = path.join(dir, 'cohort');

const userPages = (out: string) => readdirSync(path.join(out, 'users')).filter((n) => n.endsWith('.html') && n !== 'index.html').map((n) => n.slice(0, -5)).sort();
const csvUsers = (out: string) => {
  const [header, ...rows] = parseCsv(readFileSync(path.join(out, 'data/recommendations.csv'), 'utf8'));
  return new Set(rows.map((r) => r[header.indexOf('user_id')]));
};

test('--user-pages 3: three user pages, the seeded sample, and no link to any other', async () => {
  const r = await runBuild(['--users', '12', '--user-pages', '3', '--out', sample]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^user pages: a seeded random sample of 3 of 12 users \(--user-pages 3\)$/m);
  assert.match(r.stdout, /built .*: 3 user pages \(of 12 users\)/);
  const chosen = [...seededSample(USERS, 3, 42)].sort();
  assert.equal(userPages(sample), chosen);
  const index = JSON.parse(readFileSync(path.join(sample, 'users/index.json'), 'utf8')) as { id: string }[];
  assert.equal(index.map((u) => u.id).sort(), chosen, 'the search index lists exactly the users with a page');
  // every link of every page resolves, and the pages are valid HTML
  assert.equal(checkLinks(sample), []);
  assert.equal(await validateHtml(sample), []);
  for (const page of readdirSync(path.join(sample, 'users')).filter((n) => n.endsWith('.html'))) {
    const links = [...readFileSync(path.join(sample, 'users', page), 'utf8').matchAll(/href="\/users\/([^"/]+)\.html"/g)].map((m) => m[1]);
    for (const id of links) assert.ok(chosen.includes(id), `${page} links user ${id}, who has no page`);
  }
});

test('--user-pages 3: every other user is in the shard their id hashes to, with their top recommendations', () => {
  const shards = shardCount(USERS.length - 3);
  const files = readdirSync(path.join(sample, 'data/users')).sort();
  assert.equal(files, Array.from({ length: shards }, (_, i) => path.basename(userShardPath(i))).sort());
  const found = new Map<string, ShardUser>();
  for (let i = 0; i < shards; i++) {
    for (const u of JSON.parse(readFileSync(path.join(sample, userShardPath(i)), 'utf8')) as ShardUser[]) {
      assert.is(shardOf(u.id, shards), i, `user ${u.id} is in the shard the script will fetch`);
      found.set(u.id, u);
    }
  }
  const chosen = userPages(sample);
  assert.equal([...found.keys()].sort(), USERS.filter((u) => !chosen.includes(u)));
  const [header, ...rows] = parseCsv(readFileSync(path.join(sample, 'data/recommendations.csv'), 'utf8'));
  const col = (name: string) => header.indexOf(name);
  for (const [id, u] of found) {
    const mine = rows.filter((r) => r[col('user_id')] === id).slice(0, SHARD_RECOMMENDATIONS);
    assert.equal(u.recommendations, mine.map((r) => ({ title: r[col('title')], reason: r[col('reason')] })), `user ${id}: the CSV's first recommendations`);
  }
  assert.equal([...csvUsers(sample)].sort(), USERS, 'data/recommendations.csv covers every user');
});

test('--user-pages 3: the users index says, without JavaScript, who has a page, how they were chosen and where the rest are', () => {
  const doc = new JSDOM(readFileSync(path.join(sample, 'users/index.html'), 'utf8')).window.document;
  const note = doc.getElementById('user-pages-note')?.textContent ?? '';
  assert.match(note, /^3 of 12 users have a page\. They were drawn at random, as this build asked \(--user-pages 3\): each user's id is hashed with the build's seed \(42\)/);
  assert.ok(doc.querySelector('#user-pages-note a[href="/data/recommendations.csv"]'), 'links the full data');
  assert.is(doc.getElementById('user-filters')?.getAttribute('data-shards'), String(shardCount(9)));
  assert.is(doc.querySelectorAll('#user-list .user-row').length, 3);
  const settings = [...doc.querySelectorAll('.settings dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
  assert.ok(settings.includes('user pages: a seeded random sample of 3 of 12 users (--user-pages 3)'), settings.join('\n'));
});

test('--user-pages FILE: the cohort gets pages; the site names the file by its base name only', async () => {
  const file = path.join(dir, 'my cohort.txt');
  writeFileSync(file, '110\n\n102\r\n');
  const r = await runBuild(['--users', '12', '--user-pages', file, '--out', cohortSite]);
  assert.is(r.status, 0, r.stderr);
  assert.equal(userPages(cohortSite), ['102', '110']);
  assert.equal(checkLinks(cohortSite), []);
  const index = readFileSync(path.join(cohortSite, 'users/index.html'), 'utf8');
  assert.match(index, /They are the cohort this build was asked to publish: the users listed in <code>my cohort\.txt<\/code>\./);
  assert.not.ok(index.includes(dir), 'no local folder on the page');
  assert.match(index, /Reproduce: <code>npm run build -- --users 12 --user-pages &#39;my cohort\.txt&#39;<\/code>/);
});

test('--user-pages FILE: an unknown id, a repeated id, a missing file: one line, exit 2, the previous site untouched', async () => {
  const before = hashTree(cohortSite);
  const cases: [string, string | null, RegExp][] = [
    ['unknown.txt', '102\n999\n', /^error: .*unknown\.txt:2: user "999" is not in the data\n$/],
    ['twice.txt', '102\n102\n', /^error: .*twice\.txt:2: user "102" is listed twice \(first on line 1\)\n$/],
    ['missing.txt', null, /^error: --user-pages .*missing\.txt: cannot read the cohort file \(ENOENT\); give all, a number of users, or a file of user ids\n$/],
  ];
  for (const [name, text, expected] of cases) {
    const file = path.join(dir, name);
    if (text !== null) writeFileSync(file, text);
    const r = await runBuild(['--users', '12', '--user-pages', file, '--out', cohortSite]);
    assert.is(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, expected);
  }
  assert.equal(hashTree(cohortSite), before);
});

test.run();
