// The build's record, data/facts.json (issue 16, item 1): every fact with its value and chart,
// the absent facts with their reasons, the evaluation and the provenance; versioned, sorted,
// free of float noise and of local paths, the same bytes for the same settings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RECORD_FORMAT, RECORD_VERSION } from '../../build/site/record.ts';
import { loadMovieLens } from '../../build/data/movielens.ts';
import { simulated } from '../insights/pipeline.ts';
import { recordOf } from '../fixtures/record.ts';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('the record holds every fact with kind, value, meaning and chart, and the evaluation of every model', () => {
  const { json } = recordOf(simulated(42));
  assert.is(json.format, RECORD_FORMAT);
  assert.is(json.version, RECORD_VERSION);
  assert.equal(json.counts, { ratings: 50, sessions: 100, titles: 20, users: 10 });
  assert.is(json.facts.title_count.value, 20);
  assert.is(json.facts.title_count.kind, 'count');
  assert.ok(json.facts.most_similar_titles.chart === 'title-similarity', 'a charted fact names its chart');
  assert.ok(Array.isArray(json.facts.most_similar_titles.value));
  const models = json.evaluation.models as { name: string; metrics: Record<string, number>; liked: Record<string, number> }[];
  assert.equal(models.slice(0, 2).map((m) => m.name), ['popularity', 'default'], 'the baseline, then the published model');
  for (const m of models) assert.ok(typeof m.metrics.ndcg === 'number' && typeof m.liked.ndcg === 'number', `${m.name}: both views`);
  assert.ok(json.evaluation.protocol.testItems > 0 && json.evaluation.protocol.k === 5);
  assert.is(json.provenance.source, 'simulation');
  assert.is(json.provenance.settings.seed, '42');
});

test('same data, same bytes; keys sorted; no float noise', () => {
  const a = recordOf(simulated(42)).text;
  assert.is(recordOf(simulated(42)).text, a);
  const keys = Object.keys(JSON.parse(a).facts);
  assert.equal(keys, [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  assert.not.match(a, /\d\.\d*0000000\d|\d\.\d*9999999\d/, 'numbers are rounded to 12 significant digits');
  assert.is.not(recordOf(simulated(7)).text, a, 'another seed, another record');
});

test('facts the data cannot support are listed as absent with their reason; no evaluation is null', async () => {
  const ml = await loadMovieLens(path.join(ROOT, 'tests/fixtures/data/ml-latest-small/ratings.csv'), path.join(ROOT, 'tests/fixtures/data/ml-latest-small/movies.csv'), { seed: 42 });
  const { json, text } = recordOf(ml, false);
  assert.is(json.evaluation, null);
  assert.is(json.counts.sessions, null);
  assert.ok(json.absent.top_device, 'MovieLens has no sessions: top_device is absent');
  assert.match(json.absent.top_device.reason, /session/);
  assert.equal(json.provenance.files.map((f: { name: string }) => f.name).sort(), ['movies.csv', 'ratings.csv'], 'base names only');
  assert.not.ok(text.includes(ROOT), 'no local path in the published record');
});

test.run();
