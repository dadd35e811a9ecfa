// The recommend stage's public surface.
export { recommend, recommendAll, recommendAllWith } from './recommend.ts';
export { Ranker, MIN_HISTORY, MIN_MATCH, compareIds, type Recommender } from './engine.ts';
export { RECOMMENDERS, PUBLISHED, BUILD_COMPARED, COMPARED, COMPARED_BY_NAME, factoryOf, defaultRecommender, itemKnnCosine, rp3betaRecommender, easeRecommender, type RecommenderEntry } from './recommenders.ts';
export { itemKnn, rp3beta, contentKnn, isLiked, LIKED_ONLY, CENTRED_TASTE, type Component, type Taste } from './components.ts';
export { ease } from './ease.ts';
export { invertSpd } from './spd.ts';
export { collaborativeExplanation, exploratoryExplanation, popularExplanation } from './explain.ts';
