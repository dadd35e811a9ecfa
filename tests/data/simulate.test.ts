import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_SIMULATION, simulate, viewingWindow } from '../../build/data/simulate.ts';
import { caseStudyTitles } from '../../build/data/catalogue.ts';
import { DEVICES, InputError, type Dataset, type Title } from '../../build/types.ts';

const base = simulate(DEFAULT_SIMULATION);

test('same seed gives a deep-equal dataset; another seed changes the ratings', () => {
  assert.equal(simulate(DEFAULT_SIMULATION), base);
  const other = simulate({ ...DEFAULT_SIMULATION, seed: 7 });
  assert.not.equal(
    [...other.ratings].map((r) => [r.userId, r.titleId, r.value]),
    [...base.ratings].map((r) => [r.userId, r.titleId, r.value]),
  );
});

test('default volumes, ids, plans and regions are the case study\'s', () => {
  assert.is(base.titles.length, 20);
  assert.is(base.users.length, 10);
  assert.is(base.ratings.length, 50);
  assert.is(base.sessions!.length, 100);
  assert.equal(base.titles.map((t) => t.id), Array.from({ length: 20 }, (_, i) => String(i + 1)));
  assert.equal(base.titles[0], caseStudyTitles()[0]);
  assert.is(base.titles[19].name, 'The Sandman');
  assert.equal(base.titles[19].genres, ['Fantasy']);
  assert.equal(base.users.map((u) => u.id), ['101', '102', '103', '104', '105', '106', '107', '108', '109', '110']);
  assert.equal(base.users.map((u) => u.plan), ['Basic', 'Standard', 'Premium', 'Standard', 'Basic', 'Premium', 'Standard', 'Basic', 'Premium', 'Standard']);
  assert.equal(base.users.map((u) => u.region), ['India', 'USA', 'UK', 'Canada', 'India', 'USA', 'UK', 'Canada', 'India', 'USA']);
  assert.is(base.source.kind, 'simulation');
  assert.match(base.source.description, /seed 42/);
  assert.equal(base.ratingScale, { min: 1, max: 5, step: 1 });
});

