// The seeded simulation (DESIGN.md "Data"). Each user gets a hidden, sparse genre preference and
// device habits; ratings and viewing sessions are drawn from them, so recommendations can be
// scored against the truth. Same options + seed ⇒ the same Dataset, value for value.
//
// Why the model looks like this:
// - Preferences are concentrated on 3 favourite genres (95 % of the mass, one or two usually
//   dominant; ≈90 % of ratings land there at scale) because that is what
//   makes "genre match against hidden preferences" a meaningful target; a flat preference would
//   make every recommender look alike.
// - Titles are drawn genre first (∝ preference), then within the genre by a Zipf-like
//   popularity, plus a small share of draws from overall popularity: users mostly watch what they
//   like, the catalogue still has a long tail, and each draw is O(1) (alias tables).
// - Favourite genres are chosen by how many titles they have (saturating), so a user's favourite
//   genres have titles left to recommend (on the 20-title catalogue Animation has one).
import { DEVICES, InputError, type Dataset, type Device, type HiddenTruth, type Rating, type Session, type Title, type User } from '../types.ts';
import { caseStudyTitles, caseStudyUsers } from './catalogue.ts';
import { AliasTable, apportion, dirichlet, normal, stream, type Rng } from './random.ts';
import { syntheticTitles } from './synthetic-titles.ts';

export interface SimulationOptions {
  seed: number;
  users: number;
  /** Ignored when a catalogue is passed (its titles are used as they are). */
  titles: number;
  /** Average ratings per user; the total is exactly users × ratingsPerUser (capped by the catalogue). */
  ratingsPerUser: number;
  /** Average sessions per user; the total is exactly users × sessionsPerUser. */
  sessionsPerUser: number;
  /** YYYY-MM-DD: the window is the 30 days ending at the end of that UTC day. */
  endDate: string;
}

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
/** Genres each user favourites, and the share of preference mass on them. */
const FAVOURITES = 3;
const DOMINANT_MASS = 0.95;
/**
 * Dirichlet concentration over the 3 favourites: 2.5 keeps all three clearly present (so the
 * hidden top 3 shows in the ratings) while one or two usually dominate.
 */
const FAV_ALPHA = 2.5;
/**
 * Favourite genres are chosen ∝ min(titles in the genre, SIZE_SATURATION)^SIZE_POWER: nobody can
 * keep watching a genre with one title in it, but beyond a few dozen titles size stops mattering
 * (so the 9 synthetic genres or Netflix's big genres are equally likely favourites). On the
 * 20-title catalogue this favours Crime, Drama and Fantasy, which leaves titles to recommend.
 */
const SIZE_SATURATION = 30;
const SIZE_POWER = 3;
/** Users' activity (ratings and sessions) varies within ±this share of the mean. */
const ACTIVITY_SPREAD = 0.3;
/** Share of title draws from overall popularity instead of the user's genres (exploration). */
const EXPLORE = 0.03;
/** Share of sessions that replay a title the user rated (the rest: new titles of liked genres). */
const SESSION_OF_RATED = 0.65;
/** Episode length assumed for shows whose duration is given in seasons (Netflix "2 Seasons"). */
const DEFAULT_EPISODE_MIN = 45;
const DEFAULT_MOVIE_MIN = 100;

