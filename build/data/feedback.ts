// `--feedback`: what the recommender learns from, applied to any loaded dataset (simulation,
// MovieLens, Netflix, --data). `auto` keeps what the loader gave: ratings when the data has
// any, else ratings inferred from plays (build/data/service.ts). `plays` learns from watch
// history alone, `both` keeps every rating and fills in the titles a user watched but never
// rated with an inferred rating on the data's own scale; reasons citing those say "watched".
// `both` is not the default: it changes what "a held-out rating" means in the evaluation, and
// a simulation, exported and rebuilt, must give the same recommendations (tests/cli/exportData).
import { InputError, type Dataset } from '../types.ts';
import { Plays } from '../util/plays.ts';
import { RatingsBuilder } from '../util/ratings.ts';
import type { Feedback } from '../config.ts';
import { IMPLICIT_SCALE, inferRatings, WatchHistory } from './implicit.ts';
import { PairIndex } from '../util/buckets.ts';
import { plural } from '../util/numbers.ts';

/** An inferred rating (1–5 in half stars) placed on `scale`, rounded to its step. */
export function onScale(value: number, scale: Dataset['ratingScale']): number {
  const x = scale.min + ((scale.max - scale.min) * (value - IMPLICIT_SCALE.min)) / (IMPLICIT_SCALE.max - IMPLICIT_SCALE.min);
  const stepped = scale.min + Math.round((x - scale.min) / scale.step) * scale.step;
  return Math.min(scale.max, Math.max(scale.min, Number(stepped.toFixed(6))));
}

/**
 * The dataset learning from its plays alone: one inferred rating per watched title (1–5), the
 * watch history kept for the reasons, and `note` first among the data notes. Used for data with
 * plays and no ratings (build/data/service.ts) and for `--feedback plays`.
 */
export function learnFromPlays(ds: Dataset, note: string): Dataset {
  const inferred = inferRatings(ds.sessions ?? Plays.empty);
  return {
    ...ds,
    ratings: inferred.ratings,
    implicit: inferred.watch,
    ratingScale: IMPLICIT_SCALE,
    notes: [note, ...ds.notes],
    counts: new Map([...ds.counts, ['inferred ratings from plays', inferred.ratings.length]]),
  };
}

export function applyFeedback(ds: Dataset, mode: Feedback): Dataset {
  if (mode === 'auto') return ds;
  if (mode === 'ratings') {
    if (ds.implicit || ds.ratings.length === 0) throw new InputError('--feedback ratings: the data has no ratings (only plays); use --feedback plays or auto');
    return ds;
  }
  if (!ds.sessions || ds.sessions.length === 0) throw new InputError(`--feedback ${mode}: the data has no plays (viewing sessions) to learn from; use --feedback ratings or auto`);
  if (ds.implicit) return ds; // already learnt from plays: the data has no ratings to add
  if (mode === 'plays') {
    return learnFromPlays(
      ds,
      'Recommendations learn from plays only (--feedback plays): each watched title gets an inferred rating from 1 to 5 from how long and how often the user watched it against their usual viewing; the ratings in the data are not used.',
    );
  }
  const inferred = inferRatings(ds.sessions);
  // both: every rating stays; watched-but-unrated titles get an inferred one on the data's scale
  const { ratings } = ds;
  const rated = new PairIndex(ratings.user, ratings.title, ratings.userIds.length);
  const userIn = new Map(ratings.userIds.map((id, i) => [id, i]));
  const titleIn = new Map(ratings.titleIds.map((id, i) => [id, i]));
  const userAt = Int32Array.from(inferred.ratings.userIds, (id) => userIn.get(id) ?? -1);
  const titleAt = Int32Array.from(inferred.ratings.titleIds, (id) => titleIn.get(id) ?? -1);
  const from = inferred.ratings;
  const added = new RatingsBuilder();
  const sessions = new Int32Array(from.length);
  const minutes = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) {
    if (rated.find(userAt[from.user[i]], titleAt[from.title[i]]) >= 0) continue;
    sessions[added.length] = inferred.watch.sessions[i];
    minutes[added.length] = inferred.watch.minutes[i];
    added.push(from.userId(i), from.titleId(i), onScale(from.value[i], ds.ratingScale), from.time[i]);
  }
  const extra = added.finish();
  const watch = new WatchHistory(extra.userIds, extra.titleIds, extra.user, extra.title, sessions.slice(0, extra.length), minutes.slice(0, extra.length));
  return {
    ...ds,
    ratings: ds.ratings.concat(extra),
    implicit: watch,
    notes: [
      ...ds.notes,
      `Recommendations learn from ratings and plays (--feedback both): ${plural(added.length, 'title')} watched but not rated get an inferred rating on the same scale, from how long and how often the user watched them against their usual viewing; the evaluation holds them out like ratings.`,
    ],
    counts: new Map([...ds.counts, ['inferred ratings from plays', added.length]]),
  };
}
