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

export function easeRecommender(model: Model): Recommender {
  return make('ease', 'EASE (titles with ≥ 10 ratings)', [
    { kind: 'ratings', value: 'binary', weight: 1, neighbours: ease(model, { lambda: 200, minCount: 10, maxTitles: 2000, k: 200 }) },
  ]);
}

/** The published model: RP3beta on the ratings, blended with TF-IDF content neighbours. */
export function defaultRecommender(model: Model): Recommender {
  return make('default', 'Published: RP3beta + content', [
    { kind: 'ratings', value: 'binary', weight: 1, neighbours: rp3beta(model, { k: 100, alpha: 1, beta: 0.5 }) },
    { kind: 'content', value: 'binary', weight: 0.1, neighbours: contentKnn(model) },
  ]);
}

/** In display order after "popularity": the published model first, then what it was chosen over. */
export const COMPARED: ((model: Model) => Recommender)[] = [defaultRecommender, itemKnnCosine, rp3betaRecommender, easeRecommender];
