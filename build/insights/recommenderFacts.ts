// Facts about the published recommendations (coverage, cold start, genre match by segment) and
// about the offline evaluation (accuracy beside the popularity baseline).
import { PUBLISHED } from '../recommend/index.ts';
import type { Recommendation, User } from '../types.ts';
import { allInferred } from '../data/implicit.ts';
import type { FactBuilder } from './catalogue.ts';
import type { FactContext } from './facts.ts';
import { compareNames, keySegment, keySegments } from './factKeys.ts';
import { addTo, distinctSorted, ratio, tiedLeaders } from './tally.ts';
import { compareIds } from '../recommend/engine.ts';
import { printedGap } from '../util/numbers.ts';

/** A user's top 3 genres by count of rated titles, ties by genre name (the evaluation's rule). */
export function topRatedGenres(c: FactContext, userId: string): string[] {
  return topGenrePositions(c, userId, new Int32Array(c.ratingIndex.genres.length)).map((g) => c.ratingIndex.genres[g]);
}

/** topRatedGenres as positions in `ratingIndex.genres` (sorted by name, so ties go to the lower); `counts` is zeros and left so. */
function topGenrePositions(c: FactContext, userId: string, counts: Int32Array): number[] {
  const ix = c.ratingIndex;
  const u = ix.userPos.get(userId);
  if (u === undefined) return [];
  const seen: number[] = [];
  for (let k = ix.start[u]; k < ix.start[u + 1]; k++) {
    for (const g of ix.titleGenreList[ix.ratingTitle[ix.byUser[k]]]) if (counts[g]++ === 0) seen.push(g);
  }
  seen.sort((a, b) => counts[b] - counts[a] || a - b);
  for (const g of seen) counts[g] = 0;
  return seen.slice(0, 3);
}

interface MatchTally {
  matched: number;
  recs: number;
}

/**
 * Each user's genre match (their recommendations against their top 3 rated genres), computed
 * once: the whole audience and every plan and region read the same tally.
 */
function genreMatches(c: FactContext): (userId: string) => MatchTally {
  const counts = new Int32Array(c.ratingIndex.genres.length);
  const done = new Map<string, MatchTally>();
  return (userId) => {
    let tally = done.get(userId);
    if (tally === undefined) done.set(userId, (tally = genreMatchOf(c, userId, c.recommendations.get(userId) ?? [], counts)));
    return tally;
  };
}

function genreMatchOf(c: FactContext, userId: string, recs: Recommendation[], counts: Int32Array): MatchTally {
  const top = topGenrePositions(c, userId, counts);
  if (top.length === 0) return { matched: 0, recs: 0 }; // no history: nothing to match against
  const ix = c.ratingIndex;
  let matched = 0;
  for (const r of recs) {
    const t = ix.titlePos.get(r.titleId);
    if (t !== undefined && ix.titleGenreList[t].some((g) => top.includes(g))) matched++;
  }
  return { matched, recs: recs.length };
}

