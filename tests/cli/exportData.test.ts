// Issue 14 through the CLI: a seeded build with --export-data, then builds from the exported
// folders (CSV and Parquet) publish byte-identical downloads (ratings, recommendations with
// their reasons, every matrix) and charts; only what names the source, and the simulation's
// hidden truth, differ. A bad --data input exits 2 with one line and leaves the site as it was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashTree, runBuild } from './run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-export-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const files = (site: string, sub: string) => readdirSync(path.join(site, sub)).sort();
const read = (site: string, file: string) => readFileSync(path.join(site, file));

test('seed 42 → --export-data → build from CSV and from Parquet: the same downloads and charts', async () => {
  const first = await runBuild(['--out', path.join(dir, 'sim'), '--export-data', path.join(dir, 'export')]);
  assert.is(first.status, 0, first.stderr);
  assert.match(first.stdout, /data exported to .*: titles, users, ratings, plays/);
  for (const format of ['csv', 'parquet']) {
    const site = path.join(dir, format);
    const r = await runBuild(['--data', path.join(dir, 'export', format), '--out', site]);
    assert.is(r.status, 0, r.stderr);
    assert.equal(files(site, 'data'), files(path.join(dir, 'sim'), 'data'));
    for (const f of files(site, 'data').filter((x) => x.endsWith('.csv'))) assert.ok(read(site, `data/${f}`).equals(read(path.join(dir, 'sim'), `data/${f}`)), `${format}: data/${f}`);
    assert.equal(files(site, 'charts'), files(path.join(dir, 'sim'), 'charts'));
    // The model comparison also charts genre match against the simulation's hidden truth.
    for (const f of files(site, 'charts').filter((x) => !x.startsWith('model-comparison.'))) assert.ok(read(site, `charts/${f}`).equals(read(path.join(dir, 'sim'), `charts/${f}`)), `${format}: charts/${f}`);
    const facts = JSON.parse(read(site, 'data/facts.json').toString()).facts;
    const simFacts = JSON.parse(read(path.join(dir, 'sim'), 'data/facts.json').toString()).facts;
    const differ = Object.keys(simFacts).filter((k) => JSON.stringify(simFacts[k]?.value) !== JSON.stringify(facts[k]?.value));
    assert.equal(differ.filter((k) => !/genre_match_truth$/.test(k)), ['data_description', 'data_source', 'data_source_name']);
    assert.match(read(site, 'index.html').toString(), /The service&#39;s own data: 10 users, 20 titles, 50 ratings, 100 plays\./);
  }
});

test('plays without ratings: user pages explain from watch history, with no stars anywhere', async () => {
  const plays = path.join(dir, 'plays');
  cpSync(path.join(dir, 'export', 'csv'), plays, { recursive: true });
  rmSync(path.join(plays, 'ratings.csv'));
  const site = path.join(dir, 'plays-site');
  const r = await runBuild(['--data', plays, '--out', site]);
  assert.is(r.status, 0, r.stderr);
  const page = read(site, 'users/101.html').toString();
  assert.match(page, /Because you watched <em><bdi>[^<]+<\/bdi><\/em> \(\d+\u00a0sessions?, [^)]+\) — (content )?similarity \d\.\d\d/);
  assert.match(page, /<h2 id="rated-title">What user 101 watched<\/h2>/);
  assert.match(page, /<dt>Titles watched<\/dt>/);
  assert.not.match(page, /★/, 'no stars for inferred ratings');
  const csv = read(site, 'data/recommendations.csv').toString();
  assert.match(csv, /,"Because you watched [^"]+ \(\d+\u00a0sessions?, /);
  assert.match(read(site, 'index.html').toString(), /The data has plays and no ratings: each watched title gets an inferred rating/);
});

test('a bad cell in --data: exit 2, one line naming file, line and column, the previous site intact', async () => {
  const bad = path.join(dir, 'bad');
  cpSync(path.join(dir, 'export', 'csv'), bad, { recursive: true });
  const plays = readFileSync(path.join(bad, 'plays.csv'), 'utf8').split('\n');
  plays[5] = plays[5].replace(/,(Mobile|TV|Desktop|Tablet),/, ',Toaster,');
  writeFileSync(path.join(bad, 'plays.csv'), plays.join('\n'));
  const site = path.join(dir, 'csv');
  const before = hashTree(site);
  const r = await runBuild(['--data', bad, '--out', site]);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /^error: .*plays\.csv:6: column "device": expected one of Mobile, TV, Desktop, Tablet .*, got "Toaster"\n$/);
  assert.equal(hashTree(site), before);
  const mixed = await runBuild(['--data', bad, '--catalog', 'x.csv', '--out', site]);
  assert.is(mixed.status, 2);
  assert.match(mixed.stderr, /--data cannot be combined with --catalog/);
});

test.run();
