// The named recommenders the evaluation compares, and the one the report publishes ("default").
// Parameters were chosen by measurement under the evaluation protocol (see the report's method
// section and scripts/evaluate.ts); names are stable because the evaluation JSON uses them.
import type { Model } from '../model/index.ts';
import { contentKnn, itemKnn, rp3beta, type Component } from './components.ts';
import { ease } from './ease.ts';
import { MIN_HISTORY, type Recommender } from './engine.ts';

function make(name: string, label: string, components: Component[]): Recommender {
  return { name, label, components, minHistory: MIN_HISTORY };
}

/** The floor: item-kNN with plain cosine over the ratings, 50 neighbours. */
export function itemKnnCosine(model: Model): Recommender {
  return make('itemknn-cosine', 'Item-kNN (cosine)', [
    { kind: 'ratings', value: 'rating', weight: 1, neighbours: itemKnn(model, { k: 50, shrink: 0, binary: false }) },
  ]);
}

export function rp3betaRecommender(model: Model): Recommender {
  return make('rp3beta', 'RP3beta', [{ kind: 'ratings', value: 'binary', weight: 1, neighbours: rp3beta(model, { k: 100, alpha: 1, beta: 0.5 }) }]);
}

/** EASE on the most-rated titles: the closed-form reference model, alone. */
export const EASE_SETTINGS = { lambda: 300, minCount: 10, maxTitles: 800, k: 100 };

export function easeRecommender(model: Model): Recommender {
  return make('ease', `EASE (≤ ${EASE_SETTINGS.maxTitles} most-rated titles)`, [
    { kind: 'ratings', value: 'binary', weight: 1, neighbours: ease(model, EASE_SETTINGS) },
  ]);
}

/** Blend weights of the published model, each component scaled to its per-user maximum. */
export const DEFAULT_BLEND: { ease: number; rp3beta: number; content: number; fade: number } = { ease: 1, rp3beta: 0.3, content: 1.5, fade: 10 };

/**
 * The published model: EASE over the most-rated titles (the most accurate here), RP3beta so
 * the long tail outside EASE's set can still be reached, and TF-IDF content neighbours so
 * recommendations stay within the user's genres and new titles get a chance.
 */
export function defaultRecommender(model: Model, blend = DEFAULT_BLEND): Recommender {
  const components: Component[] = [
    { kind: 'ratings', value: 'binary', weight: blend.ease, neighbours: ease(model, EASE_SETTINGS) },
    { kind: 'ratings', value: 'binary', weight: blend.rp3beta, neighbours: rp3beta(model, { k: 100, alpha: 1, beta: 0.5 }) },
    { kind: 'content', value: 'rating', weight: blend.content, fadeWithHistory: blend.fade, neighbours: contentKnn(model) },
  ];
  return make('default', 'Published: EASE + RP3beta + content', components.filter((c) => c.weight > 0));
}

/** In display order after "popularity": the published model first, then what it was chosen over. */
export const COMPARED: ((model: Model) => Recommender)[] = [defaultRecommender, itemKnnCosine, rp3betaRecommender, easeRecommender];

/** The same by name (the evaluation worker gets names: functions do not cross threads). */
export const COMPARED_BY_NAME = new Map<string, (model: Model) => Recommender>([
  ['default', defaultRecommender],
  ['itemknn-cosine', itemKnnCosine],
  ['rp3beta', rp3betaRecommender],
  ['ease', easeRecommender],
]);
