// The protocol's split: per user, a seeded random 75 % train / 25 % test. Each user draws from
// their own generator (seed + user id), and their ratings are put in title-id order first, so a
// user's split does not depend on the order of the input or on other users.
import seedrandom from 'seedrandom';
import type { Rating } from '../types.ts';
import { compareIds } from '../recommend/index.ts';

export const TRAIN_SHARE = 0.75;
/** Users with fewer ratings than this keep them all in train (nothing left to learn from otherwise). */
export const MIN_RATINGS_TO_SPLIT = 4;

export interface Split {
  train: Rating[];
  /** userId → the titles held out for that user (all relevant). */
  test: Map<string, Set<string>>;
}

/** Test items for a user with n ratings: a quarter, rounded, at least one. */
export function testCount(n: number): number {
  return n < MIN_RATINGS_TO_SPLIT ? 0 : Math.max(1, Math.round(n * (1 - TRAIN_SHARE)));
}

export function splitRatings(ratings: Rating[], seed: number): Split {
  const byUser = new Map<string, Rating[]>();
  for (const r of ratings) {
    let list = byUser.get(r.userId);
    if (!list) byUser.set(r.userId, (list = []));
    list.push(r);
  }
  const train: Rating[] = [];
  const test = new Map<string, Set<string>>();
  const users = [...byUser.keys()].sort(compareIds);
  for (const userId of users) {
    const list = byUser.get(userId)!.slice().sort((a, b) => compareIds(a.titleId, b.titleId));
    const nTest = testCount(list.length);
    if (nTest === 0) {
      for (const r of list) train.push(r);
      continue;
    }
    const rng = seedrandom(`${seed}:${userId}`);
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    test.set(userId, new Set(list.slice(0, nTest).map((r) => r.titleId)));
    for (let i = nTest; i < list.length; i++) train.push(list[i]);
  }
  return { train, test };
}
