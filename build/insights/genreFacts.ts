// Facts about the catalogue and the ratings: sizes, genre shares of the catalogue and of the
// ratings, rating means by genre, and what the similarity and affinity matrices show.
import { allInferred } from '../data/implicit.ts';
import type { FactBuilder } from './catalogue.ts';
import type { FactContext } from './facts.ts';
import { addTo, argMax, argMin, genreWeights, mean, ratio, tiedLeaders } from './tally.ts';
import { compareIds } from '../recommend/engine.ts';
import { compareNames } from './factKeys.ts';
import { coRaterCounts, mostRatedTitleIds } from '../model/mostRated.ts';

/** A genre needs this many ratings before it can be called best- or worst-rated. */
export const RATED_GENRE_MIN_RATINGS = 3;
/** Below this many ratings a genre's mean is called out as resting on a handful of ratings. */
export const RATED_GENRE_FEW_RATINGS = 30;
/** The original case study's target: "80% match with user genre preferences". */
export const GENRE_MATCH_TARGET = 0.8;

/** Display names of the data sources, for sentences. */
const SOURCE_NAMES: Record<string, string> = { simulation: 'the simulation', movielens: 'MovieLens', netflix: 'the Netflix catalogue', service: "the service's own data" };

export function overviewFacts(b: FactBuilder, c: FactContext): void {
  const { dataset: ds } = c;
  b.add('data_source', 'text', ds.source.kind, 'Where the data comes from: simulation, movielens, netflix or service (--data).');
  b.add('data_source_name', 'text', SOURCE_NAMES[ds.source.kind] ?? ds.source.kind, 'Where the data comes from, as a reader-facing name: MovieLens, the Netflix catalogue, the simulation.');
  b.add('titles_with_description', 'count', ds.titles.filter((t) => t.description.trim() !== '').length, 'Titles with a text description (MovieLens has none): content similarity uses descriptions only when there are some.');
  b.add('data_description', 'text', ds.source.description, 'One plain sentence on where the data comes from.');
  b.add(
    'feedback',
    'text',
    allInferred(ds) ? 'plays' : ds.implicit ? 'both' : 'ratings',
    'What the ratings are: "ratings" given by users, "plays" (every rating inferred from watch history) or "both" (--feedback both: inferred ratings fill in titles watched but not rated).',
  );
  b.add('genre_match_target', 'share', GENRE_MATCH_TARGET, 'The case study\'s success criterion: share of recommendations that should match the user\'s genre preferences.');
  b.add('title_count', 'count', ds.titles.length, 'Titles in the catalogue.');
  b.add('user_count', 'count', ds.users.length, 'Users (subscribers) in the data.');
  b.add('rating_count', 'count', ds.ratings.length, 'Ratings given by users.');
  b.add('genre_count', 'count', c.genres.length, 'Distinct genres in the catalogue.');
  b.add('genres', 'list', c.genres, 'Every genre in the catalogue, by name.');
  b.add('ratings_per_user', 'number', ratio(ds.ratings.length, ds.users.length), 'Average number of ratings per user.');
  let sum = 0;
  for (const v of ds.ratings.value) sum += v;
  b.add('rating_mean', 'rating', ds.ratings.length > 0 ? sum / ds.ratings.length : NaN, 'Mean of all ratings.');
  b.add('rating_scale_min', 'number', ds.ratingScale.min, 'Lowest possible rating.');
  b.add('rating_scale_max', 'number', ds.ratingScale.max, 'Highest possible rating.');
  const { ratingIndex: ix } = c;
  // distinct (user, title) pairs: each user's titles stamped, not a string per rating in a Set
  const stamp = new Int32Array(ix.titleIds.length).fill(-1);
  let pairs = 0;
  for (let u = 0; u < ix.userPos.size; u++) {
    for (let k = ix.start[u]; k < ix.start[u + 1]; k++) {
      const t = ix.ratingTitle[ix.byUser[k]];
      if (stamp[t] !== u) {
        stamp[t] = u;
        pairs++;
      }
    }
  }
  b.add('matrix_density', 'share', ratio(pairs, ds.users.length * ds.titles.length), 'Share of user × title cells that hold a rating (the rest is what recommendations fill).');

  const counts = new Int32Array(ix.titleIds.length);
  for (let i = 0; i < ix.ratingTitle.length; i++) counts[ix.ratingTitle[i]]++;
  const perTitle = new Map<string, number>();
  counts.forEach((n, t) => n > 0 && perTitle.set(ix.titleIds[t], n));
  const tiedRated = tiedLeaders(perTitle, (v) => v, compareIds);
  const topRated = tiedRated.length ? tiedRated[0] : null;
  b.add('most_rated_title', 'title', topRated ? c.titleById.get(topRated)?.name : null, 'The title with the most ratings (ties: first by id, compared as numbers when both are whole numbers).');
  b.add('most_rated_title_ties', 'count', topRated ? tiedRated.length : null, 'How many titles share the most ratings (1: a single most rated title).');
  b.add('most_rated_title_ratings', 'count', topRated ? perTitle.get(topRated) : null, 'How many ratings the most-rated title has.');
}

