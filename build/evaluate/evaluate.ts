// The evaluation stage: split, train every compared recommender on the train ratings, rank for
// each user with held-out titles, and average the protocol's metrics over those users. The
// popularity baseline always comes first, so every figure has its floor beside it.
import { buildModel, type Model } from '../model/index.ts';
import { COMPARED, PUBLISHED, Ranker, type Recommender } from '../recommend/index.ts';
import { bootstrapLift } from './bootstrap.ts';
import type { Dataset, EvaluationResult, LikedMetrics, Metrics } from '../types.ts';
import { catalogueCoverage, genreMatchAtK, hitRateAtK, ndcgAtK, precisionAtK, recallAtK } from './metrics.ts';
import { MIN_RATINGS_TO_SPLIT, splitRatings, TRAIN_SHARE } from './split.ts';
import { formatCount, plural } from '../util/numbers.ts';

export interface EvaluateOptions {
  k: number;
  seed: number;
  /** Recommenders to compare after popularity (default: the published one and its rivals). */
  recommenders?: ((model: Model) => Recommender)[];
}

/** Most-rated first (ties by title id), for everyone: the floor. */
export function popularityRecommender(): Recommender {
  return { name: 'popularity', label: 'Most popular (baseline)', components: [], minHistory: Infinity, fallback: 'popularity' };
}

/** The liked view's bar: 80 % of the scale's maximum (4 on 1–5 and 0.5–5, 8 on 1–10). */
export function likedThresholdOf(scale: Dataset['ratingScale']): number {
  return Math.round(scale.max * 0.8 * 1e9) / 1e9;
}

export function evaluate(ds: Dataset, opts: EvaluateOptions): EvaluationResult {
  const { k, seed } = opts;
  const split = splitRatings(ds.ratings, seed);
  const trainDs: Dataset = { ...ds, ratings: split.train };
  const model = buildModel(trainDs);
  const genresById = new Map(ds.titles.map((t) => [t.id, t.genres]));
  const genresOf = (id: string) => genresById.get(id) ?? [];
  const users = [...split.test.keys()].filter((id) => model.userPos.has(id));
  const trainTop = trainTopGenres(model, users, 3);
  const truth = ds.truth?.topGenres ?? null;
  // The liked view: held-out ratings at or above 80 % of the scale's maximum (4 on 1–5).
  const likedThreshold = likedThresholdOf(ds.ratingScale);
  const liked = new Map<string, Set<string>>();
  const { ratings } = ds;
  for (let i = 0; i < ratings.length; i++) {
    if (ratings.value[i] < likedThreshold) continue;
    const userId = ratings.userId(i);
    const titleId = ratings.titleId(i);
    if (!split.test.get(userId)?.has(titleId)) continue;
    let s = liked.get(userId);
    if (!s) liked.set(userId, (s = new Set()));
    s.add(titleId);
  }
  const likedUsers = users.filter((id) => liked.has(id));

  const recommenders = [popularityRecommender(), ...(opts.recommenders ?? COMPARED).map((make) => make(model))];
  // per-user NDCG of each model, in `users` order: the lift's bootstrap resamples these
  const ndcgByUser = new Map<string, Float64Array>();
  const models = recommenders.map((rec) => {
    const ranker = new Ranker(model, rec);
    const perUser = new Float64Array(users.length);
    ndcgByUser.set(rec.name, perUser);
    const lists: string[][] = [];
    const sum = { precision: 0, recall: 0, ndcg: 0, hitRate: 0, genreMatch: 0, genreMatchTruth: 0 };
    const likedSum = { precision: 0, recall: 0, ndcg: 0, hitRate: 0 };
    for (let ui = 0; ui < users.length; ui++) {
      const id = users[ui];
      const recs = Array.from(ranker.rankPositions(model.userPos.get(id)!, k, null), (t) => model.titleIds[t]);
      const relevant = split.test.get(id)!;
      lists.push(recs);
      sum.precision += precisionAtK(recs, relevant, k);
      sum.recall += recallAtK(recs, relevant, k);
      perUser[ui] = ndcgAtK(recs, relevant, k);
      sum.ndcg += perUser[ui];
      sum.hitRate += hitRateAtK(recs, relevant, k);
      sum.genreMatch += genreMatchAtK(recs, trainTop.get(id)!, genresOf, k);
      if (truth) sum.genreMatchTruth += genreMatchAtK(recs, truth.get(id) ?? [], genresOf, k);
      const good = liked.get(id);
      if (good) {
        likedSum.precision += precisionAtK(recs, good, k);
        likedSum.recall += recallAtK(recs, good, k);
        likedSum.ndcg += ndcgAtK(recs, good, k);
        likedSum.hitRate += hitRateAtK(recs, good, k);
      }
    }
    const n = Math.max(1, users.length);
    const metrics: Metrics = {
      precision: sum.precision / n,
      recall: sum.recall / n,
      ndcg: sum.ndcg / n,
      hitRate: sum.hitRate / n,
      coverage: catalogueCoverage(lists, ds.titles.length),
      genreMatch: sum.genreMatch / n,
      genreMatchTruth: truth ? sum.genreMatchTruth / n : null,
    };
    const nLiked = Math.max(1, likedUsers.length);
    const likedMetrics: LikedMetrics = {
      precision: likedSum.precision / nLiked,
      recall: likedSum.recall / nLiked,
      ndcg: likedSum.ndcg / nLiked,
      hitRate: likedSum.hitRate / nLiked,
    };
    return { name: rec.name, label: rec.label, metrics, liked: likedMetrics };
  });

  let testItems = 0;
  for (const s of split.test.values()) testItems += s.size;
  let likedItems = 0;
  for (const s of liked.values()) likedItems += s.size;
  return {
    protocol: {
      trainShare: TRAIN_SHARE,
      seed,
      k,
      minRatingsToSplit: MIN_RATINGS_TO_SPLIT,
      usersEvaluated: users.length,
      testItems,
      ...(split.sampledFrom !== null ? { sampledFrom: split.sampledFrom } : {}),
      liked: { threshold: likedThreshold, usersEvaluated: likedUsers.length, testItems: likedItems },
      description:
        `Per-user random ${TRAIN_SHARE * 100}/${100 - TRAIN_SHARE * 100} split (seed ${seed}); users with fewer than ` +
        `${MIN_RATINGS_TO_SPLIT} ratings stay in train` +
        (split.sampledFrom !== null ? `; a seeded sample of ${formatCount(users.length)} of the ${formatCount(split.sampledFrom)} users with enough ratings hold titles out, the others train with all theirs` : '') +
        `. Every held-out title is relevant; candidates are all titles ` +
        `the user has not rated in train; metrics at K = ${k}, averaged over the ${plural(users.length, 'user')} with held-out titles.`,
    },
    models,
    ...liftOf(ndcgByUser, seed),
  };
}

