// Implicit feedback: ratings inferred from plays when the data has no ratings, so the recommender,
// its explanations and the evaluation protocol run unchanged on watch history.
//
// For each (user, title) watched: engagement e = (minutes on the title / the user's median
// minutes per title) × (1 + 0.25 per repeat play). The inferred rating is 1 + 4·e/(1 + e),
// rounded to half stars: a title watched as much as the user's usual title gets 3, three times as
// much 4, a tenth as much about 1.5. Scaling by the user's own median keeps heavy and light
// viewers comparable, and a title abandoned early lands below the user's mean, where the
// recommender counts it against similar titles (the same dislike rule as for ratings).
import type { Dataset, Ratings } from '../types.ts';
import { bucketBy, widened } from '../util/buckets.ts';
import type { Plays } from '../util/plays.ts';
import { RatingsBuilder } from '../util/ratings.ts';
import { WatchHistory, type Watch } from '../util/watchHistory.ts';

export { WatchHistory, type Watch };

export const IMPLICIT_SCALE: Dataset['ratingScale'] = { min: 1, max: 5, step: 0.5 };
const REPEAT_WEIGHT = 0.25;

/** The inferred rating for a watch, given the user's median minutes per title. */
export function inferredRating(watch: Watch, medianMinutes: number): number {
  const e = (watch.minutes / medianMinutes) * (1 + REPEAT_WEIGHT * (watch.sessions - 1));
  return Math.round(2 * (1 + (4 * e) / (1 + e))) / 2;
}

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One inferred rating per (user, title) watched, users in order of their first play and each
 * user's titles in order of first play; the rating's time is the title's last play. The plays are
 * visited user by user through a counting sort, each user's titles stamped in one array, so no
 * map per user is made.
 */
export function inferRatings(plays: Plays): { ratings: Ratings; watch: WatchHistory } {
  const n = plays.length;
  const titleCount = plays.titleIds.length;
  // users ranked by first play, so the ratings come out in the order a Map filled play by play gives
  const rank = new Int32Array(plays.userIds.length).fill(-1);
  const byRank: number[] = [];
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = plays.user[i];
    if (rank[u] < 0) rank[u] = byRank.push(u) - 1;
    keys[i] = rank[u];
  }
  const { start, order } = bucketBy(keys, byRank.length);

  const ratings = new RatingsBuilder(n);
  const titleOut = new Int32Array(titleCount).fill(-1); // dictionary title → the ratings' index
  const slot = new Int32Array(titleCount).fill(-1); // title → its place in the current user's list
  const owner = new Int32Array(titleCount).fill(-1);
  const sessions = new Int32Array(n); // per inferred rating (at most one per play)
  const minutes = new Float64Array(n);
  let mine = new Int32Array(16);
  let count = new Int32Array(16);
  let spent = new Float64Array(16);
  let last = new Float64Array(16);
  for (let r = 0; r < byRank.length; r++) {
    let titles = 0;
    for (let k = start[r]; k < start[r + 1]; k++) {
      const i = order[k];
      const t = plays.title[i];
      if (owner[t] !== r) {
        owner[t] = r;
        if (titles === mine.length) [mine, count, spent, last] = [widened(mine, 2 * titles), widened(count, 2 * titles), widened(spent, 2 * titles), widened(last, 2 * titles)];
        slot[t] = titles;
        mine[titles] = t;
        count[titles] = 0;
        spent[titles] = 0;
        last[titles] = -Infinity;
        titles++;
      }
      const j = slot[t];
      count[j]++;
      spent[j] += plays.minutes[i];
      last[j] = Math.max(last[j], plays.start[i]);
    }
    const med = median(spent.slice(0, titles).sort());
    const user = ratings.users.intern(plays.userIds[byRank[r]]);
    for (let j = 0; j < titles; j++) {
      const t = mine[j];
      if (titleOut[t] < 0) titleOut[t] = ratings.titles.intern(plays.titleIds[t]);
      sessions[ratings.length] = count[j];
      minutes[ratings.length] = spent[j];
      ratings.pushIndexes(user, titleOut[t], inferredRating({ sessions: count[j], minutes: spent[j] }, med), last[j]);
    }
  }
  const out = ratings.finish();
  return { ratings: out, watch: new WatchHistory(out.userIds, out.titleIds, out.user, out.title, sessions.slice(0, out.length), minutes.slice(0, out.length)) };
}

/**
 * "3 sessions, 4 h 10 min", with no-break spaces inside each figure and its unit, so a line
 * never ends between "1 h" and "24 min" (issue 11: no break inside a number).
 */
export function watchText(w: Watch): string {
  const total = Math.round(w.minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const nb = '\u00a0';
  const time = h > 0 ? (m > 0 ? `${h}${nb}h${nb}${m}${nb}min` : `${h}${nb}h`) : `${m}${nb}min`;
  return `${w.sessions}${nb}session${w.sessions === 1 ? '' : 's'}, ${time}`;
}

/** Whether every rating of `ds` was inferred from plays (none given by users). */
export function allInferred(ds: { ratings: { length: number }; implicit?: WatchHistory | null }): boolean {
  return !!ds.implicit && ds.implicit.size === ds.ratings.length;
}
