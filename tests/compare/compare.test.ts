// Issue 16, items 2–4: two builds' records compared (seed 42 against seed 7), a record compared
// with itself, a tampered record refused, and the regression guard at its thresholds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkRecord, compareRecords, parseGuard, readRecord, regressions, type BuildRecord } from '../../build/compare/compare.ts';
import { cell, comparisonMarkdown } from '../../build/compare/summary.ts';
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
  assert.match(comparisonMarkdown(cmp, { previous: 'main' }), /Nothing changed: every fact, count and metric is the same\./);
});

test('seed 7 against seed 42: the facts that moved, names before numbers, numbers by relative size; every model\'s metric deltas', () => {
  const cmp = compareRecords(rec(seed7), rec(seed42));
  assert.not.ok(cmp.unchanged);
  assert.ok(cmp.moved.length > 10, `${cmp.moved.length} facts moved`);
  // a changed name (the top genre, a title) comes before any number
  const firstNumber = cmp.moved.findIndex((f) => f.delta !== null);
  assert.ok(cmp.moved.slice(firstNumber).every((f) => f.delta !== null), 'names first, then numbers');
  const rel = cmp.moved.slice(firstNumber).map((f) => f.relative!);
  assert.equal(rel, [...rel].sort((a, b) => b - a), 'numbers by relative change, largest first');
  // each moved fact is really different in the two records, with the right delta
  for (const f of cmp.moved) {
    assert.equal([f.old, f.new], [seed7.json.facts[f.name].value, seed42.json.facts[f.name].value]);
    if (f.delta !== null) assert.ok(Math.abs(f.delta - ((f.new as number) - (f.old as number))) < 1e-12);
  }
  const ndcg = cmp.metrics.find((m) => m.model === 'default' && m.metric === 'ndcg')!;
  assert.equal([ndcg.old, ndcg.new], [seed7.json.evaluation.models[1].metrics.ndcg, seed42.json.evaluation.models[1].metrics.ndcg]);
  assert.ok(cmp.metrics.some((m) => m.model === 'popularity'), 'the baseline is compared too');
  // 14 and 12 held-out ratings: every evaluation figure that moved is marked as noise
  assert.ok(cmp.moved.filter((f) => f.name.startsWith('eval.') && f.delta !== null).every((f) => f.noise));
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
    ['version.json', good.replace(/"version": 1/, '"version": 99'), /"version" is 99, expected 1/],
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

test.run();
