// Strategic recommendations generated from facts. Each item is written as parts — text and
// fact references — so its figures are always the catalogue's values, formatted the same way
// wherever they appear (the site's #strategy section, `npm run facts`, the per-item directive).
// An item whose facts the data lacks (no sessions, no plans) is simply not generated, and neither
// is one whose trigger does not hold: each draft's `when` states its threshold (a real gap, a real
// count, a winner that is not a tie, a sample large enough), and `{{ strategy id }}` then renders
// nothing. The
// editor places items by id (`{{ strategy acquisition-gap }}`) or writes their own wording
// with bound figures, so rewording, reordering and dropping need no code.
import type { FactCatalogue } from './catalogue.ts';
import { formatPlain, parseFormat, type FormatSpec } from './format.ts';
import { EVAL_MIN_TEST_ITEMS } from './recommenderFacts.ts';
import { RATED_GENRE_FEW_RATINGS } from './genreFacts.ts';
import { DEVICES } from '../types.ts';
import { listText } from '../util/numbers.ts';

/** Acquisition gap: a genre's viewing share must exceed its catalogue share by at least this (5 points). */
export const MIN_ACQUISITION_GAP = 0.05;
/** The oversupplied genre is named only when stocked at least this far above its viewing share. */
export const MIN_OVERSUPPLY_GAP = 0.05;
/** Device merchandising: the top device must lead the runner-up by this much; less is a tie, not a winner. */
export const MIN_DEVICE_LEAD = 0.05;
/** Under-served segment: its genre match must trail the overall match by at least this (10 points). */
export const MIN_UNDERSERVED_GAP = 0.1;
/**
 * Plan upsell: the busiest lower plan must watch at least 10% more sessions per subscriber than
 * the top tier (the engagement section calls plans within 10% of each other "about the same", and
 * an upsell cannot rest on a difference the page calls none), with both plans holding at least
 * MIN_PLAN_SUBSCRIBERS subscribers, so a ratio is not the noise of a handful of users.
 */
export const MIN_UPSELL_RATIO = 1.1;
export const MIN_PLAN_SUBSCRIBERS = 30;
/** Coverage: "a title outside the usual genres" is advised only when at least this share of recommendations is inside them. */
export const MIN_WIDEN_GENRE_MATCH = 0.5;
/** Best-rated genre: its mean must beat the overall mean by at least this many rating points. */
export const MIN_GENRE_RATING_LEAD = 0.1;

export type StrategyPart = string | { fact: string; format?: string };

export interface StrategyItem {
  /** Stable id: the directive argument and the anchor `#strategy-<id>`. */
  id: string;
  headline: string;
  /** Plain text (not escaped; the renderers escape). */
  body: string;
  /** The fact whose figure the recommendation rests on. */
  figureFact: string;
  /** That figure, formatted as in the body. */
  figure: string;
  /**
   * Only where no chart shows the figure: the chart the item links to instead. Otherwise the
   * narrative links to the chart registry's chart that shows `figureFact` (build/charts/index.ts).
   */
  chart?: string;
  headlineParts: StrategyPart[];
  bodyParts: StrategyPart[];
}

interface Draft {
  id: string;
  needs: string[];
  /** The trigger: the item is generated only when it holds (its threshold is a named constant above). */
  when?: (f: FactCatalogue) => boolean;
  /** See StrategyItem.chart: set only where no chart shows the figure. */
  chart?: string;
  figure: string;
  headline: StrategyPart[] | ((f: FactCatalogue) => StrategyPart[]);
  body: (f: FactCatalogue) => StrategyPart[];
}

const f = (fact: string, format?: string): StrategyPart => ({ fact, format });
const num = (facts: FactCatalogue, name: string): number => facts.get(name).value as number;

/** What the evaluation held out, as prose names it (recommenderFacts.ts `eval.held_out`). */
const heldOut = (facts: FactCatalogue): string => facts.get('eval.held_out').value as string;