const PLAN_MIX: [string, number][] = [['Basic', 0.3], ['Standard', 0.45], ['Premium', 0.25]];
const REGION_MIX: [string, number][] = [['India', 0.3], ['USA', 0.3], ['UK', 0.2], ['Canada', 0.2]];
/** Dirichlet concentration over DEVICES (Mobile, TV, Desktop, Tablet) by plan. */
const DEVICE_ALPHA: Record<string, number[]> = {
  Basic: [6, 1.5, 2, 1.5],
  Standard: [3, 4, 2.5, 1.5],
  Premium: [1.5, 7, 2, 2],
};

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
  const catalogueText = catalogue ? `the given catalogue of ${titles.length} titles` : `${titles.length} titles`;
  return {
    source: {
      kind: 'simulation',
      seed,
      files: [],
      description: `Simulated with seed ${seed}: ${users.length} users, ${catalogueText}, ${ratings.length} ratings and ${sessions.length} viewing sessions in the 30 days to ${opts.endDate}.`,
    },
    titles,
    users,
    ratings,
    sessions,
    truth,
    ratingScale: { min: 1, max: 5, step: 1 },
    notes: [
      'Ratings and viewing sessions are simulated: each user has hidden genre preferences and device habits that drive what they rate, how they rate it and where they watch.',
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

/** Genre → titles lookup with per-genre and overall popularity samplers. */
class CatalogueIndex {
  readonly titles: Title[];
  /** Every genre in the catalogue, sorted by name. */
  readonly genres: string[];
  readonly genrePos: Map<string, number>;
  /** Title positions per genre (by genre position). */
  readonly byGenre: Int32Array[];
  readonly byGenreSampler: AliasTable[];
  readonly overall: AliasTable;
  /** Genre positions of each title (deduplicated). */
  readonly titleGenres: Int32Array[];
  /** Per-title quality offset on the rating scale (some shows are simply better). */
  readonly quality: Float64Array;

  constructor(titles: Title[], rng: Rng) {
    this.titles = titles;
    this.genres = [...new Set(titles.flatMap((t) => t.genres))].sort();
    this.genrePos = new Map(this.genres.map((g, i) => [g, i]));
    // Zipf-like popularity over a seeded random order of the titles: a few hits, a long tail.
    const order = titles.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const popularity = new Float64Array(titles.length);
    order.forEach((t, rank) => (popularity[t] = 1 / Math.pow(rank + 3, 0.8)));
    this.overall = new AliasTable(popularity);
    const members: number[][] = this.genres.map(() => []);
    titles.forEach((t, i) => {
      for (const g of new Set(t.genres)) members[this.genrePos.get(g)!].push(i);
    });
    this.titleGenres = titles.map((t) => Int32Array.from(new Set(t.genres), (g) => this.genrePos.get(g)!));
    this.byGenre = members.map((m) => Int32Array.from(m));
    this.byGenreSampler = members.map((m) => new AliasTable(m.map((i) => popularity[i])));
    this.quality = Float64Array.from(titles, () => 0.35 * normal(rng));
  }
}

/** Per user: genre weights (by genre position), sparse and concentrated; plus device habits. */
interface UserTaste {
  weights: Float64Array;
  maxWeight: number;
  genreSampler: AliasTable;
  deviceSampler: AliasTable;
  bias: number;
}

function drawTruth(rng: Rng, users: User[], index: CatalogueIndex): { truth: HiddenTruth; tastes: UserTaste[] } {
  const G = index.genres.length;
  const pickWeight = index.byGenre.map((m) => Math.pow(Math.min(m.length, SIZE_SATURATION), SIZE_POWER));
  const truth: HiddenTruth = { genrePreference: new Map(), deviceHabit: new Map(), topGenres: new Map() };
  const perUser: UserTaste[] = [];
  for (const user of users) {
    const nFavourite = Math.min(G, FAVOURITES);
    const favourites = weightedSampleWithoutReplacement(rng, pickWeight, nFavourite);
    const weights = new Float64Array(G);
    const others = G - nFavourite;
    const favouriteMass = others > 0 ? DOMINANT_MASS : 1;
    dirichlet(rng, favourites.map(() => FAV_ALPHA)).forEach((w, k) => (weights[favourites[k]] = w * favouriteMass));
    if (others > 0) {
      const rest = dirichlet(rng, new Array(others).fill(0.3));
      let k = 0;
      for (let g = 0; g < G; g++) if (!favourites.includes(g)) weights[g] = rest[k++] * (1 - favouriteMass);
    }
    const preference = new Map(index.genres.map((g, i) => [g, weights[i]]));
    truth.genrePreference.set(user.id, preference);
    truth.topGenres.set(user.id, topGenres(preference, 3));
    const alpha = DEVICE_ALPHA[user.plan ?? 'Standard'] ?? DEVICE_ALPHA.Standard;
    const habit = dirichlet(rng, alpha);
    truth.deviceHabit.set(user.id, new Map(DEVICES.map((d, i) => [d, habit[i]] as [Device, number])));
    let maxWeight = 0;
    for (const w of weights) maxWeight = Math.max(maxWeight, w);
    perUser.push({
      weights,
      maxWeight,
      // Every genre in the index has at least one title, so any genre drawn can be served.
      genreSampler: new AliasTable(weights),
      deviceSampler: new AliasTable(habit),
      bias: 0.3 * normal(rng),
    });
  }
  return { truth, tastes: perUser };
}

/** The `n` heaviest genres, strongest first, ties by genre name. */
export function topGenres(preference: Map<string, number>, n: number): string[] {
  return [...preference.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([g]) => g);
}

function weightedSampleWithoutReplacement(rng: Rng, weights: number[], n: number): number[] {
  const left = weights.slice();
  const chosen: number[] = [];
  for (let k = 0; k < n; k++) {
    const total = left.reduce((s, w) => s + w, 0);
    let r = rng() * total;
    let pick = left.findIndex((w) => (r -= w) < 0);
    // Rounding can leave r ≥ 0 after the last weight: take the last genre still available.
    for (let g = left.length - 1; pick < 0 && g >= 0; g--) if (left[g] > 0) pick = g;
    chosen.push(pick);
    left[pick] = 0;
  }
  return chosen;
}

/** Share of the user's preference on the title's genres, relative to the user's favourite (0..1). */
function appeal(taste: UserTaste, t: number, index: CatalogueIndex): number {
  let mass = 0;
  for (const g of index.titleGenres[t]) mass += taste.weights[g];
  return Math.min(1, mass / taste.maxWeight);
}

/** A title the user would pick: genre by preference, then by popularity; sometimes just popular. */
function drawTitle(rng: Rng, taste: UserTaste, index: CatalogueIndex): number {
  if (rng() < EXPLORE) return index.overall.draw(rng);
  const g = taste.genreSampler.draw(rng);
  return index.byGenre[g][index.byGenreSampler[g].draw(rng)];
}

function drawRatings(
  rng: Rng,
  users: User[],
  counts: number[],
  index: CatalogueIndex,
  perUser: UserTaste[],
  window: { start: number; end: number },
): Rating[] {
  const ratings: Rating[] = [];
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
      ratings.push({ userId: user.id, titleId: index.titles[t].id, value, timestamp: window.start + Math.floor(rng() * span) });
    }
  });
  return ratings;
}

