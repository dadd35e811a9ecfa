// Issue 16 through the real CLI: `--compare` reads a previous site, writes the Markdown summary to
// --summary and to $GITHUB_STEP_SUMMARY, and `--fail-on-regression` stops the build with exit 3
// and the previous site untouched when the published model got worse.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashTree, runBuild } from './run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-compare-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const site = path.join(dir, 'site');
const summary = path.join(dir, 'summary.md');
const ciSummary = path.join(dir, 'step-summary.md');

test('seed 7 published, then seed 42 with a guard its NDCG drop exceeds: exit 3, one line, the summary written, the seed-7 site intact', async () => {
  const first = await runBuild(['--seed', '7', '--drafts', '--out', site]);
  assert.is(first.status, 0, first.stderr);
  const before = hashTree(site);
  writeFileSync(ciSummary, '# earlier step\n');
  const r = await runBuild(['--seed', '42', '--compare', site, '--summary', summary, '--fail-on-regression', 'ndcg=0.01', '--out', site], undefined, { GITHUB_STEP_SUMMARY: ciSummary });
  assert.is(r.status, 3, r.stderr);
  assert.match(r.stderr, /^error: --fail-on-regression: the published model got worse than .*: ndcg 0\.\d{3} → 0\.\d{3} \(allowed drop 0\.01\); the previous site is left as it was\n$/);
  assert.equal(hashTree(site), before, 'the previous site is byte for byte as it was');
  const md = readFileSync(summary, 'utf8');
  assert.match(md, /^## What changed since /);
  assert.match(md, /\*\*Regression:\*\* Published: .* ndcg 0\.\d{3} → 0\.\d{3}\./);
  const ci = readFileSync(ciSummary, 'utf8');
  assert.ok(ci.startsWith('# earlier step\n## What changed since '), 'appended to the CI step summary, not replacing it');
  assert.match(r.stdout, /^compared with .*: \d+ facts moved, \d+ new, \d+ gone, \d+ claims? flipped, \d+ strategy items? changed; published model NDCG 0\.\d+ → 0\.\d+$/m);
});

test('the same guard loosened: the build publishes; compared with an identical build, nothing changed', async () => {
  const r = await runBuild(['--seed', '42', '--compare', site, '--fail-on-regression', 'ndcg=0.5', '--out', site]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /: \d+ facts moved/);
  const again = await runBuild(['--seed', '42', '--compare', path.join(site, 'data/facts.json'), '--summary', summary, '--out', path.join(dir, 'site2')]);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /^compared with .*: nothing changed$/m);
  assert.match(readFileSync(summary, 'utf8'), /Nothing changed/);
  // the comparison flags are not part of what the site is: not in its Reproduce line
  const home = readFileSync(path.join(dir, 'site2', 'index.html'), 'utf8');
  assert.not.match(home, /--compare|--summary|facts\.json<\/code>/);
});

test('a tampered record, or a guard without --compare, fails at once with exit 2 and builds nothing', async () => {
  const tampered = path.join(dir, 'tampered.json');
  writeFileSync(tampered, readFileSync(path.join(site, 'data/facts.json'), 'utf8').replace('"streaming-report-record"', '"x"'));
  const out = path.join(dir, 'never');
  const r = await runBuild(['--compare', tampered, '--out', out]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /^error: --compare ".*tampered\.json": not a report record this version can compare: "format" is "x", expected "streaming-report-record"\n$/);
  assert.not.ok(existsSync(out));
  const g = await runBuild(['--fail-on-regression', 'ndcg=0.01', '--out', out]);
  assert.is(g.status, 2);
  assert.match(g.stderr, /--fail-on-regression needs --compare/);
  // a summary that cannot be written: one line, exit 2, nothing published
  const noDir = await runBuild(['--compare', site, '--summary', path.join(dir, 'missing-folder', 's.md'), '--out', out]);
  assert.is(noDir.status, 2, noDir.stderr);
  assert.match(noDir.stderr, /^error: --summary ".*s\.md": cannot write the comparison there \(ENOENT\); the previous site is left as it was\n$/);
  assert.not.ok(existsSync(out));
  const bad = await runBuild(['--compare', site, '--fail-on-regression', 'ndgc=0.01', '--out', out]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /unknown metric "ndgc"/);
});

test('the issue\'s "done when": seed 7 --drafts compared with the seed-42 site publishes a "What changed" page, a home-page line and the CI summary', async () => {
  const s42 = path.join(dir, 's42');
  const s7 = path.join(dir, 's7');
  assert.is((await runBuild(['--out', s42])).status, 0);
  const ci = path.join(dir, 'ci-summary.md');
  writeFileSync(ci, '');
  const r = await runBuild(['--seed', '7', '--drafts', '--compare', s42, '--out', s7], undefined, { GITHUB_STEP_SUMMARY: ci });
  assert.is(r.status, 0, r.stderr);
  const before = JSON.parse(readFileSync(path.join(s42, 'data/facts.json'), 'utf8'));
  const after = JSON.parse(readFileSync(path.join(s7, 'data/facts.json'), 'utf8'));
  // the record holds the narrative's claims, as evaluated on each build's data
  assert.ok(after.claims.length > 0 && after.claims.every((c: { file: string }) => c.file.startsWith('content/')), JSON.stringify(after.claims));
  const page = readFileSync(path.join(s7, 'changes/index.html'), 'utf8');
  const text = page.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
  // every fact whose value differs between the two records is on the page, old and new
  const moved = Object.keys(after.facts).filter((n) => n in before.facts && JSON.stringify(before.facts[n].value) !== JSON.stringify(after.facts[n].value));
  assert.ok(moved.length > 10, `${moved.length} facts moved`);
  for (const n of moved) assert.ok(text.includes(` ${n} `), `${n} is listed`);
  const named = moved.find((n) => typeof after.facts[n].value === 'string' && after.facts[n].kind === 'title')!;
  assert.ok(text.includes(`${before.facts[named].value} ${after.facts[named].value} changed`), `${named}: old → new`);
  assert.match(text, /Claims whose truth flipped/);
  assert.match(text, /Strategy items/);
  assert.match(text, /Recommender metrics/);
  const home = readFileSync(path.join(s7, 'index.html'), 'utf8');
  assert.match(home, /<p class="changes-line">Since the previous build, [^<]+ <a href="\/changes\/">What changed →<\/a><\/p>/);
  assert.match(home, /<li><a href="\/changes\/">What changed<\/a><\/li>/);
  assert.match(readFileSync(ci, 'utf8'), /^## What changed since .*s42\n/);
  // a build that is not compared has no such page, line or link
  assert.not.ok(existsSync(path.join(s42, 'changes')));
  assert.not.match(readFileSync(path.join(s42, 'index.html'), 'utf8'), /changes-line|What changed/);
});

test.run();
