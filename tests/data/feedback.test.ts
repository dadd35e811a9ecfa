// build/data/feedback.ts: `--feedback` on a loaded dataset — auto keeps it, plays learns from watch
// history alone, both fills in watched-but-unrated titles on the data's own scale; a mode the
// data cannot support is a one-line input error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate, DEFAULT_SIMULATION } from '../../build/data/simulate.ts';
import { applyFeedback, onScale } from '../../build/data/feedback.ts';
import { allInferred } from '../../build/data/implicit.ts';
import { buildModel } from '../../build/model/index.ts';
import { recommendAll } from '../../build/recommend/index.ts';
import { InputError } from '../../build/types.ts';

const sim = simulate({ ...DEFAULT_SIMULATION, seed: 5, users: 150, titles: 80, ratingsPerUser: 6, sessionsPerUser: 12 });
const pairs = (ratings: { userId: string; titleId: string }[]) => new Set(ratings.map((r) => `${r.userId}\u0000${r.titleId}`));

test('auto and ratings keep the dataset as loaded', () => {
  assert.is(applyFeedback(sim, 'auto'), sim);
  assert.is(applyFeedback(sim, 'ratings'), sim);
});

test('plays: one inferred rating per watched title, on 1–5, every rating inferred', () => {
  const ds = applyFeedback(sim, 'plays');
  assert.equal(pairs([...ds.ratings]), pairs([...sim.sessions!]));
  assert.equal(ds.ratingScale, { min: 1, max: 5, step: 0.5 });
  assert.ok(allInferred(ds));
  assert.ok(ds.notes.some((n) => /--feedback plays/.test(n)));
});

test('both: every rating kept as given, watched-but-unrated titles added, and only those cite the watching', () => {
  const ds = applyFeedback(sim, 'both');
  assert.equal([...ds.ratings].slice(0, sim.ratings.length), [...sim.ratings]);
  const rated = pairs([...sim.ratings]);
  const added = [...ds.ratings].slice(sim.ratings.length);
  assert.ok(added.length > 0);
  for (const r of added) {
    assert.not.ok(rated.has(`${r.userId}\u0000${r.titleId}`), 'a rated title is never re-rated');
    assert.ok(ds.implicit!.has(r.userId, r.titleId));
    assert.ok(r.value >= sim.ratingScale.min && r.value <= sim.ratingScale.max);
  }
  assert.is(pairs([...rated].map((k) => ({ userId: k.split('\u0000')[0], titleId: k.split('\u0000')[1] })).concat(added)).size, ds.ratings.length);
  assert.not.ok(allInferred(ds));
  const recs = [...recommendAll(buildModel(ds), ds, { k: 10 }).values()].flat().filter((r) => r.source === 'collaborative');
  const watched = recs.filter((r) => /watched/.test(r.explanation));
  assert.ok(watched.length > 0 && watched.length < recs.length, 'some reasons cite the watching, others the ratings');
  for (const r of recs) assert.not.match(r.explanation, /undefined|NaN/);
});

test('an inferred rating is placed on the data scale: 1–5 to 0.5–5 and 1–10, rounded to the step', () => {
  assert.is(onScale(3, { min: 1, max: 5, step: 1 }), 3);
  assert.is(onScale(3.5, { min: 1, max: 5, step: 1 }), 4);
  assert.is(onScale(1, { min: 0.5, max: 5, step: 0.5 }), 0.5);
  assert.is(onScale(5, { min: 0.5, max: 5, step: 0.5 }), 5);
  assert.is(onScale(3, { min: 1, max: 10, step: 1 }), 6);
});

test('a mode the data cannot support: one line, an input error', () => {
  const noPlays = { ...sim, sessions: null };
  assert.throws(() => applyFeedback(noPlays, 'both'), (e: Error) => e instanceof InputError && /^--feedback both: the data has no plays/.test(e.message));
  assert.throws(() => applyFeedback(noPlays, 'plays'), (e: Error) => e instanceof InputError && /^--feedback plays: the data has no plays/.test(e.message));
  const playsOnly = applyFeedback(sim, 'plays');
  assert.throws(() => applyFeedback(playsOnly, 'ratings'), (e: Error) => e instanceof InputError && /^--feedback ratings: the data has no ratings/.test(e.message));
});

test.run();
