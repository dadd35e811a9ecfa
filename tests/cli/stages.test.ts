// Issue 14's hand-off: build → --export-stages → build with --stages gives the same site byte for
// byte (the Reproduce line alone names --stages), on the simulation and on a MovieLens excerpt; a
// stages folder may hold only some stages; a bad stage file is one line naming file, row and
// column, exit 2, the site untouched.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashTree, runBuild } from './run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cli-stages-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function files(root: string, sub = ''): string[] {
  return readdirSync(path.join(root, sub)).flatMap((f) => (statSync(path.join(root, sub, f)).isDirectory() ? files(root, path.join(sub, f)) : [path.join(sub, f)])).sort();
}

/** The files that differ, and every differing line of theirs that is not the Reproduce line. */
function differences(a: string, b: string): { files: string[]; lines: string[] } {
  assert.equal(files(b), files(a), 'the same file set');
  const out = { files: [] as string[], lines: [] as string[] };
  for (const f of files(a)) {
    const x = readFileSync(path.join(a, f));
    const y = readFileSync(path.join(b, f));
    if (x.equals(y)) continue;
    out.files.push(f);
    const xs = x.toString().split('\n');
    const ys = y.toString().split('\n');
    if (xs.length !== ys.length) out.lines.push(`${f}: line count`);
    xs.forEach((l, i) => {
      if (l !== ys[i] && !/^\s*<p>Reproduce: <code>npm run build.*<\/code><\/p>$/.test(l)) out.lines.push(`${f}:${i + 1}: ${l.slice(0, 80)} ≠ ${ys[i]?.slice(0, 80)}`);
    });
  }
  return out;
}

const ML = ['--ratings', 'tests/fixtures/data/ml-latest-small/ratings.csv', '--movies', 'tests/fixtures/data/ml-latest-small/movies.csv'];

for (const [name, args] of [['seed 42', ['--users', '40', '--titles', '60']], ['MovieLens excerpt', ML]] as [string, string[]][]) {
  test(`${name}: --export-stages, then --stages rebuilds the same site byte for byte`, async () => {
    const key = name.replace(/\W+/g, '-');
    const first = await runBuild([...args, '--out', path.join(dir, `${key}-a`), '--export-stages', path.join(dir, `${key}-stages`)]);
    assert.is(first.status, 0, first.stderr);
    assert.match(first.stdout, /stages exported to .*: item_neighbours\.parquet, recommendations\.parquet, recommendation_reasons\.parquet, evaluation\.json/);
    const second = await runBuild([...args, '--stages', path.join(dir, `${key}-stages`), '--out', path.join(dir, `${key}-b`)]);
    assert.is(second.status, 0, second.stderr);
    assert.match(second.stdout, /stages: neighbours/);
    const d = differences(path.join(dir, `${key}-a`), path.join(dir, `${key}-b`));
    assert.equal(d.lines, [], 'only the Reproduce line differs');
    assert.ok(d.files.every((f) => f.endsWith('.html')), d.files.join(', '));
    assert.match(readFileSync(path.join(dir, `${key}-b`, 'index.html'), 'utf8'), /Reproduce: <code>npm run build -- .*--stages [^ <]*stages<\/code>/);
  });
}

test('a stages folder with only the evaluation: the rest is computed, the site the same', async () => {
  const only = path.join(dir, 'eval-only');
  cpSync(path.join(dir, 'seed-42-stages'), only, { recursive: true });
  for (const f of ['item_neighbours.parquet', 'recommendations.parquet', 'recommendation_reasons.parquet']) rmSync(path.join(only, f));
  const r = await runBuild(['--users', '40', '--titles', '60', '--stages', only, '--out', path.join(dir, 'eval-only-site')]);
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stdout, /stages: neighbours/);
  assert.equal(differences(path.join(dir, 'seed-42-a'), path.join(dir, 'eval-only-site')).lines, []);
});

test('a stage naming a user the data lacks: exit 2, one line with file, row and column; the site untouched', async () => {
  const bad = path.join(dir, 'bad');
  cpSync(path.join(dir, 'seed-42-stages'), bad, { recursive: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const src = path.join(dir, 'seed-42-stages', 'recommendations.parquet');
  await db.run(`COPY (SELECT * REPLACE (CASE WHEN user_id = '102' AND rank = 3 THEN 'ghost' ELSE user_id END AS user_id) FROM read_parquet('${src}')) TO '${path.join(bad, 'recommendations.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  const site = path.join(dir, 'seed-42-b');
  const before = hashTree(site);
  const r = await runBuild(['--users', '40', '--titles', '60', '--stages', bad, '--out', site]);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /^error: .*recommendations\.parquet: row 13: column "user_id": expected a user id of the data, got "ghost"\n$/);
  assert.equal(hashTree(site), before);
  const none = await runBuild(['--stages', path.join(dir, 'nowhere'), '--out', site]);
  assert.is(none.status, 2);
  assert.match(none.stderr, /--stages found none of item_neighbours\.parquet, /);
});

test('a reason the user did not give, or an evaluation with a metric that is not a number: exit 2, one line', async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const wrongRating = path.join(dir, 'wrong-rating');
  cpSync(path.join(dir, 'seed-42-stages'), wrongRating, { recursive: true });
  const src = path.join(dir, 'seed-42-stages', 'recommendation_reasons.parquet');
  await db.run(`COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 1 THEN 0.5 ELSE rating END AS rating) FROM read_parquet('${src}')) TO '${path.join(wrongRating, 'recommendation_reasons.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  const site = path.join(dir, 'seed-42-b');
  const before = hashTree(site);
  const r = await runBuild(['--users', '40', '--titles', '60', '--stages', wrongRating, '--out', site]);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /^error: .*recommendation_reasons\.parquet: row 1: column "rating": expected \d(\.5)?, user \d+'s rating of that title, got "0\.5"\n$/);
  const badEval = path.join(dir, 'bad-eval');
  cpSync(path.join(dir, 'seed-42-stages'), badEval, { recursive: true });
  const evaluation = JSON.parse(readFileSync(path.join(badEval, 'evaluation.json'), 'utf8'));
  evaluation.models[1].metrics.ndcg = '0.9';
  writeFileSync(path.join(badEval, 'evaluation.json'), JSON.stringify(evaluation));
  const e = await runBuild(['--users', '40', '--titles', '60', '--stages', badEval, '--out', site]);
  assert.is(e.status, 2, e.stderr);
  assert.match(e.stderr, /^error: .*evaluation\.json: models\[1\]\.metrics\.ndcg: expected a number from 0 to 1 \(EvaluationResult in build\/types\.ts\)\n$/);
  assert.equal(hashTree(site), before);
});

test.run();