test('ratings are whole stars 1–5, distinct per user, of known titles', () => {
  const ids = new Set(base.titles.map((t) => t.id));
  const seen = new Set<string>();
  for (const r of base.ratings) {
    assert.ok(Number.isInteger(r.value) && r.value >= 1 && r.value <= 5, `rating ${r.value}`);
    assert.ok(ids.has(r.titleId));
    const key = `${r.userId}/${r.titleId}`;
    assert.not.ok(seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
});

test('sessions: known devices, inside the 30-day window, never longer than the title', () => {
  const { start, end } = viewingWindow(DEFAULT_SIMULATION.endDate);
  assert.is(end - start, 30 * 86_400_000);
  assert.is(new Date(end).toISOString(), '2025-07-01T00:00:00.000Z');
  const minutes = new Map(base.titles.map((t) => [t.id, t.durationMin!]));
  for (const s of base.sessions!) {
    assert.ok((DEVICES as readonly string[]).includes(s.device));
    assert.ok(s.start >= start && s.start < end);
    assert.ok(s.minutes >= 1 && s.minutes <= minutes.get(s.titleId)!, `${s.minutes} > ${minutes.get(s.titleId)}`);
  }
});

test('hidden truth: preferences sum to 1 and top genres are the 3 heaviest', () => {
  for (const u of base.users) {
    const pref = base.truth!.genrePreference.get(u.id)!;
    const sum = [...pref.values()].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    const top = base.truth!.topGenres.get(u.id)!;
    assert.is(top.length, 3);
    const weights = top.map((g) => pref.get(g)!);
    const rest = [...pref].filter(([g]) => !top.includes(g)).map(([, w]) => w);
    assert.ok(Math.min(...weights) >= Math.max(...rest));
    assert.equal(weights, weights.slice().sort((a, b) => b - a));
    const habit = base.truth!.deviceHabit.get(u.id)!;
    assert.ok(Math.abs([...habit.values()].reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
});

function shareInTopGenres(d: Dataset): number {
  const genres = new Map(d.titles.map((t) => [t.id, t.genres]));
  const hits = [...d.ratings].filter((r) => genres.get(r.titleId)!.some((g) => d.truth!.topGenres.get(r.userId)!.includes(g)));
  return hits.length / d.ratings.length;
}

test('ratings concentrate on each user\'s hidden favourite genres, and rate them higher', () => {
  const big = simulate({ ...DEFAULT_SIMULATION, users: 300, titles: 200, ratingsPerUser: 20 });
  const share = shareInTopGenres(big);
  assert.ok(share > 0.8, `share in top-3 genres ${share}`);
  // 9 genres: a user choosing uniformly would put only about a third of ratings there.
  const genres = new Map(big.titles.map((t) => [t.id, t.genres]));
  let inSum = 0, inN = 0, outSum = 0, outN = 0;
  for (const r of big.ratings) {
    if (genres.get(r.titleId)!.some((g) => big.truth!.topGenres.get(r.userId)!.includes(g))) (inSum += r.value), inN++;
    else (outSum += r.value), outN++;
  }
  assert.ok(inSum / inN - outSum / outN > 1, `mean in ${inSum / inN} vs out ${outSum / outN}`);
  assert.ok(shareInTopGenres(base) > 0.7);
});

test('device habits follow the plan: Premium users watch on TV more than Basic users', () => {
  const d = simulate({ ...DEFAULT_SIMULATION, users: 400, sessionsPerUser: 20 });
  const plan = new Map(d.users.map((u) => [u.id, u.plan]));
  const tvShare = (p: string): number => {
    const mine = [...d.sessions!].filter((s) => plan.get(s.userId) === p);
    return mine.filter((s) => s.device === 'TV').length / mine.length;
  };
  assert.ok(tvShare('Premium') > tvShare('Basic') + 0.2, `${tvShare('Premium')} vs ${tvShare('Basic')}`);
});

test('scaling: synthetic titles with unique names over the case study genres, users from 111', () => {
  const d = simulate({ ...DEFAULT_SIMULATION, users: 50, titles: 120 });
  assert.is(d.titles.length, 120);
  assert.is(d.titles[20].id, '21');
  assert.is(new Set(d.titles.map((t) => t.name)).size, 120);
  // nor two that differ only by a leading "The" ("Paranoid Conspiracy", "The Paranoid Conspiracy")
  const big = simulate({ ...DEFAULT_SIMULATION, users: 10, titles: 500 });
  const keys = big.titles.map((t) => t.name.replace(/^The /, '').toLowerCase());
  assert.is(new Set(keys).size, 500);
  assert.equal(new Set(d.titles.flatMap((t) => t.genres)), new Set(caseStudyTitles().flatMap((t) => t.genres)));
  assert.is(d.users[10].id, '111');
  assert.ok(d.users.every((u) => ['Basic', 'Standard', 'Premium'].includes(u.plan!)));
  assert.is(d.ratings.length, 250);
  // The first 20 titles stay the case study's whatever the scale.
  assert.equal(d.titles.slice(0, 20), caseStudyTitles());
});

test('ratings per user never exceed the catalogue, and each user rates at least one title', () => {
  const d = simulate({ ...DEFAULT_SIMULATION, titles: 6, ratingsPerUser: 6 });
  const per = new Map<string, number>();
  for (const r of d.ratings) per.set(r.userId, (per.get(r.userId) ?? 0) + 1);
  assert.is(per.size, 10);
  for (const n of per.values()) assert.ok(n >= 1 && n <= 6);
  assert.is(d.ratings.length, 60);
});

test('a given catalogue is used as is, multi-genre titles included', () => {
  const catalogue: Title[] = [
    { id: 's1', name: 'A', genres: ['Dramas', 'International Movies'], year: 2020, durationMin: 90, kind: 'Movie', description: '', tags: [] },
    { id: 's2', name: 'B', genres: ['Comedies'], year: 2019, durationMin: null, kind: 'TV Show', description: '', tags: [] },
    { id: 's3', name: 'C', genres: ['Dramas'], year: 2018, durationMin: 100, kind: 'Movie', description: '', tags: [] },
  ];
  const d = simulate({ ...DEFAULT_SIMULATION, users: 5, ratingsPerUser: 2 }, catalogue);
  assert.equal(d.titles, catalogue);
  assert.not.ok(d.titles === catalogue);
  for (const s of d.sessions!) assert.ok(s.minutes <= (s.titleId === 's2' ? 45 : s.titleId === 's1' ? 90 : 100));
  assert.equal(new Set(d.truth!.genrePreference.get('101')!.keys()), new Set(['Comedies', 'Dramas', 'International Movies']));
});

test('bad options are input errors naming the field', () => {
  for (const [field, value] of [['users', 0], ['ratingsPerUser', 1.5], ['endDate', '2025-02-30'], ['seed', -1]] as const) {
    try {
      simulate({ ...DEFAULT_SIMULATION, [field]: value });
      assert.unreachable(`${field} accepted`);
    } catch (err) {
      assert.instance(err, InputError);
      assert.match((err as Error).message, field);
    }
  }
});

test.run();
