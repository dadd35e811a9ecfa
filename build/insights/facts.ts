// The insights stage's entry: every named figure the narrative may state, computed from the
// pipeline's values. Content binds to these names (build/narrative/); the strategy is generated from
// them (strategy.ts); `npm run facts` prints them for editors (scripts/facts.ts).
import type { Dataset, EvaluationResult, ModelView, Recommendation, Title } from '../types.ts';
import { isGenre } from '../data/movielens.ts';
import { FactBuilder, type FactCatalogue } from './catalogue.ts';
import { compareNames, keySegments } from './factKeys.ts';
import { genreFacts, matrixFacts, overviewFacts } from './genreFacts.ts';
import { evaluationFacts, recommenderFacts } from './recommenderFacts.ts';
import { viewingFacts } from './viewingFacts.ts';
import { indexRatings, type RatingIndex } from './ratingIndex.ts';

export { FactCatalogue, FactLookupError, type Fact, type FactKind, type FactValue, type AbsentFact } from './catalogue.ts';
export { keySegment } from './factKeys.ts';

export interface FactInput {
  dataset: Dataset;
  model: ModelView;
  recommendations: Map<string, Recommendation[]>;
  evaluation: EvaluationResult | null;
}

/** FactInput plus the lookups every family needs, built once. */
export interface FactContext extends FactInput {
  titleById: Map<string, Title>;
  /** The ratings by position: titles, genres and each user's ratings without a lookup by id. */
  ratingIndex: RatingIndex;
  /** Every genre in the catalogue, sorted by name (code-point order). */
  genres: string[];
  /** genre → its fact-key segment (factKeys.ts documents the rule). */
  genreKey: Map<string, string>;
}

export function buildFacts(input: FactInput): FactCatalogue {
  const { dataset } = input;
  // MovieLens' "(no genres listed)" marks a missing genre, not a genre: it is not counted, listed or ranked
  const genres = [...new Set(dataset.titles.flatMap((t) => t.genres))].filter(isGenre).sort(compareNames);
  const c: FactContext = {
    ...input,
    titleById: new Map(dataset.titles.map((t) => [t.id, t])),
    ratingIndex: indexRatings(dataset.titles, dataset.ratings),
    genres,
    genreKey: keySegments(genres),
  };
  const b = new FactBuilder();
  if (dataset.truth) b.capability('truth');
  overviewFacts(b, c);
  genreFacts(b, c);
  matrixFacts(b, c);
  viewingFacts(b, c);
  recommenderFacts(b, c);
  evaluationFacts(b, c);
  return b.build();
}
