import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModel } from '../../build/model/index.ts';
import { MIN_HISTORY, Ranker, compareIds, recommend, recommendAll } from '../../build/recommend/index.ts';
import { popularityRecommender } from '../../build/evaluate/index.ts';
import { simulate } from '../../build/data/simulate.ts';
import { InputError } from '../../build/types.ts';
import { dataset, tiny, title } from '../fixtures/model/dataset.ts';

const sim = simulate({ seed: 5, users: 60, titles: 40, ratingsPerUser: 8, sessionsPerUser: 0, endDate: '2025-06-30' });
const simModel = buildModel(sim);

test('the fallback offers what most users liked, and calls a title "most rated" only when it is', () => {
  // Dark: four ratings, mostly low; Crown: three, all high; Tiny: one. All Drama.
  const ds = dataset(
    [title('dark', 'Dark', ['Drama']), title('crown', 'The Crown', ['Drama']), title('tiny', 'Tiny', ['Drama']), title('seen', 'Seen', ['Drama'])],
    [
      ['a', 'dark', 2],
      ['b', 'dark', 2],
      ['c', 'dark', 2],
      ['d', 'dark', 5],
      ['a', 'crown', 4],
      ['b', 'crown', 4.5],
      ['c', 'crown', 4.5],
      ['e', 'tiny', 4],
      ['cold', 'seen', 5],
    ],
  );
  const recs = recommend(buildModel(ds), ds, 'cold', { k: 3 });
  assert.equal(recs.map((r) => r.titleId), ['crown', 'dark', 'tiny']);
  assert.is(recs[0].explanation, 'A title in Drama, a genre you liked: rated by 3 users, mean ★4.3');
  assert.is(recs[1].explanation, 'Among the most rated titles in Drama, a genre you liked: rated by 4 users, mean ★2.8');
  assert.is(recs[2].explanation, 'A title in Drama, a genre you liked: rated by 1 user, mean ★4.0');
  // the evaluation's popularity floor stays the protocol's "most rated first"
  const floor = new Ranker(buildModel(ds), popularityRecommender());
  const model = floor.model;
  assert.equal(Array.from(floor.rankPositions(model.userPos.get('cold'), 3, null), (t) => model.titleIds[t]), ['dark', 'crown', 'tiny']);
});

test('never recommends a title the user rated', () => {
  const rated = new Map<string, Set<string>>();
  for (const r of sim.ratings) {
    if (!rated.has(r.userId)) rated.set(r.userId, new Set());
    rated.get(r.userId)!.add(r.titleId);
  }
  const all = recommendAll(simModel, sim, { k: 10 });
  assert.is(all.size, sim.users.length);
  for (const [u, recs] of all) {
    assert.is(recs.length, 10);
    assert.equal(
      recs.map((r) => r.rank),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.is(new Set(recs.map((r) => r.titleId)).size, 10);
    for (const r of recs) assert.not.ok(rated.get(u)?.has(r.titleId), `${u} rated ${r.titleId}`);
  }
});

test('include and exclude genre filters', () => {
  const genresOf = new Map(sim.titles.map((t) => [t.id, t.genres]));
  const u = sim.users[0].id;
  const only = recommend(simModel, sim, u, { k: 5, includeGenres: ['Drama', 'Crime'] });
  // seed 5 has at least five unrated Drama or Crime titles for user 101, so the list is full
  assert.is(only.length, 5);
  for (const r of only) assert.ok(genresOf.get(r.titleId)!.some((g) => g === 'Drama' || g === 'Crime'));
  const without = recommend(simModel, sim, u, { k: 10, excludeGenres: ['Drama'] });
  assert.is(without.length, 10);
  for (const r of without) assert.not.ok(genresOf.get(r.titleId)!.includes('Drama'));
  assert.throws(() => recommend(simModel, sim, u, { k: 5, includeGenres: ['Westerns!'] }), (e: unknown) => e instanceof InputError);
});

test('collaborative recommendations are explained by the rated titles that contributed', () => {
  const ds = tiny();
  const m = buildModel(ds);
  const recs = recommend(m, ds, 'u2', { k: 3 });
  assert.is(recs.length, 3);
  const first = recs[0];
  assert.is(first.source, 'collaborative');
  // u2 rated A ★3 and D ★2 (mean 2.5): only A, which they liked, explains B; D never does
  assert.equal(
    first.reasons.map((r) => r.titleId),
    ['A'],
  );
  const ratedByU2 = new Map([
    ['A', 3],
    ['D', 2],
  ]);
  for (const r of first.reasons) {
    assert.is(r.rating, ratedByU2.get(r.titleId));
    assert.ok(r.similarity >= 0 && r.similarity <= 1 + 1e-9);
  }
  const names = new Map(ds.titles.map((t) => [t.id, t.name]));
  assert.match(first.explanation, /^Because you rated /);
  assert.ok(first.explanation.includes(names.get(first.reasons[0].titleId)!));
  assert.match(first.explanation, /★\d/);
});

test(`users with fewer than ${MIN_HISTORY} ratings, and unknown users, get the popularity fallback`, () => {
  const ds = dataset(
    [title('1', 'One', ['Drama']), title('2', 'Two', ['Drama']), title('3', 'Three', ['Comedy']), title('4', 'Four', ['Crime'])],
    [
      ['a', '1', 5],
      ['a', '2', 4],
      ['b', '1', 4],
      ['b', '3', 2],
      ['c', '1', 3],
      ['c', '2', 5],
      ['cold', '2', 4],
    ],
  );
  const m = buildModel(ds);
  const recs = recommend(m, ds, 'cold', { k: 3 });
  assert.equal(
    recs.map((r) => r.titleId),
    ['1', '3', '4'],
  );
  assert.ok(recs.every((r) => r.source === 'popular' && r.reasons.length === 0));
  // popular in the genre the user liked (Drama) first, then popular anywhere, each saying so
  assert.is(recs[0].explanation, 'Among the most rated titles in Drama, a genre you liked: rated by 3 users, mean ★4.0');
  // one rating makes no title "popular" or "most rated": the label says only what is true
  assert.is(recs[1].explanation, 'Rated by 1 user, mean ★2.0');
  assert.is(recs[2].explanation, 'New to the catalogue: not rated by anyone yet');
  // the fallback still honours filters and the rated titles
  assert.equal(
    recommend(m, ds, 'cold', { k: 3, excludeGenres: ['Comedy'] }).map((r) => r.titleId),
    ['1', '4'],
  );
  // equally liked and rated, so the higher mean (★4.3 against ★4.0) comes first
  assert.equal(
    recommend(m, ds, 'nobody', { k: 2 }).map((r) => r.titleId),
    ['2', '1'],
  );
});

test('ties break by title id, numerically for numeric ids', () => {
  assert.ok(compareIds('2', '10') < 0);
  assert.ok(compareIds('b', 'a') > 0);
  const ds = dataset(
    [title('10', 'Ten', ['Drama']), title('9', 'Nine', ['Drama']), title('11', 'Eleven', ['Drama'])],
    [['x', '11', 4]],
    ['x', 'y'],
  );
  const m = buildModel(ds);
  // 9 and 10 are both unrated: equal popularity, so "9" before "10"
  assert.equal(
    recommend(m, ds, 'y', { k: 3 }).map((r) => r.titleId),
    ['11', '9', '10'],
  );
});

test('recommendations are deterministic', () => {
  assert.equal(recommendAll(simModel, sim, { k: 5 }), recommendAll(buildModel(sim), sim, { k: 5 }));
});

test.run();
