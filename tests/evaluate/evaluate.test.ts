import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../../build/data/simulate.ts';
import { evaluate, topGenresByCount } from '../../build/evaluate/index.ts';
import { trainTopGenres } from '../../build/evaluate/evaluate.ts';
import { buildModel } from '../../build/model/index.ts';

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

test('top train genres counted on positions are topGenresByCount’s, ties by name included', () => {
  // few ratings over many genres: ties at the third place are common
  const sim = simulate({ seed: 11, users: 200, titles: 80, ratingsPerUser: 5, sessionsPerUser: 0, endDate: '2025-06-30' });
  const model = buildModel(sim);
  const genresById = new Map(sim.titles.map((t) => [t.id, t.genres]));
  const users = [...model.userIds];
  const got = trainTopGenres(model, users, 3);
  let ties = 0;
  for (const id of users) {
    const rated = model.userRatings(model.userPos.get(id)!).map((r) => model.titleIds[r.pos]);
    const want = topGenresByCount(rated, (t) => genresById.get(t) ?? [], 3);
    assert.equal(got.get(id), want, id);
    const all = topGenresByCount(rated, (t) => genresById.get(t) ?? [], 99);
    if (all.length > 3) ties++;
  }
  assert.ok(ties > 20, `users with genres left out of their top 3: ${ties}`);
});

test.run();
