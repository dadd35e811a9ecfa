// The evaluation stage's public surface.
export { evaluate, likedThresholdOf, popularityRecommender, type EvaluateOptions } from './evaluate.ts';
export { startEvaluation, WORKER_MIN_RATINGS } from './parallel.ts';
export { splitRatings, testCount, TRAIN_SHARE, MIN_RATINGS_TO_SPLIT, EVALUATION_MAX_USERS, type Split } from './split.ts';
export { precisionAtK, recallAtK, ndcgAtK, hitRateAtK, hitsAtK, catalogueCoverage, topGenresByCount, genreMatchAtK } from './metrics.ts';