/** The lift's verdict (recommenderFacts.ts): 'better', 'worse' or 'unclear'. */
const verdictOf = (facts: FactCatalogue): string => facts.get('eval.lift.verdict').value as string;

/** How far the top device's share leads the runner-up's, over the device shares under `prefix` ("" or "plan.basic."). */
function deviceLead(facts: FactCatalogue, prefix: string): number {
  const shares = DEVICES.map((d) => `${prefix}device.${d}.share`).filter((n) => facts.has(n)).map((n) => num(facts, n)).sort((a, b) => b - a);
  return shares.length < 2 ? (shares.length ? shares[0] : 0) : shares[0] - shares[1];
}

/** The genres that tie with the acquisition-gap genre, as text ("Sci-Fi", "Sci-Fi and Drama"). */
function others(facts: FactCatalogue): StrategyPart[] {
  const all = facts.get('acquisition_gap_genres').value as string[];
  const rest = all.filter((g) => g !== facts.get('acquisition_gap_genre').value);
  return [listText(rest)];
}

/**
 * The genres the acquisition item advises: every genre tied for the widest gap as printed, or the
 * widest and the runner-up when the lead is inside the sampling margin (viewing_share_margin).
 */
function gapLeaders(facts: FactCatalogue): string[] {
  if (num(facts, 'acquisition_gap_ties') > 1) return facts.get('acquisition_gap_genres').value as string[];
  const top = facts.get('acquisition_gap_genre').value as string;
  const near =
    facts.has('acquisition_gap_runner_up') &&
    num(facts, 'acquisition_gap_runner_up_gap') >= MIN_ACQUISITION_GAP &&
    num(facts, 'acquisition_gap') - num(facts, 'acquisition_gap_runner_up_gap') < num(facts, 'viewing_share_margin');
  return near ? [top, facts.get('acquisition_gap_runner_up').value as string] : [top];
}

/** A genre with under half an even share of the ratings (1 / genres / 2) is a niche. */
function isNiche(facts: FactCatalogue): boolean {
  return num(facts, 'best_rated_genre_rating_share') < 1 / num(facts, 'genre_count') / 2;
}

