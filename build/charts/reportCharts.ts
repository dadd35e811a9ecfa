// Derives the report charts' rows from the typed stage values. Nothing here is hard-coded: each
// value comes from the dataset, the model (through the ModelView interface only) or the
// evaluation. Chart modules take plain rows, so they can be tested on hand-made data; each
// module's descriptor calls its rows builder here (or its own), and build/charts/index.ts lists
// the descriptors. This file imports the chart modules' row types only.

import { coRaterCounts, mostRatedTitleIds, SIMILARITY_CHART_TITLES, topByCount } from '../model/mostRated.ts';
import { isGenre } from '../data/movielens.ts';
import { addTo, genreWeights } from '../insights/tally.ts';
import { DEVICES, type Dataset, type EvaluationResult, type Metrics, type ModelView } from '../types.ts';
import type { UserDeviceRow } from './deviceEngagement.ts';
import type { GenreShareRow } from './genreCloud.ts';
import type { TitlePopularityRow } from './genrePopularity.ts';
import type { ModelMetricRow } from './modelComparison.ts';
import type { RatingCountRow } from './ratingsByGenre.ts';
import type { SimilarityCell, SimilarityTitle } from './titleSimilarity.ts';
import type { UserGenreFlowRow } from './userGenreSankey.ts';

/** How many users / titles the overview charts show (they stay readable at any scale). */
export const TOP_DEVICE_USERS = 15;
export const TOP_SIMILAR_TITLES = SIMILARITY_CHART_TITLES;
export const TOP_SANKEY_USERS = 12;

export const userLabel = (userId: string): string => `User ${userId}`;

const UNKNOWN_GENRE = 'Unknown';
/**
 * Each title's primary genre, the one charts group it by. Most data lists the main genre first;
 * MovieLens lists genres in alphabetical order, so there its first genre says little (Action and
 * Adventure would hold most blocks): the primary genre is the title's most specific one, the genre
 * with the fewest titles in the catalogue (ties: first listed). IMAX is a screen format, not a genre.
 */
function primaryGenreOf(dataset: Dataset): (genres: string[]) => string {
  if (dataset.source.kind !== 'movielens') return (genres) => genres[0] ?? UNKNOWN_GENRE;
  const titlesIn = new Map<string, number>();
  for (const t of dataset.titles) for (const g of new Set(t.genres)) addTo(titlesIn, g, 1);
  return (genres) => {
    let best: string | undefined;
    for (const g of genres) if (g !== 'IMAX' && isGenre(g) && (best === undefined || titlesIn.get(g)! < titlesIn.get(best)!)) best = g;
    return best ?? genres[0] ?? UNKNOWN_GENRE;
  };
}
// MovieLens' "(no genres listed)" marks a missing genre, not a genre (isGenre): charts that
// compare genres leave it out, as the facts do (build/insights/facts.ts); the data section's
// note counts those titles. The similarity chart puts such titles in a block of their own.
const NO_GENRE_BLOCK = 'No genre';


/**
 * Each title's popularity: its viewing sessions where the data has them (the strip plot then
 * belongs to "What people watch"), else its ratings (and it sits with the ratings in "The data").
 */
export function titlePopularityRows(dataset: Dataset): { rows: TitlePopularityRow[]; measure: 'viewing sessions' | 'ratings' } {
  const viewing = dataset.sessions !== null && dataset.sessions.length > 0;
  const counts = viewing ? dataset.sessions!.countsByTitleId() : dataset.ratings.countsByTitleId();
  const primaryGenre = primaryGenreOf(dataset);
  const rows = dataset.titles.filter((t) => isGenre(primaryGenre(t.genres))).map((t) => ({ titleId: t.id, title: t.name, genre: primaryGenre(t.genres), count: counts.get(t.id) ?? 0 }));
  return { rows, measure: viewing ? 'viewing sessions' : 'ratings' };
}

/** Counts per (genre, rating value); a title with several genres counts in each. */
export function ratingCountRows(dataset: Dataset): RatingCountRow[] {
  const genresOf = new Map(dataset.titles.map((t) => [t.id, t.genres.length ? t.genres : [UNKNOWN_GENRE]]));
  const counts = new Map<string, Map<number, number>>();
  const { ratings } = dataset;
  // genres per dictionary title, looked up once
  const genresAt = ratings.titleIds.map((id) => (genresOf.get(id) ?? [UNKNOWN_GENRE]).filter(isGenre));
  for (let i = 0; i < ratings.length; i++) {
    const value = ratings.value[i];
    for (const g of genresAt[ratings.title[i]]) {
      let byValue = counts.get(g);
      if (!byValue) counts.set(g, (byValue = new Map()));
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
    }
  }
  const rows: RatingCountRow[] = [];
  for (const [genre, byValue] of counts) for (const [value, count] of byValue) rows.push({ genre, value, count });
  return rows;
}