export function genreFacts(b: FactBuilder, c: FactContext): void {
  const { dataset: ds } = c;
  const catalogWeight = new Map<string, number>();
  const titleCount = new Map<string, number>();
  for (const t of ds.titles) {
    for (const [g, w] of genreWeights(t)) {
      addTo(catalogWeight, g, w);
      addTo(titleCount, g, 1);
    }
  }
  // Per genre, in rating order: the split weight (as genreWeights gives it), the sum and count of values.
  const { ratingIndex: ix } = c;
  const weights = new Float64Array(ix.genres.length);
  const sums = new Float64Array(ix.genres.length);
  const counts = new Int32Array(ix.genres.length);
  for (let i = 0; i < ds.ratings.length; i++) {
    const own = ix.titleGenres[ix.ratingTitle[i]];
    const value = ds.ratings.value[i];
    for (let k = 0; k < own.length; k++) {
      const g = own[k];
      weights[g] += 1 / own.length;
      sums[g] += value;
      counts[g]++;
    }
  }
  const ratingWeight = new Map<string, number>();
  const ratingCount = new Map<string, number>();
  const ratingMean = new Map<string, number>();
  ix.genres.forEach((g, k) => {
    if (counts[k] === 0) return;
    ratingWeight.set(g, weights[k]);
    ratingCount.set(g, counts[k]);
    ratingMean.set(g, sums[k] / counts[k]);
  });

  for (const g of c.genres) {
    const k = `genre.${c.genreKey.get(g)}`;
    b.add(`${k}.name`, 'genre', g, `The genre's name as the data spells it.`);
    b.add(`${k}.title_count`, 'count', titleCount.get(g) ?? 0, `Titles in ${g}.`);
    b.add(`${k}.catalog_share`, 'share', ratio(catalogWeight.get(g) ?? 0, ds.titles.length), `Share of the catalogue in ${g} (multi-genre titles split equally).`);
    b.add(`${k}.rating_count`, 'count', ratingCount.get(g) ?? 0, `Ratings of ${g} titles.`);
    b.add(`${k}.rating_share`, 'share', ratio(ratingWeight.get(g) ?? 0, ds.ratings.length), `Share of all ratings given to ${g} (multi-genre titles split equally).`);
    b.add(`${k}.rating_mean`, 'rating', ratingMean.get(g) ?? NaN, `Mean rating of ${g} titles.`, `no ${g} title has a rating`);
  }

  const known = (m: Map<string, number>) => new Map([...m].filter(([g]) => c.genreKey.has(g)));
  const topCatalog = argMax(known(catalogWeight));
  b.add('top_catalog_genre', 'genre', topCatalog, 'The genre with the largest share of the catalogue (ties: first by name).');
  b.add('top_catalog_genre_share', 'share', topCatalog ? ratio(catalogWeight.get(topCatalog)!, ds.titles.length) : null, 'Catalogue share of the largest genre.');
  b.add('top_catalog_genre_titles', 'count', topCatalog ? titleCount.get(topCatalog) : null, 'Titles in the largest catalogue genre.');

  const mostRated = argMax(known(ratingWeight));
  b.add('most_rated_genre', 'genre', mostRated, 'The genre that receives the largest share of ratings.');
  b.add('most_rated_genre_share', 'share', mostRated ? ratio(ratingWeight.get(mostRated)!, ds.ratings.length) : null, 'Share of all ratings given to the most-rated genre.');

  const supported = new Map<string, number>();
  for (const [g, n] of ratingCount) if (c.genreKey.has(g) && n >= RATED_GENRE_MIN_RATINGS) supported.set(g, ratingMean.get(g)!);
  const best = argMax(supported);
  const worst = argMin(supported);
  const why = `no genre has ${RATED_GENRE_MIN_RATINGS} or more ratings`;
  b.add('rated_genre_min_ratings', 'count', RATED_GENRE_MIN_RATINGS, 'Ratings a genre needs before it can be called best- or worst-rated.');
  b.add('best_rated_genre', 'genre', best, `The genre with the highest mean rating (among genres with ≥ ${RATED_GENRE_MIN_RATINGS} ratings).`, why);
  b.add('best_rated_genre_mean', 'rating', best ? supported.get(best) : null, 'Mean rating of the best-rated genre.', why);
  b.add('worst_rated_genre', 'genre', worst, `The genre with the lowest mean rating (among genres with ≥ ${RATED_GENRE_MIN_RATINGS} ratings).`, why);
  b.add('worst_rated_genre_mean', 'rating', worst ? supported.get(worst) : null, 'Mean rating of the worst-rated genre.', why);
  // Means that print alike (two decimals) are a tie, and a lead of a few hundredths over the
  // runner-up is named as such; the counts let the prose say when a mean rests on a handful.
  const twoDecimals = (v: number) => Math.round(v * 100);
  const bestTied = tiedLeaders(supported, twoDecimals);
  const worstTied = tiedLeaders(new Map([...supported].map(([g, v]) => [g, -v])), twoDecimals);
  const byMean = [...supported.keys()].sort((a, b) => supported.get(b)! - supported.get(a)! || compareNames(a, b));
  const runnerUp = byMean.length > 1 ? byMean[1] : null;
  const noRunner = `fewer than two genres have ${RATED_GENRE_MIN_RATINGS} or more ratings`;
  b.add('rated_genre_few_ratings', 'count', RATED_GENRE_FEW_RATINGS, 'Below this many ratings a genre\'s mean rests on a handful, and the prose says so.');
  b.add('best_rated_genres', 'list', best ? bestTied : null, 'Every genre whose mean rating prints (two decimals) the same as the best-rated genre\'s: one, or all that tie.', why);
  b.add('best_rated_genre_ties', 'count', best ? bestTied.length : null, 'How many genres share the highest mean rating as printed (1: no tie).', why);
  b.add('best_rated_genre_ratings', 'count', best ? ratingCount.get(best) : null, 'Ratings behind the best-rated genre\'s mean.', why);
  b.add('best_rated_genre_rating_share', 'share', best ? ratio(ratingWeight.get(best)!, ds.ratings.length) : null, 'Share of all ratings given to the best-rated genre: a small share is a niche.', why);
  b.add('best_rated_genre_titles', 'count', best ? titleCount.get(best) ?? 0 : null, 'Titles in the best-rated genre.', why);
  b.add('worst_rated_genres', 'list', worst ? worstTied : null, 'Every genre whose mean rating prints the same as the worst-rated genre\'s.', why);
  b.add('worst_rated_genre_ties', 'count', worst ? worstTied.length : null, 'How many genres share the lowest mean rating as printed (1: no tie).', why);
  b.add('worst_rated_genre_ratings', 'count', worst ? ratingCount.get(worst) : null, 'Ratings behind the worst-rated genre\'s mean.', why);
  b.add('best_rated_genre_runner_up', 'genre', runnerUp, 'The genre with the second highest mean rating (among genres with enough ratings).', noRunner);
  b.add('best_rated_genre_runner_up_mean', 'rating', runnerUp ? supported.get(runnerUp) : null, 'Mean rating of the runner-up genre.', noRunner);
  b.add('best_rated_genre_runner_up_ratings', 'count', runnerUp ? ratingCount.get(runnerUp) : null, 'Ratings behind the runner-up genre\'s mean.', noRunner);
  b.add('best_rated_genre_lead', 'number', runnerUp && best ? (twoDecimals(supported.get(best)!) - twoDecimals(supported.get(runnerUp)!)) / 100 : null, 'How far the best-rated genre\'s mean leads the runner-up\'s, as printed (two decimals), in rating points.', noRunner);
  const fewest = [...supported.keys()].reduce((n, g) => Math.min(n, ratingCount.get(g)!), Infinity);
  b.add('rated_genre_fewest_ratings', 'count', best ? fewest : null, 'The fewest ratings any genre ranked by mean rating has: a spread over genres with few ratings is a prompt to look closer, not a verdict.', why);
  b.add('genre_rating_spread', 'number', best && worst ? supported.get(best)! - supported.get(worst)! : null, 'Best-rated minus worst-rated genre mean, in rating points.', why);
}

