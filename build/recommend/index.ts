// The recommend stage's public surface.
export { recommend, recommendAll, recommendAllWith } from './recommend.ts';
export { Ranker, MIN_HISTORY, compareIds, type Recommender } from './engine.ts';
export { RECOMMENDERS, PUBLISHED, BUILD_COMPARED, COMPARED, COMPARED_BY_NAME, factoryOf, defaultRecommender, itemKnnCosine, rp3betaRecommender, easeRecommender, type RecommenderEntry } from './recommenders.ts';
export { itemKnn, rp3beta, contentKnn, type Component } from './components.ts';
export { ease, invertSpd } from './ease.ts';
export { collaborativeExplanation, popularExplanation } from './explain.ts';
