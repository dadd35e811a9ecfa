// Hidden user tastes for the simulation: which genres each user favours, how strongly, and on
// which devices they watch; plus the catalogue index that turns a taste into O(1) title draws.
//
// Why the model looks like this:
// - Preferences are concentrated on 3 favourite genres (95 % of the mass, one or two usually
//   dominant; ≈90 % of ratings land there at scale) because that is what makes "genre match
//   against hidden preferences" a meaningful target; a flat preference would make every
//   recommender look alike.
// - Titles are drawn genre first (∝ preference), then within the genre by a Zipf-like
//   popularity, plus a small share of draws from overall popularity: users mostly watch what they
//   like, the catalogue still has a long tail, and each draw is O(1) (alias tables).
// - Favourite genres are chosen by how many titles they have (saturating), so a user's favourite
//   genres have titles left to recommend (on the 20-title catalogue Animation has one).
import { DEVICES, type Device, type HiddenTruth, type Title, type User } from '../types.ts';
import { AliasTable, dirichlet, normal, type Rng } from './random.ts';
import { isGenre } from './movielens.ts';

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
/** Share of title draws from overall popularity instead of the user's genres (exploration). */
const EXPLORE = 0.03;
/** Dirichlet concentration over DEVICES (Mobile, TV, Desktop, Tablet) by plan. */
const DEVICE_ALPHA: Record<string, number[]> = {
  Basic: [6, 1.5, 2, 1.5],
  Standard: [3, 4, 2.5, 1.5],
  Premium: [1.5, 7, 2, 2],
};

/** Genre → titles lookup with per-genre and overall popularity samplers. */
export class CatalogueIndex {
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
export interface UserTaste {
  weights: Float64Array;
  maxWeight: number;
  genreSampler: AliasTable;
  deviceSampler: AliasTable;
  bias: number;
}

export function drawTruth(rng: Rng, users: User[], index: CatalogueIndex): { truth: HiddenTruth; tastes: UserTaste[] } {
  const G = index.genres.length;
  // A missing-genre marker ("(no genres listed)", Netflix's bare "Movies" / "TV Shows") is never a
  // favourite: a hidden taste for "no genre" would make genre match score what readers never see.
  const real = index.genres.filter(isGenre).length;
  const pickWeight = index.byGenre.map((m, g) => (real > 0 && !isGenre(index.genres[g]) ? 0 : Math.pow(Math.min(m.length, SIZE_SATURATION), SIZE_POWER)));
  const truth: HiddenTruth = { genrePreference: new Map(), deviceHabit: new Map(), topGenres: new Map() };
  const perUser: UserTaste[] = [];
  for (const user of users) {
    const nFavourite = Math.min(real > 0 ? real : G, FAVOURITES);
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
export function appeal(taste: UserTaste, t: number, index: CatalogueIndex): number {
  let mass = 0;
  for (const g of index.titleGenres[t]) mass += taste.weights[g];
  return Math.min(1, mass / taste.maxWeight);
}

/** A title the user would pick: genre by preference, then by popularity; sometimes just popular. */
export function drawTitle(rng: Rng, taste: UserTaste, index: CatalogueIndex): number {
  if (rng() < EXPLORE) return index.overall.draw(rng);
  const g = taste.genreSampler.draw(rng);
  return index.byGenre[g][index.byGenreSampler[g].draw(rng)];
}

