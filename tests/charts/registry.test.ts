// The chart registry (build/charts/index.ts) is the one list: README's table, the goldens, the
// per-module tests and the fact catalogue's chart column agree with it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CHARTS, chartShowing, REPORT_CHART_IDS } from '../../build/charts/index.ts';
import { pipelineFacts, simulated } from '../insights/pipeline.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const camel = (id: string) => id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

test('ids are unique, report charts first', () => {
  const ids = CHARTS.map((c) => c.id);
  assert.is(new Set(ids).size, ids.length);
  assert.equal(REPORT_CHART_IDS, CHARTS.slice(0, REPORT_CHART_IDS.length).map((c) => c.id));
});

test("README's chart table lists exactly the registry's charts, in order", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Place a chart'), readme.indexOf('### Strategic recommendations'));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)];
  const expected = CHARTS.map((c) => [c.id, c.title, c.scope === 'report' ? 'report' : 'each user page', c.needs]);
  assert.equal(
    rows.map((m) => [m[1], m[2].trim(), m[3].trim(), m[4].trim()]),
    expected,
    `README's table under "### Place a chart" should read:\n${expected.map(([id, ...rest]) => `| \`${id}\` | ${rest.join(' | ')} |`).join('\n')}`,
  );
});

test('every chart has its module, its test and its golden', () => {
  for (const c of CHARTS) {
    assert.ok(existsSync(path.join(ROOT, 'build/charts', `${camel(c.id)}.ts`)), `build/charts/${camel(c.id)}.ts`);
    assert.ok(existsSync(path.join(ROOT, 'tests/charts', `${camel(c.id)}.test.ts`)), `tests/charts/${camel(c.id)}.test.ts`);
    assert.ok(existsSync(path.join(ROOT, 'tests/charts/output', `${c.id}.svg`)), `tests/charts/output/${c.id}.svg`);
  }
});

test('every fact a chart claims exists, and every fact a chart shows is in the chart column', () => {
  const facts = pipelineFacts(simulated(42));
  const names = [...facts.list().map((f) => f.name), ...facts.absent.keys()];
  for (const c of CHARTS) {
    for (const pattern of c.facts) {
      const re = new RegExp(`^${pattern.split('.').map((s) => (s === '*' ? '[^.]+' : s)).join('\\.')}$`);
      assert.ok(names.some((n) => re.test(n)), `${c.id}: no fact matches "${pattern}"`);
    }
  }
  // pipelineFacts builds through build/narrative/facts.ts, which fills the column from the registry
  const disagree = facts.list().filter((f) => f.chart !== chartShowing(f.name)).map((f) => `${f.name}: ${f.chart} vs ${chartShowing(f.name)}`);
  assert.equal(disagree, []);
  assert.ok(facts.get('genre.Drama.viewing_share').chart === 'genre-demand' && facts.get('eval.default.ndcg').chart === 'model-comparison');
});

test.run();