/**
 * `topGenresByCount` of each user's train ratings, counted on the model's positions instead of
 * through a Set of genre names per rated title (10 s of the evaluation on the MovieLens-10M
 * shape). The same order: a title's genres are each counted once (titleGenres has no repeats),
 * and ties by name are ties by position, model.genres being sorted.
 */
export function trainTopGenres(model: Model, users: string[], n: number): Map<string, string[]> {
  const { matrix: m, titleGenres: tg, genres } = model;
  const counts = new Int32Array(genres.length);
  const seen: number[] = [];
  const out = new Map<string, string[]>();
  for (const id of users) {
    const u = model.userPos.get(id)!;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) {
      const t = m.colIdx[p];
      for (let q = tg.ptr[t]; q < tg.ptr[t + 1]; q++) if (counts[tg.idx[q]]++ === 0) seen.push(tg.idx[q]);
    }
    seen.sort((a, b) => counts[b] - counts[a] || a - b);
    out.set(id, seen.slice(0, n).map((g) => genres[g]));
    for (const g of seen) counts[g] = 0;
    seen.length = 0;
  }
  return out;
}

/** The published model's NDCG lift over popularity with its bootstrap interval, when both ran. */
function liftOf(ndcgByUser: Map<string, Float64Array>, seed: number): Pick<EvaluationResult, 'lift'> {
  const published = ndcgByUser.get(PUBLISHED.name);
  const floor = ndcgByUser.get(popularityRecommender().name);
  const ndcg = published && floor ? bootstrapLift(published, floor, seed) : null;
  return ndcg ? { lift: { ndcg } } : {};
}