export function recommenderFacts(b: FactBuilder, c: FactContext): void {
  const { recommendations, dataset: ds } = c;
  let total = 0;
  let collaborative = 0;
  let coldStart = 0;
  let fallback = 0;
  const distinct = new Set<string>();
  const usersPerTitle = new Map<string, number>();
  const match: MatchTally = { matched: 0, recs: 0 };
  const matchOf = genreMatches(c);
  for (const [userId, recs] of recommendations) {
    total += recs.length;
    for (const r of recs) {
      distinct.add(r.titleId);
      addTo(usersPerTitle, r.titleId, 1);
      if (r.source === 'collaborative') collaborative++;
    }
    const popular = recs.filter((r) => r.source === 'popular').length;
    if (recs.length > 0 && popular === recs.length) coldStart++;
    if (popular > 0) fallback++;
    const m = matchOf(userId);
    match.matched += m.matched;
    match.recs += m.recs;
  }
  const withRecs = [...recommendations.values()].filter((r) => r.length > 0).length;
  b.add('recs.users', 'count', withRecs, 'Users who received at least one recommendation.');
  b.add('recs.count', 'count', total, 'Recommendations published across all users.');
  b.add('recs.per_user', 'number', ratio(total, withRecs), 'Average recommendations per user who got any.');
  // "10 on average" reads as if lists differed; when every list is as long, the narrative says "each"
  const lengths = [...recommendations.values()].filter((r) => r.length > 0).map((r) => r.length);
  b.add('recs.same_length', 'text', lengths.length > 0 && lengths.every((n) => n === lengths[0]) ? 'yes' : 'no', 'Whether every user who got recommendations got the same number ("yes" or "no").');
  b.add('recs.distinct_titles', 'count', distinct.size, 'Distinct titles recommended to anyone.');
  b.add('recs.coverage', 'share', ratio(distinct.size, ds.titles.length), 'Catalogue coverage of the published recommendations: distinct recommended titles ÷ all titles.');
  b.add('recs.unrecommended_titles', 'count', ds.titles.length - distinct.size, 'Titles that no user is recommended.');
  b.add('recs.collaborative_share', 'share', ratio(collaborative, total), 'Share of recommendations that come from the user\'s own ratings rather than the popularity fallback.');
  b.add('recs.genre_match', 'share', ratio(match.matched, match.recs), 'Share of published recommendations that share a genre with the user\'s top 3 rated genres.');
  const tiedRec = tiedLeaders(usersPerTitle, (v) => v, compareIds);
  const mostRec = tiedRec.length ? tiedRec[0] : null;
  b.add('recs.most_recommended_title', 'title', mostRec ? c.titleById.get(mostRec)?.name : null, 'The title recommended to the most users.');
  b.add('recs.most_recommended_title_ties', 'count', mostRec ? tiedRec.length : null, 'How many titles are recommended to as many users as the most recommended one (1: no tie).');
  b.add('recs.most_recommended_title_users', 'count', mostRec ? usersPerTitle.get(mostRec) : null, 'Users who are recommended the most recommended title.');
  b.add('cold_start_users', 'count', coldStart, 'Users whose whole list comes from the popularity fallback (too little history for collaborative filtering).');
  b.add('cold_start_share', 'share', ratio(coldStart, ds.users.length), 'Share of users served only by the popularity fallback.');
  b.add('fallback_users', 'count', fallback, 'Users with at least one popularity-fallback recommendation in their list.');
  segmentFacts(b, c, matchOf, ratio(match.matched, match.recs));
}

interface Segment {
  kind: 'plan' | 'region';
  name: string;
  match: number;
  ratingMean: number;
}

/** Genre match and mean rating per plan and region; the under-served segment is the lowest match. */
function segmentFacts(b: FactBuilder, c: FactContext, matchOf: (userId: string) => MatchTally, overall: number): void {
  const ix = c.ratingIndex;
  const segments: Segment[] = [];
  for (const kind of ['plan', 'region'] as const) {
    const names = distinctSorted(c.dataset.users.map((u) => u[kind]));
    const members = new Map<string | null, User[]>();
    for (const u of c.dataset.users) {
      const list = members.get(u[kind]);
      if (list) list.push(u);
      else members.set(u[kind], [u]);
    }
    if (names.length) b.capability(kind === 'plan' ? 'plans' : 'regions');
    const keys = keySegments(names);
    b.lacking(names.length ? null : `the users have no ${kind} in this data`, () => {
      b.add(`${kind}s`, 'list', names, `Every ${kind} in the data, by name.`);
      b.add(`${kind}_count`, 'count', names.length, `Distinct ${kind}s.`);
      for (const name of names) {
        const k = `${kind}.${keys.get(name)}`;
        const users = members.get(name)!;
        const tally: MatchTally = { matched: 0, recs: 0 };
        // the mean of the segment's ratings, summed user by user in data order
        let sum = 0;
        let count = 0;
        for (const user of users) {
          const m = matchOf(user.id);
          tally.matched += m.matched;
          tally.recs += m.recs;
          const u = ix.userPos.get(user.id);
          if (u === undefined) continue;
          for (let k = ix.start[u]; k < ix.start[u + 1]; k++) sum += c.dataset.ratings.value[ix.byUser[k]];
          count += ix.start[u + 1] - ix.start[u];
        }
        const seg = { kind, name, match: ratio(tally.matched, tally.recs), ratingMean: count > 0 ? sum / count : NaN };
        b.add(`${k}.name`, 'text', name, `The ${kind}'s name as the data spells it.`);
        b.add(`${k}.user_count`, 'count', users.length, `Users in ${kind} ${name}.`);
        b.add(`${k}.rating_mean`, 'rating', seg.ratingMean, `Mean rating given by users in ${kind} ${name}.`, `users in ${name} gave no ratings`);
        b.add(`${k}.genre_match`, 'share', seg.match, `Share of ${name} users' recommendations that match their top 3 genres.`, `users in ${name} have no rating history to match`);
        if (Number.isFinite(seg.match)) segments.push(seg);
      }
    });
  }
  segments.sort((a, b) => a.match - b.match || (a.ratingMean || 0) - (b.ratingMean || 0) || compareNames(a.kind + a.name, b.kind + b.name));
  const worst = segments[0];
  const why = 'the users have no plan or region, or no history to match';
  b.add('underserved_segment', 'text', worst ? `${worst.name} (${worst.kind})` : null, 'The plan or region whose recommendations least match its users\' top genres.', why);
  // segments whose match prints the same (whole percentages) tie: the prose names them all
  const tied = worst ? segments.filter((x) => Math.round(x.match * 100) === Math.round(worst.match * 100)) : [];
  b.add('underserved_segments', 'list', worst ? tied.map((x) => `${x.name} (${x.kind})`) : null, 'Every plan or region whose genre match prints as low as the under-served segment\'s: one, or all that tie.', why);
  b.add('underserved_segment_ties', 'count', worst ? tied.length : null, 'How many plans and regions share the lowest genre match as printed (1: no tie).', why);
  b.add(
    'underserved_segment_gap',
    'share',
    worst && Number.isFinite(overall) ? printedGap(overall, worst.match) : null,
    'How far the under-served segment\'s genre match trails the overall one, as printed (whole percentages): 0 means no plan or region falls below it.',
    why,
  );
  b.add('segment_count', 'count', worst ? segments.length : null, 'Plans and regions with a genre match to compare.', why);
  b.add('underserved_segment_kind', 'text', worst?.kind, 'Whether the under-served segment is a plan or a region.', why);
  b.add('underserved_segment_name', 'text', worst?.name, 'The under-served plan or region by name.', why);
  b.add('underserved_segment_genre_match', 'share', worst?.match, 'Genre match of the under-served segment\'s recommendations.', why);
  b.add('underserved_segment_rating_mean', 'rating', worst?.ratingMean, 'Mean rating given by the under-served segment.', why);
}

