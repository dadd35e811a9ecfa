// The recommend stage's entry points: one user, or every user of the dataset.
import type { Model } from '../model/index.ts';
import { InputError, type Dataset, type Recommendation, type RecommendOptions } from '../types.ts';
import { Ranker } from './engine.ts';
import { defaultRecommender } from './recommenders.ts';

// Building a recommender's weights is the expensive part; a model gets one per process.
const rankers = new WeakMap<Model, Ranker>();

function defaultRanker(model: Model): Ranker {
  let r = rankers.get(model);
  if (!r) {
    r = new Ranker(model, defaultRecommender(model));
    rankers.set(model, r);
  }
  return r;
}

function checkOptions(model: Model, opts: RecommendOptions): void {
  if (!Number.isInteger(opts.k) || opts.k < 0) throw new InputError(`invalid k: ${opts.k}`);
  for (const g of [...(opts.includeGenres ?? []), ...(opts.excludeGenres ?? [])]) {
    if (!model.genrePos.has(g)) throw new InputError(`unknown genre ${JSON.stringify(g)} (known: ${model.genres.join(', ')})`);
  }
}

/** The user's top `opts.k` unrated titles from the published recommender, explained. */
export function recommend(model: Model, _ds: Dataset, userId: string, opts: RecommendOptions): Recommendation[] {
  checkOptions(model, opts);
  const ranker = defaultRanker(model);
  return ranker.rank(model.userPos.get(userId), opts.k, ranker.filterMask(opts));
}

/** Every user of the dataset (in dataset order) → their recommendations. */
export function recommendAll(model: Model, ds: Dataset, opts: RecommendOptions): Map<string, Recommendation[]> {
  return recommendAllWith(defaultRanker(model), ds.users.map((u) => u.id), opts);
}

/** The same for any recommender (the evaluation ranks each compared model this way). */
export function recommendAllWith(ranker: Ranker, userIds: string[], opts: RecommendOptions): Map<string, Recommendation[]> {
  checkOptions(ranker.model, opts);
  const mask = ranker.filterMask(opts);
  const out = new Map<string, Recommendation[]>();
  for (const id of userIds) out.set(id, ranker.rank(ranker.model.userPos.get(id), opts.k, mask));
  return out;
}