/** Each genre's share of genre-tagged ratings. */
export function genreShareRows(dataset: Dataset): GenreShareRow[] {
  // The share is the narrative's (genre.*.rating_share, most_rated_genre_share): a rating of a
  // title in several genres counts as an equal part of each, over all ratings, so the cloud and
  // the sentence above it print the same figure. The count is the genre's ratings, whole.
  const ratingCounts = dataset.ratings.countsByTitleId();
  const weights = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const t of dataset.titles) {
    const n = ratingCounts.get(t.id) ?? 0;
    if (n === 0) continue;
    for (const [g, w] of genreWeights(t)) {
      if (!isGenre(g)) continue;
      addTo(weights, g, n * w);
      addTo(counts, g, n);
    }
  }
  const total = dataset.ratings.length;
  return [...weights.entries()].map(([genre, weight]) => ({ genre, count: counts.get(genre)!, share: total > 0 ? weight / total : 0 }));
}

/** Minutes and sessions per device for the most active users (by number of sessions). */
export function userDeviceRows(dataset: Dataset, topN = TOP_DEVICE_USERS): UserDeviceRow[] {
  const sessions = dataset.sessions;
  if (!sessions) return [];
  const top = topByCount(sessions.countsByUserId(), topN);
  // row of each dictionary user in the chart (-1: not drawn), then a users × devices table
  const rowOf = new Int32Array(sessions.userIds.length).fill(-1);
  const rowById = new Map(top.map((id, r) => [id, r]));
  sessions.userIds.forEach((id, u) => (rowOf[u] = rowById.get(id) ?? -1));
  const minutes = new Float64Array(top.length * DEVICES.length);
  const count = new Int32Array(top.length * DEVICES.length);
  for (let i = 0; i < sessions.length; i++) {
    const r = rowOf[sessions.user[i]];
    if (r < 0) continue;
    const cell = r * DEVICES.length + sessions.device[i];
    minutes[cell] += sessions.minutes[i];
    count[cell]++;
  }
  return top.flatMap((userId, r) =>
    DEVICES.map((device, d) => ({ userId, userLabel: userLabel(userId), device, minutes: Math.round(minutes[r * DEVICES.length + d]), sessions: count[r * DEVICES.length + d] })),
  );
}

export function titleSimilarityInput(dataset: Dataset, model: ModelView, topN = TOP_SIMILAR_TITLES): { titles: SimilarityTitle[]; cells: SimilarityCell[] } {
  const byId = new Map(dataset.titles.map((t) => [t.id, t]));
  const top = mostRatedTitleIds(dataset.ratings, topN).filter((id) => model.titlePos.has(id) && byId.has(id));
  // a most-rated title without a genre stays (it is a title), in a block named for what it is
  const primaryGenre = primaryGenreOf(dataset);
  const titles = top.map((id) => {
    const genre = primaryGenre(byId.get(id)!.genres);
    return { id, name: byId.get(id)!.name, genre: isGenre(genre) ? genre : NO_GENRE_BLOCK };
  });
  // who rated both of each pair, so a pair is called alike only on enough shared raters
  const coRaters = coRaterCounts(dataset.ratings, top);
  const cells: SimilarityCell[] = [];
  top.forEach((a, i) => {
    top.forEach((b, j) => {
      const sim = a === b ? 1 : model.itemSimilarity(model.titlePos.get(a)!, model.titlePos.get(b)!);
      cells.push({ a, b, similarity: sim, coRaters: coRaters(i, j) });
    });
  });
  return { titles, cells };
}

/** The most active raters' genre affinities, straight from the model. */
export function userGenreFlowRows(dataset: Dataset, model: ModelView, topN = TOP_SANKEY_USERS): UserGenreFlowRow[] {
  const top = topByCount(dataset.ratings.countsByUserId(), topN).filter((id) => model.userPos.has(id));
  return top.flatMap((userId) => {
    const u = model.userPos.get(userId)!;
    return model.genres.map((genre, g) => ({ userId, userLabel: userLabel(userId), genre, affinity: model.genreAffinity(u, g) })).filter((r) => r.affinity > 0 && isGenre(r.genre));
  });
}

const METRIC_NAMES: { key: keyof Metrics; name: (k: number) => string }[] = [
  { key: 'precision', name: (k) => `Precision@${k}` },
  { key: 'recall', name: (k) => `Recall@${k}` },
  { key: 'ndcg', name: (k) => `NDCG@${k}` },
  { key: 'hitRate', name: (k) => `Hit rate@${k}` },
  { key: 'coverage', name: () => 'Catalogue coverage' },
  { key: 'genreMatch', name: () => 'Genre match (evaluation)' },
  { key: 'genreMatchTruth', name: () => 'Genre match (true favourites)' },
];

export function modelMetricRows(evaluation: EvaluationResult): ModelMetricRow[] {
  const k = evaluation.protocol.k;
  return METRIC_NAMES.flatMap(({ key, name }) =>
    evaluation.models
      .filter((m) => typeof m.metrics[key] === 'number')
      .map((m) => ({ model: m.name, label: m.label, metric: name(k), value: m.metrics[key] as number })),
  );
}
