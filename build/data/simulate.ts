// The seeded simulation (DESIGN.md "Data"). Each user gets a hidden, sparse genre preference and
// device habits (preferences.ts); ratings and viewing sessions are drawn from them, so
// recommendations can be scored against the truth. Same options + seed ⇒ the same Dataset.
import { DEVICES, InputError, type Dataset, type Plays, type Title, type User } from '../types.ts';
import { PlaysBuilder } from '../util/plays.ts';
import { caseStudyTitles, caseStudyUsers } from './catalogue.ts';
import { appeal, CatalogueIndex, drawTitle, drawTruth, type UserTaste } from './preferences.ts';
import { AliasTable, apportion, normal, stream, type Rng } from './random.ts';
import { syntheticTitles } from './synthetic-titles.ts';
import { plural } from '../util/numbers.ts';
import { RatingsBuilder, type Ratings } from '../util/ratings.ts';

import type { ReportConfig } from '../config.ts';
export { topGenres } from './preferences.ts';

/**
 * The simulation's settings are the config's own (documented in build/config.ts): the total is
 * exactly users × ratingsPerUser ratings (capped by the catalogue) and users × sessionsPerUser
 * sessions; `titles` is ignored when a catalogue is passed; the viewing window is the 30 days
 * ending at the end of `endDate` (UTC).
 */
export type SimulationOptions = Pick<ReportConfig, 'seed' | 'users' | 'titles' | 'ratingsPerUser' | 'sessionsPerUser' | 'endDate'>;

export const DEFAULT_SIMULATION: SimulationOptions = {
  seed: 42,
  users: 10,
  titles: 20,
  ratingsPerUser: 5,
  sessionsPerUser: 10,
  endDate: '2025-06-30',
};

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;
/** Users' activity (ratings and sessions) varies within ±this share of the mean. */
const ACTIVITY_SPREAD = 0.3;
/** Share of sessions that replay a title the user rated (the rest: new titles of liked genres). */
const SESSION_OF_RATED = 0.65;
/** Episode length assumed for shows whose duration is given in seasons (Netflix "2 Seasons"). */
const DEFAULT_EPISODE_MIN = 45;
const DEFAULT_MOVIE_MIN = 100;

const PLAN_MIX: [string, number][] = [['Basic', 0.3], ['Standard', 0.45], ['Premium', 0.25]];
const REGION_MIX: [string, number][] = [['India', 0.3], ['USA', 0.3], ['UK', 0.2], ['Canada', 0.2]];

export function simulate(opts: SimulationOptions, catalogue?: Title[]): Dataset {
  checkOptions(opts, catalogue);
  const { seed } = opts;
  const titles = catalogue ? catalogue.map((t) => ({ ...t, genres: [...t.genres], tags: [...t.tags] })) : simulatedTitles(opts);
  const users = simulatedUsers(stream(seed, 'users'), opts.users);
  const index = new CatalogueIndex(titles, stream(seed, 'popularity'));
  const { truth, tastes } = drawTruth(stream(seed, 'preferences'), users, index);
  const window = viewingWindow(opts.endDate);

  const activityRng = stream(seed, 'activity');
  // How much each user rates and watches. Kept within ±ACTIVITY_SPREAD of the mean: on the
  // 20-title catalogue a user who rates 9 titles has exhausted their favourite genres.
  const activity = users.map(() => 1 + ACTIVITY_SPREAD * (2 * activityRng() - 1));
  const ratingCounts = apportion(opts.users * opts.ratingsPerUser, activity, 1, titles.length);
  const sessionCounts = apportion(opts.users * opts.sessionsPerUser, activity, 0, Number.MAX_SAFE_INTEGER);

  const ratings = drawRatings(stream(seed, 'ratings'), users, ratingCounts, index, tastes, window);
  const sessions = drawSessions(stream(seed, 'sessions'), users, sessionCounts, ratings, index, tastes, window);

  const counts = new Map<string, number>([
    ['titles', titles.length],
    ['users', users.length],
    ['ratings', ratings.length],
    ['sessions', sessions.length],
  ]);
  const catalogueText = catalogue ? `the given catalogue of ${plural(titles.length, 'title')}` : plural(titles.length, 'title');
  return {
    source: {
      kind: 'simulation',
      seed,
      files: [],
      description: `Simulated with seed ${seed}: ${plural(users.length, 'user')}, ${catalogueText}, ${plural(ratings.length, 'rating')} and ${sessions.length > 0 ? plural(sessions.length, 'viewing session') : 'no viewing sessions'} in the 30 days to ${opts.endDate}.`,
    },
    titles,
    users,
    ratings,
    // none drawn (--sessions-per-user 0) is "no sessions in the data", as for MovieLens: every
    // section that reads sessions is then left out rather than written about an empty log
    sessions: sessions.length > 0 ? sessions : null,
    truth,
    ratingScale: { min: 1, max: 5, step: 1 },
    notes: [
      sessions.length > 0
        ? 'Ratings and viewing sessions are simulated: each user has hidden genre preferences and device habits that drive what they rate, how they rate it and where they watch.'
        : 'Ratings are simulated: each user has hidden genre preferences that drive what they rate and how they rate it.',
    ],
    counts,
  };
}

function checkOptions(opts: SimulationOptions, catalogue: Title[] | undefined): void {
  const whole = (field: keyof SimulationOptions, min: number): void => {
    const v = opts[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new InputError(`simulation: ${field}: expected a whole number ≥ ${min}, got ${JSON.stringify(v)}`, { field });
    }
  };
  whole('seed', 0);
  whole('users', 1);
  if (!catalogue) whole('titles', 1);
  whole('ratingsPerUser', 1);
  whole('sessionsPerUser', 0);
  viewingWindow(opts.endDate);
  if (catalogue && catalogue.length === 0) throw new InputError('simulation: the catalogue has no titles', { field: 'titles' });
}

