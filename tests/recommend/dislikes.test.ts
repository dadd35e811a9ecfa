// Issue 11: a rating below the user's own mean (or the scale's middle) is evidence against the
// titles like it: never a reason, never a boost.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildModel } from '../../build/model/index.ts';
import { isLiked, recommend, recommendAll, MIN_MATCH } from '../../build/recommend/index.ts';
import { simulate } from '../../build/data/simulate.ts';
import { dataset, title } from '../fixtures/model/dataset.ts';
import { Ratings } from '../../build/util/ratings.ts';

/**
 * Eight viewers rate Loved and its neighbour NearLoved; eight others rate Hated and its neighbour
 * NearHated, all ★4 (enough ratings for every component, EASE included). The user "me" rated
 * Loved ★5, Hated ★1 and Middle ★3 (mean 3): NearLoved is reached only through Loved, NearHated
 * only through Hated.
 */
function twoNeighbourhoods() {
  const titles = [
    title('1', 'Loved', ['Drama'], 'a family drama'),
    title('2', 'NearLoved', ['Drama'], 'a family drama again'),
    title('3', 'Hated', ['Horror'], 'a haunted house'),
    title('4', 'NearHated', ['Horror'], 'a haunted house again'),
    title('5', 'Middle', ['Comedy'], 'a school comedy'),
  ];
  const ratings: [string, string, number][] = [];
  for (let v = 0; v < 8; v++) ratings.push([`l${v}`, '1', 4], [`l${v}`, '2', 4], [`h${v}`, '3', 4], [`h${v}`, '4', 4]);
  ratings.push(['me', '1', 5], ['me', '3', 1], ['me', '5', 3]);
  return dataset(titles, ratings);
}

test('isLiked: at or above both the user mean and the middle of the scale', () => {
  assert.ok(isLiked(4, 3.5, 3));
  assert.ok(isLiked(3, 3, 3));
  assert.not.ok(isLiked(4, 4.2, 3)); // below the user's own mean
  assert.not.ok(isLiked(2.5, 2, 3)); // above the mean, below the middle of the scale
});

test('a title rated ★1 is never a reason, and its neighbour ranks below a neighbour of a liked title', () => {
  const ds = twoNeighbourhoods();
  const m = buildModel(ds);
  const recs = recommend(m, ds, 'me', { k: 2 });
  assert.equal(
    recs.map((r) => r.titleId),
    ['2', '4'],
  );
  const [nearLoved, nearHated] = recs;
  assert.is(nearLoved.source, 'collaborative');
  assert.equal(
    nearLoved.reasons.map((r) => [r.titleId, r.rating]),
    [['1', 5]],
  );
  assert.match(nearLoved.explanation, /^Because you rated Loved ★5/);
  // NearHated has no evidence for it: it is only an exploratory pick, labelled, citing nothing
  assert.is(nearHated.source, 'popular');
  assert.equal(nearHated.reasons, []);
  assert.match(nearHated.explanation, /^Exploratory pick, not drawn from your ratings/);
  for (const r of recs) assert.not.ok(r.explanation.includes('Hated ★1'));
});

test('a dislike lowers its neighbours: the same user without the ★1 scores NearHated no lower', () => {
  // Hated ★1 → NearHated gets nothing from history; rating Hated ★5 instead makes it a real match
  const ds = twoNeighbourhoods();
  const liked = { ...ds, ratings: Ratings.of([...ds.ratings].map((r) => (r.userId === 'me' && r.titleId === '3' ? { ...r, value: 5 } : r))) };
  const m = buildModel(liked);
  const recs = recommend(m, liked, 'me', { k: 2 });
  assert.ok(recs.every((r) => r.source === 'collaborative'));
  assert.equal(new Set(recs.map((r) => r.titleId)), new Set(['2', '4']));
});

test('on a simulation, no reason cites a rating below the user mean; scores are a match from 0 to 1', () => {
  const sim = simulate({ seed: 3, users: 80, titles: 60, ratingsPerUser: 12, sessionsPerUser: 0, endDate: '2025-06-30' });
  const model = buildModel(sim);
  const ratings = new Map<string, Map<string, number>>();
  for (const r of sim.ratings) {
    if (!ratings.has(r.userId)) ratings.set(r.userId, new Map());
    ratings.get(r.userId)!.set(r.titleId, r.value);
  }
  let cited = 0;
  for (const [u, recs] of recommendAll(model, sim, { k: 10 })) {
    const mine = ratings.get(u)!;
    const mean = [...mine.values()].reduce((a, b) => a + b, 0) / mine.size;
    const collaborative = recs.filter((r) => r.source === 'collaborative');
    if (collaborative.length > 0) assert.is(collaborative[0].score, 1);
    for (const r of collaborative) assert.ok(r.score >= MIN_MATCH && r.score <= 1, `${u}: match ${r.score}`);
    for (const r of recs) {
      if (r.source === 'popular') assert.is(r.score, 0);
      for (const x of r.reasons) {
        cited++;
        assert.is(mine.get(x.titleId), x.rating);
        assert.ok(x.rating >= mean && x.rating >= 3, `${u} cites ${x.titleId} ★${x.rating} (mean ${mean.toFixed(2)})`);
      }
    }
  }
  assert.ok(cited > 100, `only ${cited} reasons checked`);
});

test.run();
