// `--feedback`: what the recommender learns from, applied to any loaded dataset (simulation,
// MovieLens, Netflix, --data). `auto` keeps what the loader gave: ratings when the data has
// any, else ratings inferred from plays (build/data/service.ts). `plays` learns from watch
// history alone, `both` keeps every rating and fills in the titles a user watched but never
// rated with an inferred rating on the data's own scale; reasons citing those say "watched".
// `both` is not the default: it changes what "a held-out rating" means in the evaluation, and
// a simulation, exported and rebuilt, must give the same recommendations (tests/cli/exportData).
import { InputError, type Dataset } from '../types.ts';
import { RatingsBuilder } from '../util/ratings.ts';
import type { Feedback } from '../config.ts';
import { IMPLICIT_SCALE, inferRatings, type Watch } from './implicit.ts';
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
  const inferred = inferRatings(ds.sessions ?? []);
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
  const rated = new Map<string, Set<string>>();
  for (const r of ds.ratings) {
    let mine = rated.get(r.userId);
    if (!mine) rated.set(r.userId, (mine = new Set()));
    mine.add(r.titleId);
  }
  const added = new RatingsBuilder();
  const watch = new Map<string, Map<string, Watch>>();
  for (const r of inferred.ratings) {
    if (rated.get(r.userId)?.has(r.titleId)) continue;
    added.push(r.userId, r.titleId, onScale(r.value, ds.ratingScale), r.timestamp ?? NaN);
    let mine = watch.get(r.userId);
    if (!mine) watch.set(r.userId, (mine = new Map()));
    mine.set(r.titleId, inferred.watch.get(r.userId)!.get(r.titleId)!);
  }
  return {
    ...ds,
    ratings: ds.ratings.concat(added.finish()),
    implicit: watch,
    notes: [
      ...ds.notes,
      `Recommendations learn from ratings and plays (--feedback both): ${plural(added.length, 'title')} watched but not rated get an inferred rating on the same scale, from how long and how often the user watched them against their usual viewing; the evaluation holds them out like ratings.`,
    ],
    counts: new Map([...ds.counts, ['inferred ratings from plays', added.length]]),
  };
}
