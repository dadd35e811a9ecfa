// The committed narrative (content/*.md) against data: it binds cleanly for the default
// simulation and for data without sessions or evaluation, and one of its claims fails — with
// file, line and the actual value — under a seed where the data no longer supports it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bindMarkdown, InsightError } from '../../build/narrative/bind.ts';
import { contentFiles, pipelineFacts, simulated, stubCharts } from './pipeline.ts';
import { renderBound } from './markdown.ts';
import type { FactCatalogue } from '../../build/insights/catalogue.ts';

const CLAIM = '{% claim top_genre == "Crime" %}';
const defaultFacts = pipelineFacts(simulated(42));

/** Every content file, bound and rendered. */
function bindAll(facts: FactCatalogue, charts = stubCharts()): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of contentFiles()) out.set(f.file, renderBound(bindMarkdown(f.body, f.file, { facts, charts, drafts: false, firstLine: f.firstLine })));
  return out;
}

test('every section binds for the default simulation, with the charts placed once each', () => {
  const bound = bindAll(defaultFacts);
  const sections = new Set(contentFiles().map((f) => /^section:\s*(\S+)/m.exec(f.text)?.[1]));
  for (const s of ['overview', 'data', 'matrices', 'recommendations', 'evaluation', 'engagement', 'strategy', 'method']) assert.ok(sections.has(s), s);
  const all = [...bound.values()].join('\n');
  for (const id of stubCharts().keys()) assert.is(all.split(`id="chart-${id}"`).length - 1, 1, id);
  const strategy = bound.get('content/70-strategy.md')!;
  // the five strategy items whose triggers hold for seed 42 (tests/insights/strategy.test.ts)
  assert.is((strategy.match(/class="strategy-item"/g) ?? []).length, 5);
});

test('prose states no figure of its own: digits appear only inside directives', () => {
  for (const f of contentFiles()) {
    const prose = f.body.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, '').replace(/^\|[\s|:-]*\|$/gm, '');
    const digits = prose.split('\n').map((l, i) => [i + f.firstLine, l] as const).filter(([, l]) => /\d/.test(l.replace(/log₂|TF-IDF|NDCG@|P@/g, '')));
    assert.equal(digits, [], `${f.file} has typed numbers`);
  }
});

test('the narrative still binds when the data has no sessions and no evaluation', () => {
  const ds = simulated(42);
  const facts = pipelineFacts({ ...ds, source: { ...ds.source, kind: 'movielens' }, sessions: null, users: ds.users.map((u) => ({ ...u, plan: null, region: null })) }, { evaluation: false });
  const bound = bindAll(facts, stubCharts(['device-engagement', 'model-comparison']));
  // nothing to say without sessions: the section is empty, and the site leaves it out
  assert.is(bound.get('content/60-engagement.md')!.trim(), '');
  assert.match(bound.get('content/50-evaluation.md')!, 'The evaluation was not run');
});

test('a committed claim holds under the default seed and fails under another, naming file, line and value', () => {
  const file = contentFiles().find((f) => f.text.includes(CLAIM))!;
  assert.ok(file, `no content file holds ${CLAIM}`);
  const line = file.text.slice(0, file.text.indexOf(CLAIM)).split('\n').length;
  assert.is(defaultFacts.get('top_genre').value, 'Crime');
  bindMarkdown(file.body, file.file, { facts: defaultFacts, charts: stubCharts(), drafts: false, firstLine: file.firstLine });

  // the first seed (from 1) whose most watched genre is not Crime: deterministic, and found
  // rather than pinned so the test survives tuning of the simulation
  let seed = 1;
  let facts = pipelineFacts(simulated(seed));
  while (facts.get('top_genre').value === 'Crime' && seed < 60) facts = pipelineFacts(simulated(++seed));
  const actual = facts.get('top_genre').value;
  assert.is.not(actual, 'Crime', 'no seed up to 60 changes the top genre');
  try {
    bindMarkdown(file.body, file.file, { facts, charts: stubCharts(), drafts: false, firstLine: file.firstLine });
    assert.unreachable('the claim should fail');
  } catch (err) {
    assert.instance(err, InsightError);
    const e = err as InsightError;
    assert.is(e.line, line);
    // the top_genre claim comes first on its line, so it is the one reported
    assert.is(e.message, `${file.file}:${line}: claim no longer holds: top_genre == "Crime" (top_genre is "${actual}")`);
  }
});

test.run();