const METRICS = [
  ['precision', 'precision', 'Precision@K: share of recommended items that are in the user\'s held-out test set'],
  ['recall', 'recall', 'Recall@K: share of the user\'s held-out items that were recommended'],
  ['ndcg', 'ndcg', 'NDCG@K: ranking quality of the held-out items (1 = all at the top)'],
  ['hitRate', 'hit_rate', 'Hit rate@K: share of users with at least one held-out item recommended'],
  ['coverage', 'coverage', 'Catalogue coverage of the evaluated lists'],
  ['genreMatch', 'genre_match', 'Share of recommended items sharing a genre with the user\'s top 3 training genres'],
  ['genreMatchTruth', 'genre_match_truth', 'Share of recommended items in the user\'s true top 3 genres (simulation only)'],
] as const;

const LIKED_METRICS = METRICS.filter(([f]) => f === 'precision' || f === 'recall' || f === 'ndcg' || f === 'hitRate') as readonly (readonly ['precision' | 'recall' | 'ndcg' | 'hitRate', string, string])[];

/** Below this many held-out ratings a lift is too small a sample to call (the narrative and strategy caveat it). */
export const EVAL_MIN_TEST_ITEMS = 100;

export function evaluationFacts(b: FactBuilder, c: FactContext): void {
  const ev = c.evaluation;
  if (ev) b.capability('evaluation');
  // without an evaluation, the standard two models are still declared so bindings say why
  const models = ev?.models ?? [
    { name: 'popularity', label: 'Most popular', metrics: null },
    { name: PUBLISHED.name, label: 'Item-kNN', metrics: null },
  ];
  b.lacking(ev ? null : 'the evaluation was not run for this build', () => {
    b.add('eval.k', 'count', ev?.protocol.k, 'K: the list length every accuracy figure is measured at.');
    b.add('eval.users', 'count', ev?.protocol.usersEvaluated, 'Users with a held-out test set in the evaluation.');
    b.add('eval.sampled_from', 'count', ev?.protocol.sampledFrom, 'Users with enough ratings to split, when the evaluation held out a seeded sample of them.', 'every user with enough ratings to split was held out');
    b.add('eval.test_items', 'count', ev?.protocol.testItems, 'Held-out ratings the evaluation scores against.');
    b.add('eval.train_share', 'share', ev?.protocol.trainShare, 'Share of each user\'s ratings used for training.');
    for (const m of models) {
      const k = `eval.${keySegment(m.name)}`;
      b.add(`${k}.label`, 'text', m.label, `Display name of the "${m.name}" model.`);
      for (const [field, key, meaning] of METRICS) {
        const value = m.metrics ? m.metrics[field] : undefined;
        b.add(`${k}.${key}`, key === 'ndcg' ? 'number' : 'share', value, `${meaning} — ${m.label}.`, 'the data has no hidden truth (only the simulation has)');
      }
    }
    const liked = ev?.protocol.liked;
    b.lacking(ev && !liked ? 'this evaluation has no liked view' : null, () => {
      b.add('eval.liked.threshold', 'rating', liked?.threshold, 'The liked view\'s bar: held-out ratings at or above it (80 % of the scale\'s maximum) are relevant.');
      b.add('eval.liked.users', 'count', liked?.usersEvaluated, 'Users with at least one held-out rating at or above the liked bar: the liked view\'s sample.');
      b.add('eval.liked.test_items', 'count', liked?.testItems, 'Held-out ratings at or above the liked bar.');
      for (const m of models) {
        const k = `eval.${keySegment(m.name)}.liked`;
        const lm = 'liked' in m ? m.liked : undefined;
        for (const [field, key, meaning] of LIKED_METRICS) {
          b.add(`${k}.${key}`, key === 'ndcg' ? 'number' : 'share', lm?.[field], `${meaning}, counting only held-out ratings at or above the liked bar — ${m.label}.`);
        }
      }
    });
    const def = models.find((m) => m.name === PUBLISHED.name)?.metrics;
    const pop = models.find((m) => m.name === 'popularity')?.metrics;
    for (const [field, key] of [['precision', 'precision'], ['ndcg', 'ndcg'], ['genreMatch', 'genre_match']] as const) {
      const lift = def && pop && pop[field] > 0 ? def[field] / pop[field] - 1 : null;
      b.add(`eval.lift.${key}`, 'share', lift, `How much higher the default recommender's ${key.replace('_', ' ')} is than the popularity baseline's (0.5 = 50 % higher; negative = worse).`, 'the popularity baseline scored 0 or a model is missing, so a relative lift is undefined');
    }
    // how sure the NDCG lift is: a paired bootstrap over the evaluated users (evaluate/bootstrap.ts)
    const interval = ev?.lift?.ndcg;
    const noInterval = 'the evaluation has no bootstrap interval for the lift (the baseline never scored, or the result predates it)';
    b.add('eval.lift.ndcg_low', 'share', interval?.low, 'Lower end of the 95 % bootstrap interval of the NDCG lift over popularity (resampling the evaluated users).', noInterval);
    b.add('eval.lift.ndcg_high', 'share', interval?.high, 'Upper end of the 95 % bootstrap interval of the NDCG lift over popularity.', noInterval);
    b.add('eval.lift.interval_level', 'share', interval?.level, 'Confidence level of the lift\'s bootstrap interval (0.95).', noInterval);
    const testItems = ev?.protocol.testItems ?? 0;
    // without an interval (a stage file from before it) the sign of the lift decides, as it did
    const sign = def && pop && def.ndcg > pop.ndcg ? 'better' : 'worse';
    const verdict = testItems < EVAL_MIN_TEST_ITEMS ? 'unclear' : !interval ? sign : interval.low > 0 ? 'better' : interval.high < 0 ? 'worse' : 'unclear';
    b.add(
      'eval.lift.verdict',
      'text',
      ev && def && pop ? verdict : null,
      'Whether the published model beats popularity on NDCG: "better" or "worse" when the whole 95 % interval is on one side of no difference (without an interval: the lift\'s sign) and the sample holds at least eval.min_test_items held-out ratings, else "unclear".',
      'the published model or the baseline did not run',
    );
    // what a held-out item is: a rating, or (plays only, every rating inferred) a watched title
    b.add('eval.held_out', 'text', ev ? (allInferred(c.dataset) ? 'held-out watched titles' : 'held-out ratings') : null, 'What the evaluation held out, as prose names it: "held-out ratings", or "held-out watched titles" when every rating is inferred from plays.');
    b.add('eval.min_test_items', 'count', EVAL_MIN_TEST_ITEMS, 'Held-out ratings below which a lift between models is reported with a caveat, not called.');
    const best = ev ? [...ev.models].sort((a, b) => b.metrics.ndcg - a.metrics.ndcg || compareNames(a.name, b.name))[0] : null;
    // a model that places no held-out title in its top K wins nothing: with no hits at all the evaluation cannot tell
    const noBest = 'no model placed a single held-out rating in its top K, so the evaluation cannot tell the models apart';
    b.add('eval.best_model', 'text', best && best.metrics.ndcg > 0 ? best.label : null, 'The evaluated model with the highest NDCG, by its label (for tables and charts).', noBest);
    // sentences name the two models every reader knows by role, not by their registry label
    const inProse = !best ? null : best.name === PUBLISHED.name ? 'the published model' : best.name === 'popularity' ? 'the popularity baseline' : best.label;
    b.add('eval.best_model_in_prose', 'text', best && best.metrics.ndcg > 0 ? inProse : null, 'The model with the highest NDCG as a sentence names it: "the published model", "the popularity baseline", or another model\'s label.', noBest);
    b.add('eval.model_count', 'count', ev?.models.length, 'Models the evaluation compared, the popularity baseline included.');
  });
}