function firstUnrated(ratedBy: Int32Array, stamp: number): number {
  for (let t = 0; t < ratedBy.length; t++) if (ratedBy[t] !== stamp) return t;
  throw new Error('firstUnrated: every title is rated (counts are capped by the catalogue size)');
}

function drawSessions(
  rng: Rng,
  users: User[],
  counts: number[],
  ratings: Rating[],
  index: CatalogueIndex,
  perUser: UserTaste[],
  window: { start: number; end: number },
): Session[] {
  const titlePos = new Map(index.titles.map((t, i) => [t.id, i]));
  const ratedBy = new Map<string, { pos: number[]; sampler: AliasTable }>();
  for (let i = 0; i < ratings.length; ) {
    const userId = ratings[i].userId;
    const pos: number[] = [];
    const liking: number[] = [];
    for (; i < ratings.length && ratings[i].userId === userId; i++) {
      pos.push(titlePos.get(ratings[i].titleId)!);
      liking.push(ratings[i].value); // better-liked titles are rewatched more
    }
    ratedBy.set(userId, { pos, sampler: new AliasTable(liking) });
  }
  const sessions: Session[] = [];
  const span = window.end - window.start;
  users.forEach((user, u) => {
    const taste = perUser[u];
    const mine = ratedBy.get(user.id);
    const own: Session[] = [];
    for (let k = 0; k < counts[u]; k++) {
      const t = mine && rng() < SESSION_OF_RATED ? mine.pos[mine.sampler.draw(rng)] : drawTitle(rng, taste, index);
      const title = index.titles[t];
      const length = title.durationMin ?? (title.kind === 'Movie' ? DEFAULT_MOVIE_MIN : DEFAULT_EPISODE_MIN);
      // People finish what they like and drop what they do not.
      const completion = Math.min(1, Math.max(0.05, 0.3 + 0.6 * appeal(taste, t, index) + 0.15 * normal(rng)));
      own.push({
        userId: user.id,
        titleId: title.id,
        device: DEVICES[taste.deviceSampler.draw(rng)],
        start: window.start + Math.floor(rng() * span),
        minutes: Math.max(1, Math.min(length, Math.round(length * completion))),
      });
    }
    own.sort((a, b) => a.start - b.start);
    sessions.push(...own);
  });
  return sessions;
}