/** [start, end) in ms UTC: the 30 days ending at the end of `endDate` (UTC). */
export function viewingWindow(endDate: string): { start: number; end: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(endDate);
  const end = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1) : NaN;
  if (!m || Number.isNaN(end) || new Date(end - DAY_MS).toISOString().slice(0, 10) !== endDate) {
    throw new InputError(`simulation: endDate: expected a date as YYYY-MM-DD, got ${JSON.stringify(endDate)}`, { field: 'endDate' });
  }
  return { start: end - WINDOW_DAYS * DAY_MS, end };
}

function simulatedTitles(opts: SimulationOptions): Title[] {
  const base = caseStudyTitles().slice(0, opts.titles);
  if (opts.titles <= base.length) return base;
  const extra = syntheticTitles(stream(opts.seed, 'titles'), opts.titles - base.length, base.length + 1, new Set(base.map((t) => t.name)));
  return [...base, ...extra];
}

function simulatedUsers(rng: Rng, count: number): User[] {
  const users = caseStudyUsers().slice(0, count);
  const plans = new AliasTable(PLAN_MIX.map(([, p]) => p));
  const regions = new AliasTable(REGION_MIX.map(([, p]) => p));
  for (let i = users.length; i < count; i++) {
    users.push({ id: String(101 + i), plan: PLAN_MIX[plans.draw(rng)][0], region: REGION_MIX[regions.draw(rng)][0] });
  }
  return users;
}

function drawRatings(
  rng: Rng,
  users: User[],
  counts: number[],
  index: CatalogueIndex,
  perUser: UserTaste[],
  window: { start: number; end: number },
): Ratings {
  const ratings = new RatingsBuilder(counts.reduce((a, b) => a + b, 0));
  const span = window.end - window.start;
  // ratedBy[t] === u + 1 marks "user u has rated title t" without a Set per user.
  const ratedBy = new Int32Array(index.titles.length);
  users.forEach((user, u) => {
    const taste = perUser[u];
    const stamp = u + 1;
    let n = 0;
    let misses = 0;
    while (n < counts[u]) {
      // Rejection keeps titles distinct; after many misses (the user's genres are used up) fall
      // back to overall popularity, then to the first unrated title in catalogue order.
      const t = misses < 30 ? drawTitle(rng, taste, index) : misses < 60 ? index.overall.draw(rng) : firstUnrated(ratedBy, stamp);
      if (ratedBy[t] === stamp) {
        misses++;
        continue;
      }
      misses = 0;
      n++;
      ratedBy[t] = stamp;
      const mean = 1.8 + 3 * appeal(taste, t, index) + index.quality[t] + taste.bias;
      const value = Math.min(5, Math.max(1, Math.round(mean + 0.7 * normal(rng))));
      ratings.push(user.id, index.titles[t].id, value, window.start + Math.floor(rng() * span));
    }
  });
  return ratings.finish();
}

function firstUnrated(ratedBy: Int32Array, stamp: number): number {
  for (let t = 0; t < ratedBy.length; t++) if (ratedBy[t] !== stamp) return t;
  throw new Error('firstUnrated: every title is rated (counts are capped by the catalogue size)');
}

function drawSessions(
  rng: Rng,
  users: User[],
  counts: number[],
  ratings: Ratings,
  index: CatalogueIndex,
  perUser: UserTaste[],
  window: { start: number; end: number },
): Plays {
  const titlePos = new Map(index.titles.map((t, i) => [t.id, i]));
  const ratedBy = new Map<string, { pos: number[]; sampler: AliasTable }>();
  // the ratings were drawn user by user: each user's are one run of rows
  for (let i = 0; i < ratings.length; ) {
    const user = ratings.user[i];
    const pos: number[] = [];
    const liking: number[] = [];
    for (; i < ratings.length && ratings.user[i] === user; i++) {
      pos.push(titlePos.get(ratings.titleId(i))!);
      liking.push(ratings.value[i]); // better-liked titles are rewatched more
    }
    ratedBy.set(ratings.userIds[user], { pos, sampler: new AliasTable(liking) });
  }
  const sessions = new PlaysBuilder();
  const span = window.end - window.start;
  users.forEach((user, u) => {
    const taste = perUser[u];
    const mine = ratedBy.get(user.id);
    // the user's sessions, drawn in this order, then written in order of start (ties: drawn first)
    const n = counts[u];
    const title = new Int32Array(n);
    const device = new Uint8Array(n);
    const start = new Float64Array(n);
    const minutes = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const t = mine && rng() < SESSION_OF_RATED ? mine.pos[mine.sampler.draw(rng)] : drawTitle(rng, taste, index);
      const drawn = index.titles[t];
      const length = drawn.durationMin ?? (drawn.kind === 'Movie' ? DEFAULT_MOVIE_MIN : DEFAULT_EPISODE_MIN);
      // People finish what they like and drop what they do not.
      const completion = Math.min(1, Math.max(0.05, 0.3 + 0.6 * appeal(taste, t, index) + 0.15 * normal(rng)));
      title[k] = t;
      device[k] = taste.deviceSampler.draw(rng);
      start[k] = window.start + Math.floor(rng() * span);
      minutes[k] = Math.max(1, Math.min(length, Math.round(length * completion)));
    }
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => start[a] - start[b]);
    for (const k of order) sessions.push(user.id, index.titles[title[k]].id, DEVICES[device[k]], start[k], minutes[k]);
  });
  return sessions.finish();
}