/** A pair of titles is called alike only when at least this many users rated both. */
export const MIN_CO_RATERS = 3;

/** What the item–item similarity and the user × genre affinity matrices say. */
export function matrixFacts(b: FactBuilder, c: FactContext): void {
  const { model } = c;
  b.add(
    'learning_cap',
    'count',
    model.learningCap ?? undefined,
    'Ratings per user the title × title weights learnt from, when the data was too large for all of them: a fixed sample of the heaviest users\' ratings.',
    'the title × title weights learnt from every rating',
  );
  // The pair is chosen among the titles the similarity heatmap shows (the most rated), so the
  // sentence names a pair the reader finds in the chart; over the whole catalogue the best pair was
  // two obscure titles one user rated alike (cosine 1.00), which says nothing about the audience.
  // A pair is called alike only when at least MIN_CO_RATERS users rated both: with one shared
  // rater any two titles rated alike score 1.00 (seed 7), which says nothing about the audience.
  const shown = mostRatedTitleIds(c.dataset.ratings).filter((id) => model.titlePos.has(id));
  const coRaters = coRaterCounts(c.dataset.ratings, shown);
  let bestPair: { a: string; b: string; sim: number; coRaters: number } | null = null;
  let anyPair = false;
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const sim = model.itemSimilarity(model.titlePos.get(shown[i])!, model.titlePos.get(shown[j])!);
      if (!(sim > 0)) continue;
      anyPair = true;
      const shared = coRaters(i, j);
      if (shared < MIN_CO_RATERS) continue;
      const names = [c.titleById.get(shown[i])?.name ?? shown[i], c.titleById.get(shown[j])?.name ?? shown[j]].sort(compareNames);
      const better = !bestPair || sim > bestPair.sim + 1e-12 || (Math.abs(sim - bestPair.sim) <= 1e-12 && compareNames(names.join('\u0000'), `${bestPair.a}\u0000${bestPair.b}`) < 0);
      if (better) bestPair = { a: names[0], b: names[1], sim, coRaters: shared };
    }
  }
  b.add('similarity_chart_titles', 'count', shown.length, 'Titles in the title-similarity heatmap: the most rated ones.');
  b.add('similar_pair_min_co_raters', 'count', MIN_CO_RATERS, 'Users who must have rated both titles before a pair is called alike.');
  const noPair = anyPair
    ? `no two of the most rated titles share ${MIN_CO_RATERS} or more raters, too few to call a pair alike`
    : 'no two titles share a rater, so no rating similarity is above zero';
  b.add('similar_pairs_found', 'count', anyPair ? 1 : 0, '1 when some pair of the most rated titles shares a rater (a similarity above zero), else 0.');
  b.add('most_similar_titles', 'list', bestPair ? [bestPair.a, bestPair.b] : null, `The two titles whose rating vectors are most alike (cosine), among the most rated titles the similarity heatmap shows, rated by at least ${MIN_CO_RATERS} users in common.`, noPair);
  b.add('most_similar_titles_similarity', 'number', bestPair?.sim ?? null, 'Cosine similarity of that pair (0–1).', noPair);
  b.add('most_similar_titles_co_raters', 'count', bestPair?.coRaters ?? null, 'Users who rated both titles of the most alike pair.', noPair);

  const totals = new Map<string, number>();
  const tops: number[] = [];
  for (let u = 0; u < model.userIds.length; u++) {
    let top = 0;
    for (let g = 0; g < model.genres.length; g++) {
      const a = model.genreAffinity(u, g);
      addTo(totals, model.genres[g], a);
      if (a > top) top = a;
    }
    if (top > 0) tops.push(top);
  }
  const leader = argMax(new Map([...totals].filter(([g, v]) => v > 0 && c.genreKey.has(g))));
  b.add('affinity_leader_genre', 'genre', leader, 'The genre with the largest summed affinity over all users (the widest band in the Sankey).');
  b.add('affinity_leader_share', 'share', leader ? ratio(totals.get(leader)!, tops.length) : null, 'Average share of a user\'s rating weight that goes to the affinity-leading genre.');
  b.add('taste_concentration', 'share', mean(tops), 'On average, the share of a user\'s rating weight on their single favourite genre.');
}