/** Every item the generator knows, in the default reading order. */
const DRAFTS: Draft[] = [
  {
    id: 'acquisition-gap',
    needs: ['acquisition_gap_genre', 'acquisition_gap', 'acquisition_gap_viewing_share', 'acquisition_gap_catalog_share', 'oversupplied_genre', 'oversupplied_gap', 'acquisition_gap_ties', 'viewing_share_margin', 'session_count'],
    when: (facts) => num(facts, 'acquisition_gap') >= MIN_ACQUISITION_GAP,
    figure: 'acquisition_gap',
    headline: (facts) => ['Acquire more ', listText(gapLeaders(facts)), ' titles'],
    body: (facts) => [
      f('acquisition_gap_genre'), ' takes ', f('acquisition_gap_viewing_share'), ' of viewing sessions but only ', f('acquisition_gap_catalog_share'),
      ' of the catalogue: a gap of ', f('acquisition_gap', 'points'),
      // "the widest" only when it is: a tie names the others, and a lead inside the sampling margin says so
      ...(num(facts, 'acquisition_gap_ties') > 1
        ? [', shared with ', ...others(facts), '. Put them first in acquisition and commissioning.']
        : gapLeaders(facts).length > 1
          ? [' against ', f('acquisition_gap_runner_up'), '\'s ', f('acquisition_gap_runner_up_gap', 'points'), '. On ', f('session_count'), ' sessions a lead that small is within the noise, so put both first in acquisition and commissioning.']
          : [', the widest of any genre. Put it first in acquisition and commissioning.']),
      ...(num(facts, 'oversupplied_gap') >= MIN_OVERSUPPLY_GAP
        ? [' ', f('oversupplied_genre'), ' is the opposite case, stocked ', f('oversupplied_gap', 'points'), ' above its viewing share, so review its licences first.']
        : []),
    ],
  },
  {
    id: 'device-merchandising',
    needs: ['top_device', 'top_device_share', 'session_count'],
    when: (facts) => deviceLead(facts, '') >= MIN_DEVICE_LEAD,
    figure: 'top_device_share',
    headline: ['Merchandise for ', f('top_device'), ' first'],
    body: (facts) => {
      const parts: StrategyPart[] = [f('top_device_share'), ' of all ', f('session_count'), ' viewing sessions start on ', f('top_device'), ': artwork, trailers and row layouts should be designed and tested there first.'];
      const top = facts.get('top_device').value;
      // the first plan (by name) whose subscribers favour another device deserves its own layout
      const differing = facts
        .list()
        .find((x) => /^plan\.[^.]+\.top_device$/.test(x.name) && x.value !== top && deviceLead(facts, x.name.replace(/top_device$/, '')) >= MIN_DEVICE_LEAD);
      if (differing) {
        const k = differing.name.replace(/\.top_device$/, '');
        parts.push(' The exception: ', f(`${k}.top_device_share`), ' of ', f(`${k}.name`), ' subscribers\' sessions are on ', f(`${k}.top_device`), ', so their home screen should be merchandised for that device.');
      }
      return parts;
    },
  },
  {
    id: 'plan-upsell',
    needs: ['upsell_plan', 'upsell_plan_sessions_per_user', 'top_tier_plan', 'top_tier_sessions_per_user', 'upsell_ratio', 'upsell_plan_users', 'top_tier_users'],
    when: (facts) =>
      num(facts, 'upsell_ratio') >= MIN_UPSELL_RATIO && num(facts, 'upsell_plan_users') >= MIN_PLAN_SUBSCRIBERS && num(facts, 'top_tier_users') >= MIN_PLAN_SUBSCRIBERS,
    figure: 'upsell_ratio',
    headline: ['Offer ', f('upsell_plan'), ' subscribers an upgrade to ', f('top_tier_plan')],
    body: () => [
      f('upsell_plan'), ' subscribers watch ', f('upsell_plan_sessions_per_user', 'number:1'), ' sessions each against ', f('top_tier_sessions_per_user', 'number:1'),
      ' on ', f('top_tier_plan'), ' (a ratio of ', f('upsell_ratio', 'number:2'), '). ',
      'They already watch more than top-tier subscribers: an upgrade prompt after a binge session is the natural upsell moment.',
    ],
  },
  {
    id: 'underserved-segment',
    needs: ['underserved_segment_name', 'underserved_segment_kind', 'underserved_segment_genre_match', 'recs.genre_match', 'underserved_segment_ties'],
    // No chart shows this figure (the Sankey shows affinities, not recommendations): no chart link.
    // a segment is singled out only when no other plan or region matches as low
    when: (facts) => num(facts, 'recs.genre_match') - num(facts, 'underserved_segment_genre_match') >= MIN_UNDERSERVED_GAP && num(facts, 'underserved_segment_ties') === 1,
    figure: 'underserved_segment_genre_match',
    headline: ['Tune personalisation for ', f('underserved_segment_name')],
    body: () => [
      'Only ', f('underserved_segment_genre_match'), ' of the recommendations shown to users in ', f('underserved_segment_name'), ' (', f('underserved_segment_kind'),
      ') match their favourite genres, against ', f('recs.genre_match'), ' across all users. Review the catalogue available to this segment and give its users a genre picker at sign-up.',
    ],
  },
  {
    id: 'recommender-coverage',
    needs: ['recs.coverage', 'recs.unrecommended_titles', 'title_count'],
    figure: 'recs.coverage',
    headline: (facts) => [num(facts, 'recs.unrecommended_titles') > 0 ? 'Widen what the recommender surfaces' : 'Keep the whole catalogue in play'],
    body: (facts) =>
      num(facts, 'recs.unrecommended_titles') > 0
        ? [
            'The published recommendations reach ', f('recs.coverage'), ' of the catalogue; ', f('recs.unrecommended_titles'), ' of ', f('title_count'),
            num(facts, 'recs.unrecommended_titles') === 1 ? ' titles is recommended to no one.' : ' titles are recommended to no one.',
            // a title outside the usual genres widens lists only where they are mostly inside them
            ...(facts.has('recs.genre_match') && num(facts, 'recs.genre_match') < MIN_WIDEN_GENRE_MATCH
              ? [' The lists already reach beyond the users\' usual genres (only ', f('recs.genre_match'), ' of recommendations share one), so widen by depth, not genre: reserve one slot per list for a well-rated title that is seldom recommended, so the long tail earns its licence.']
              : [' Reserve one slot per list for a well-rated title outside the user\'s usual genres so the long tail earns its licence.']),
          ]
        : [
            'The published recommendations reach ', f('recs.coverage'), ' of the ', f('title_count'),
            ' titles: every title is recommended to someone. Track this figure as the catalogue grows; popularity-heavy models shrink it first, and titles nobody is shown cannot earn their licence.',
          ],
  },
  {
    id: 'cold-start',
    needs: ['cold_start_users', 'fallback_users', 'user_count'],
    // No chart shows this figure: no chart link. A real count of cold users only: lists padded
    // with popular picks are not cold start, and onboarding advice for users who all have history is noise.
    when: (facts) => num(facts, 'cold_start_users') > 0,
    figure: 'cold_start_users',
    headline: ['Close the cold-start gap'],
    body: (facts) => [
      ...(num(facts, 'cold_start_users') === num(facts, 'user_count')
        ? num(facts, 'user_count') === 1
          ? ['The only user has']
          : ['All ', f('user_count'), ' users have'] // "Of 10 users, 10 have" reads as a slip
        : [f('cold_start_users'), ' of ', f('user_count'), num(facts, 'cold_start_users') === 1 ? ' users has' : ' users have']),
      ' too little history for personalised recommendations and get only the popularity fallback. ',
      'Ask new subscribers to rate three titles during onboarding so collaborative filtering can take over sooner.',
    ],
  },
  {
    id: 'personalisation-lift',
    needs: ['eval.lift.ndcg', 'eval.default.ndcg', 'eval.popularity.ndcg', 'eval.k', 'eval.test_items', 'eval.lift.verdict', 'eval.held_out'],
    figure: 'eval.lift.ndcg',
    headline: (facts) => [
      verdictOf(facts) === 'better' ? 'Keep personalised rows ahead of charts' : verdictOf(facts) === 'worse' ? 'Earn the top row before personalising it' : 'Test personalised rows against charts before reordering',
    ],
    body: (facts) => [
      'On ', heldOut(facts), ' the personalised recommender scores an NDCG@', f('eval.k'), ' of ', f('eval.default.ndcg', 'number:3'), ' against ', f('eval.popularity.ndcg', 'number:3'),
      ' for simply showing the most popular titles: a lift of ', f('eval.lift.ndcg'),
      ...(facts.has('eval.lift.ndcg_low') ? [' (', f('eval.lift.interval_level'), ' interval over users: ', f('eval.lift.ndcg_low'), ' to ', f('eval.lift.ndcg_high'), ')'] : []),
      '. ',
      // a lift measured on fewer held-out ratings than EVAL_MIN_TEST_ITEMS, or whose interval
      // spans no difference, is not called
      ...(num(facts, 'eval.test_items') < EVAL_MIN_TEST_ITEMS
        ? ['But it rests on only ', f('eval.test_items'), ' ', heldOut(facts), ', too few to trust', ...(facts.has('eval.lift.ndcg_low') ? [' even that interval'] : []), ': run an A/B test of the home screen before moving popularity out of the top row.']
        : verdictOf(facts) === 'unclear'
          ? ['The interval runs from a loss to a gain, so this sample cannot call it: run an A/B test of the home screen before moving popularity out of the top row.']
          : [
              verdictOf(facts) === 'better'
                ? 'Personalised rows should keep the top of the home screen; popularity belongs in a single "trending" row.'
                : 'Personalisation does not yet beat popularity here: keep a popularity row on top until the recommender has more history to learn from.',
            ]),
    ],
  },
  {
    id: 'best-rated-genre',
    needs: ['best_rated_genre', 'best_rated_genre_mean', 'rating_mean', 'rating_scale_max', 'best_rated_genre_ratings', 'best_rated_genre_rating_share', 'best_rated_genre_titles', 'genre_count'],
    when: (facts) => num(facts, 'best_rated_genre_mean') - num(facts, 'rating_mean') >= MIN_GENRE_RATING_LEAD,
    figure: 'best_rated_genre_mean',
    headline: ['Feature ', f('best_rated_genre'), ' where satisfaction counts'],
    body: (facts) => [
      f('best_rated_genre'), ' titles average ', f('best_rated_genre_mean', 'rating:2'), ' out of ', f('rating_scale_max'), ' against ', f('rating_mean', 'rating:2'), ' for all ratings',
      // a runner-up within a tenth of a point is named: the lead is over the audience, not over it
      ...(facts.has('best_rated_genre_lead') && num(facts, 'best_rated_genre_lead') < MIN_GENRE_RATING_LEAD
        ? [', barely ahead of ', f('best_rated_genre_runner_up'), ' (', f('best_rated_genre_runner_up_mean', 'rating:2'), ')']
        : []),
      ...(num(facts, 'best_rated_genre_ratings') < RATED_GENRE_FEW_RATINGS ? [', though on only ', f('best_rated_genre_ratings'), ' ratings: test the lead before building on it'] : []),
      '. ',
      // a niche's high mean says its own fans like it, not that everyone would: advise it as a niche
      ...(isNiche(facts)
        ? [f('best_rated_genre'), ' is a niche, ', f('best_rated_genre_rating_share', 'percent:1'), ' of ratings across ', f('best_rated_genre_titles'), ' titles, so offer it to users who already rate it rather than as everyone\'s first title.']
        : facts.capabilities.has('plans')
          ? ['Use them in win-back and trial campaigns, where a satisfying first title matters most.']
          : ['Lead new users\' first recommendations with them, where a satisfying first title matters most.']),
    ],
  },
];

