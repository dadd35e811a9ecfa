// The evaluation in a worker thread gives exactly what it gives in the main thread, and the
// compact job the worker receives carries every rating as it was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../../build/config.ts';
import { loadDataset } from '../../build/data/load.ts';
import { evaluate, startEvaluation } from '../../build/evaluate/index.ts';
import { runJob, toJob } from '../../build/evaluate/parallel.ts';
import { defaultRecommender, itemKnnCosine } from '../../build/recommend/index.ts';
import type { Dataset, EvaluationResult } from '../../build/types.ts';

const { config } = resolveConfig(['--users', '120', '--titles', '80', '--ratings-per-user', '12']);
const opts = { k: 10, seed: 42, recommenders: ['default', 'itemknn-cosine'] };
let ds: Dataset;
let expected: EvaluationResult;
test.before(async () => {
  ds = await loadDataset(config);
  expected = evaluate(ds, { k: 10, seed: 42, recommenders: [defaultRecommender, itemKnnCosine] });
});

test('the job round-trips the dataset as the evaluation reads it', () => {
  assert.equal(runJob(toJob(ds, opts)), expected);
});

test('a worker thread returns the same evaluation as the main thread', async () => {
  const result = await startEvaluation(ds, { ...opts, workerMinRatings: 1 })();
  assert.equal(result, expected);
  assert.equal(result.models.map((m) => m.name), ['popularity', 'default', 'itemknn-cosine']);
});

test('below the threshold it runs in the main thread, when awaited', async () => {
  assert.equal(await startEvaluation(ds, { ...opts, workerMinRatings: Infinity })(), expected);
});

test('a failure in the worker reaches the caller as an error', async () => {
  const bad = startEvaluation(ds, { ...opts, recommenders: ['no-such-model'], workerMinRatings: 1 });
  try {
    await bad();
    assert.unreachable('should have failed');
  } catch (err) {
    assert.match((err as Error).message, /^evaluation worker: unknown recommender "no-such-model"$/);
    // the worker's own error, stack and all, is the cause
    const cause = (err as Error).cause as Error;
    assert.is(cause.message, 'unknown recommender "no-such-model"');
    assert.match(cause.stack!, /recommenderNamed/);
  }
});

test.run();
