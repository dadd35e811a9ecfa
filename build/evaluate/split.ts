// The protocol's split: per user, a seeded random 75 % train / 25 % test. Each user draws from
// their own generator (seed + user id), and their ratings are put in title-id order first, so a
// user's split does not depend on the order of the input or on other users.
import seedrandom from 'seedrandom';
import type { Ratings } from '../types.ts';
import { compareIds } from '../recommend/index.ts';
import { RatingsBuilder, IdDictionary } from '../util/ratings.ts';

export const TRAIN_SHARE = 0.75;
/** Users with fewer ratings than this keep them all in train (nothing left to learn from otherwise). */
export const MIN_RATINGS_TO_SPLIT = 4;
/**
 * Users held out at most. Ranking every title for a user costs about a millisecond per compared
 * model; beyond this many users the evaluation holds out a seeded sample of them, and the others
 * train with all their ratings (MovieLens-10M's 70,000 users are all held out; the Netflix Prize's
 * 480,000 are sampled).
 */
export const EVALUATION_MAX_USERS = 100_000;

export interface Split {
  /** Users in id order, each user's ratings in their shuffled order. */
  train: Ratings;
  /** userId → the titles held out for that user (all relevant). */
  test: Map<string, Set<string>>;
  /** Users with enough ratings to split, when more than the held-out sample (else null). */
  sampledFrom: number | null;
}

/** Test items for a user with n ratings: a quarter, rounded, at least one. */
export function testCount(n: number): number {
  return n < MIN_RATINGS_TO_SPLIT ? 0 : Math.max(1, Math.round(n * (1 - TRAIN_SHARE)));
}

/** Positions 0..n-1 of `ids` in compareIds order. */
function ranksOf(ids: readonly string[]): Int32Array {
  const order = [...ids.keys()].sort((a, b) => compareIds(ids[a], ids[b]));
  const rank = new Int32Array(ids.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

/** Stable counting sort of `order` by key[order[i]]. */
function sortByKey(order: Int32Array, key: (i: number) => number, nKeys: number): { sorted: Int32Array; start: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < order.length; i++) start[key(order[i]) + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const next = start.slice(0, nKeys);
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) sorted[next[key(order[i])]++] = order[i];
  return { sorted, start };
}

/**
 * Which users hold out titles: every user with enough ratings, or beyond `maxUsers` the `maxUsers`
 * of them with the smallest seeded draw (their own generator, so the choice does not depend on
 * the order of the input).
 */
function heldOutUsers(ratings: Ratings, seed: number, maxUsers: number): { chosen: Uint8Array; sampledFrom: number | null } {
  const counts = ratings.countByUser();
  const chosen = new Uint8Array(counts.length);
  const eligible: number[] = [];
  counts.forEach((n, u) => {
    if (testCount(n) > 0) eligible.push(u);
  });
  if (eligible.length <= maxUsers) {
    for (const u of eligible) chosen[u] = 1;
    return { chosen, sampledFrom: null };
  }
  const draw = new Float64Array(counts.length);
  for (const u of eligible) draw[u] = seedrandom(`${seed}:sample:${ratings.userIds[u]}`)();
  eligible.sort((a, b) => draw[a] - draw[b] || compareIds(ratings.userIds[a], ratings.userIds[b]));
  for (let i = 0; i < maxUsers; i++) chosen[eligible[i]] = 1;
  return { chosen, sampledFrom: eligible.length };
}

export function splitRatings(ratings: Ratings, seed: number, maxUsers = EVALUATION_MAX_USERS): Split {
  const { chosen, sampledFrom } = heldOutUsers(ratings, seed, maxUsers);
  const { user, title } = ratings;
  // Two counting sorts instead of a sort per user: by title rank, then stably by user rank, so
  // each user's ratings come out together and in title-id order.
  const titleRank = ranksOf(ratings.titleIds);
  const userRank = ranksOf(ratings.userIds);
  const identity = new Int32Array(ratings.length);
  for (let i = 0; i < identity.length; i++) identity[i] = i;
  const byTitle = sortByKey(identity, (i) => titleRank[title[i]], ratings.titleIds.length).sorted;
  const { sorted: byUser, start } = sortByKey(byTitle, (i) => userRank[user[i]], ratings.userIds.length);
  const userOfRank = new Int32Array(userRank.length);
  userRank.forEach((r, u) => (userOfRank[r] = u));

  const train = new RatingsBuilder(ratings.length, { users: new IdDictionary(ratings.userIds), titles: new IdDictionary(ratings.titleIds) });
  const test = new Map<string, Set<string>>();
  for (let r = 0; r < userOfRank.length; r++) {
    const list = byUser.subarray(start[r], start[r + 1]);
    const nTest = chosen[userOfRank[r]] ? testCount(list.length) : 0;
    if (nTest > 0) {
      const userId = ratings.userIds[userOfRank[r]];
      const rng = seedrandom(`${seed}:${userId}`);
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        const swap = list[i];
        list[i] = list[j];
        list[j] = swap;
      }
      const held = new Set<string>();
      for (let i = 0; i < nTest; i++) held.add(ratings.titleIds[title[list[i]]]);
      test.set(userId, held);
    }
    for (let i = nTest; i < list.length; i++) {
      const e = list[i];
      train.pushIndexes(user[e], title[e], ratings.value[e], ratings.time[e]);
    }
  }
  return { train: train.finish(), test, sampledFrom };
}
