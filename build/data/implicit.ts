// Implicit feedback: ratings inferred from plays when the data has no ratings, so the recommender,
// its explanations and the evaluation protocol run unchanged on watch history.
//
// For each (user, title) watched: engagement e = (minutes on the title / the user's median
// minutes per title) × (1 + 0.25 per repeat play). The inferred rating is 1 + 4·e/(1 + e),
// rounded to half stars: a title watched as much as the user's usual title gets 3, three times as
// much 4, a tenth as much about 1.5. Scaling by the user's own median keeps heavy and light
// viewers comparable, and a title abandoned early lands below the user's mean, where the
// recommender counts it against similar titles (the same dislike rule as for ratings).
import type { Dataset, Ratings, Session } from '../types.ts';
import { RatingsBuilder } from '../util/ratings.ts';

export const IMPLICIT_SCALE: Dataset['ratingScale'] = { min: 1, max: 5, step: 0.5 };
const REPEAT_WEIGHT = 0.25;

export interface Watch {
  sessions: number;
  minutes: number;
}

/** The inferred rating for a watch, given the user's median minutes per title. */
export function inferredRating(watch: Watch, medianMinutes: number): number {
  const e = (watch.minutes / medianMinutes) * (1 + REPEAT_WEIGHT * (watch.sessions - 1));
  return Math.round(2 * (1 + (4 * e) / (1 + e))) / 2;
}

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function inferRatings(sessions: Session[]): { ratings: Ratings; watch: Map<string, Map<string, Watch>> } {
  const watch = new Map<string, Map<string, Watch>>();
  const last = new Map<string, Map<string, number>>();
  for (const s of sessions) {
    let mine = watch.get(s.userId);
    if (mine === undefined) {
      watch.set(s.userId, (mine = new Map()));
      last.set(s.userId, new Map());
    }
    const w = mine.get(s.titleId);
    if (w === undefined) mine.set(s.titleId, { sessions: 1, minutes: s.minutes });
    else {
      w.sessions++;
      w.minutes += s.minutes;
    }
    const times = last.get(s.userId)!;
    times.set(s.titleId, Math.max(times.get(s.titleId) ?? -Infinity, s.start));
  }
  const ratings = new RatingsBuilder();
  for (const [userId, mine] of watch) {
    const med = median([...mine.values()].map((w) => w.minutes));
    const times = last.get(userId)!;
    for (const [titleId, w] of mine) ratings.push(userId, titleId, inferredRating(w, med), times.get(titleId)!);
  }
  return { ratings: ratings.finish(), watch };
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
export function allInferred(ds: { ratings: { length: number }; implicit?: Map<string, Map<string, Watch>> | null }): boolean {
  if (!ds.implicit) return false;
  let n = 0;
  for (const m of ds.implicit.values()) n += m.size;
  return n === ds.ratings.length;
}