function partText(facts: FactCatalogue, p: StrategyPart): string {
  if (typeof p === 'string') return p;
  const spec: FormatSpec | null = parseFormat(p.format);
  return formatPlain(facts.get(p.fact), spec);
}

export function partsText(facts: FactCatalogue, parts: StrategyPart[]): string {
  return parts.map((p) => partText(facts, p)).join('');
}

/** The strategic recommendations this data supports, in the default order. */
export function strategyItems(facts: FactCatalogue): StrategyItem[] {
  const items: StrategyItem[] = [];
  for (const d of DRAFTS) {
    if (!d.needs.every((n) => facts.has(n))) continue;
    if (d.when && !d.when(facts)) continue;
    const bodyParts = d.body(facts);
    const headlineParts = typeof d.headline === 'function' ? d.headline(facts) : d.headline;
    const figurePart = bodyParts.find((p) => typeof p !== 'string' && p.fact === d.figure) as { fact: string; format?: string } | undefined;
    items.push({
      id: d.id,
      headline: partsText(facts, headlineParts),
      body: partsText(facts, bodyParts),
      figureFact: d.figure,
      figure: formatPlain(facts.get(d.figure), parseFormat(figurePart?.format)),
      ...(d.chart ? { chart: d.chart } : {}),
      headlineParts,
      bodyParts,
    });
  }
  return items;
}

/** Every id the generator knows (present or not for this data), for suggestions and docs. */
export const STRATEGY_IDS: readonly string[] = DRAFTS.map((d) => d.id);

/** Why an item is not generated for this data: the first fact it needs that is missing. */
export function missingFor(facts: FactCatalogue, id: string): string | null {
  const d = DRAFTS.find((x) => x.id === id);
  if (!d) return null;
  for (const n of d.needs) {
    if (!facts.has(n)) {
      const absent = facts.absent.get(n);
      return absent ? `fact "${n}" is not available: ${absent.reason}` : `fact "${n}" is missing`;
    }
  }
  return null;
}
