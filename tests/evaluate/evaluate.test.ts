import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../../build/data/simulate.ts';
import { evaluate } from '../../build/evaluate/index.ts';

const ds = simulate({ seed: 3, users: 120, titles: 60, ratingsPerUser: 8, sessionsPerUser: 0, endDate: '2025-06-30' });

test('models in order with the popularity floor first; metrics are shares; truth only on simulations', () => {
  const r = evaluate(ds, { k: 5, seed: 42 });
  assert.equal(
    r.models.map((m) => m.name),
    ['popularity', 'default', 'itemknn-cosine', 'rp3beta', 'ease'],
  );
  assert.is(r.protocol.k, 5);
  assert.is(r.protocol.usersEvaluated, 120);
  for (const m of r.models) {
    for (const [name, v] of Object.entries(m.metrics)) assert.ok(v !== null && v >= 0 && v <= 1, `${m.name} ${name} ${v}`);
  }
  const byName = new Map(r.models.map((m) => [m.name, m.metrics]));
  // the published model follows the users' hidden tastes better than the popularity floor
  assert.ok(byName.get('default')!.genreMatchTruth! > byName.get('popularity')!.genreMatchTruth!);
  const real = evaluate({ ...ds, truth: null }, { k: 5, seed: 42 });
  assert.is(real.models[0].metrics.genreMatchTruth, null);
});

test('same seed, same figures', () => {
  assert.equal(evaluate(ds, { k: 5, seed: 9 }), evaluate(ds, { k: 5, seed: 9 }));
});

test.run();
