// Facts about viewing sessions: what people watch (genre shares of viewing against the
// catalogue), on which device, and how engagement differs by plan. MovieLens has no sessions:
// the whole family is then declared absent with that reason.
import { DEVICES } from '../types.ts';
import { Plays } from '../util/plays.ts';
import type { FactBuilder } from './catalogue.ts';
import type { FactContext } from './facts.ts';
import { compareNames, keySegments } from './factKeys.ts';
import { compareIds } from '../recommend/engine.ts';
import { addTo, argMax, argMin, distinctSorted, genreWeights, rankKeys, ratio, tiedLeaders, wholePercent } from './tally.ts';
import { formatPercent, listText, minOf, printedGap } from '../util/numbers.ts';

/** Plan names the simulation and the case study use, cheapest first: the upsell ladder. */
export const PLAN_LADDER = ['Basic', 'Standard', 'Premium'] as const;

const NO_SESSIONS = 'the data has no viewing sessions (MovieLens has ratings only)';
const NO_PLANS = 'the users have no subscription plan in this data';

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function viewingFacts(b: FactBuilder, c: FactContext): void {
  const sessions: Plays = c.dataset.sessions ?? Plays.empty;
  if (c.dataset.sessions) b.capability('sessions');
  b.lacking(c.dataset.sessions ? null : NO_SESSIONS, () => {
    genreViewing(b, c, sessions);
    devices(b, sessions);
    planEngagement(b, c, sessions);
  });
}

function genreViewing(b: FactBuilder, c: FactContext, sessions: Plays): void {
  const n = sessions.length;
  b.add('session_count', 'count', n, 'Viewing sessions in the data.');
  b.add('sessions_per_user', 'number', ratio(n, c.dataset.users.length), 'Average viewing sessions per user.');
  b.add('viewing_hours', 'number', sessions.totalMinutes() / 60, 'Total hours watched across all sessions.');
  const { first, last } = sessions.startRange();
  b.add('sessions_first_day', 'text', n ? day(first) : null, 'First day (UTC) with a viewing session.');
  b.add('sessions_last_day', 'text', n ? day(last) : null, 'Last day (UTC) with a viewing session.');

  // Per genre and per title, by position (ratingIndex) rather than a genre list and map
  // updates per session; each genre's weights are still added in session order.
  const ix = c.ratingIndex;
  const weights = new Float64Array(ix.genres.length);
  const watched = new Uint8Array(ix.genres.length);
  const sessionsOf = new Int32Array(ix.titleIds.length);
  const perTitle = new Map<string, number>(); // titles neither in the catalogue nor rated
  const positionOf = Int32Array.from(sessions.titleIds, (id) => ix.titlePos.get(id) ?? -1);
  for (let i = 0; i < n; i++) {
    const t = positionOf[sessions.title[i]];
    if (t < 0) {
      addTo(perTitle, sessions.titleId(i), 1);
      continue;
    }
    sessionsOf[t]++;
    const own = ix.titleGenres[t];
    for (let k = 0; k < own.length; k++) {
      weights[own[k]] += 1 / own.length;
      watched[own[k]] = 1;
    }
  }
  sessionsOf.forEach((n, t) => n > 0 && perTitle.set(ix.titleIds[t], n));
  const viewing = new Map<string, number>();
  ix.genres.forEach((g, k) => watched[k] === 1 && viewing.set(g, weights[k]));
  const catalog = new Map<string, number>();
  for (const t of c.dataset.titles) for (const [g, w] of genreWeights(t)) addTo(catalog, g, w);
  const viewShare = (g: string) => ratio(viewing.get(g) ?? 0, n);
  const catShare = (g: string) => ratio(catalog.get(g) ?? 0, c.dataset.titles.length);
  const gaps = new Map<string, number>();
  for (const g of c.genres) {
    const k = `genre.${c.genreKey.get(g)}`;
    b.add(`${k}.viewing_share`, 'share', viewShare(g), `Share of viewing sessions spent on ${g} (multi-genre titles split equally).`);
    b.add(`${k}.viewing_gap`, 'share', printedGap(viewShare(g), catShare(g)), `${g}'s viewing share minus its catalogue share, as whole percentages (positive: watched more than it is stocked).`);
    gaps.set(g, viewShare(g) - catShare(g));
  }

  const known = new Map([...viewing].filter(([g]) => c.genreKey.has(g)));
  const top = argMax(known);
  const topTied = tiedLeaders(known, wholePercent);
  b.add('top_genres', 'list', top ? topTied : null, 'Every genre that prints the most watched genre\'s viewing share: one, or all that tie.');
  b.add('top_genre_ties', 'count', top ? topTied.length : null, 'How many genres share the largest viewing share as printed (1: no tie).');
  b.add('top_genre', 'genre', top, 'The most watched genre: largest share of viewing sessions (ties: first by name).');
  b.add('top_genre_share', 'share', top ? viewShare(top) : null, 'Share of viewing sessions spent on the most watched genre.');
  b.add('genres_by_viewing', 'list', rankKeys(viewing).filter((g) => c.genreKey.has(g)).slice(0, 3), 'The three most watched genres, most watched first.');

  // ranked by the gap as printed (the figure the reader checks), then by the exact gap
  const shownGaps = new Map([...gaps.keys()].map((g) => [g, printedGap(viewShare(g), catShare(g))]));
  const byGap = [...gaps.keys()].sort((x, y) => shownGaps.get(y)! - shownGaps.get(x)! || gaps.get(y)! - gaps.get(x)! || compareNames(x, y));
  const gap = byGap.length ? byGap[0] : null;
  const gapTied = gap ? byGap.filter((g) => shownGaps.get(g) === shownGaps.get(gap)) : [];
  const second = byGap.length > 1 ? byGap[1] : null;
  b.add('acquisition_gap_genres', 'list', gap ? gapTied : null, 'Every genre whose viewing-over-catalogue gap prints as wide as the acquisition-gap genre\'s: one, or all that tie.');
  b.add('acquisition_gap_ties', 'count', gap ? gapTied.length : null, 'How many genres share the widest gap as printed (1: no tie).');
  b.add('acquisition_gap_runner_up', 'genre', second, 'The genre with the second widest viewing-over-catalogue gap.', 'the data has a single genre');
  b.add('acquisition_gap_runner_up_gap', 'share', second ? shownGaps.get(second) : null, 'The runner-up genre\'s gap, as printed (whole percentages), as a fraction.', 'the data has a single genre');
  // A share measured on n sessions moves by about 1/√n either way (a rough 95% margin), so a
  // lead over the runner-up smaller than that is not a finding on this many sessions.
  b.add('viewing_share_margin', 'share', n > 0 ? 1 / Math.sqrt(n) : null, 'A rough 95% margin of error of a viewing share on this many sessions (1/√sessions): gaps that differ by less cannot be told apart.');
  b.add('acquisition_gap_genre', 'genre', gap, 'The genre whose viewing share most exceeds its catalogue share: where more titles would meet demand.');
  b.add('acquisition_gap', 'share', gap ? printedGap(viewShare(gap), catShare(gap)) : null, 'How far the acquisition-gap genre\'s viewing share exceeds its catalogue share: the difference of the two as printed (whole percentages), as a fraction.');
  b.add('acquisition_gap_viewing_share', 'share', gap ? viewShare(gap) : null, 'Viewing share of the acquisition-gap genre.');
  b.add('acquisition_gap_catalog_share', 'share', gap ? catShare(gap) : null, 'Catalogue share of the acquisition-gap genre.');
  // the most oversupplied genre, ranked as the acquisition gap is: by the gap as printed, then exactly
  const over = byGap.length ? byGap[byGap.length - 1] : null;
  b.add('oversupplied_genre', 'genre', over, 'The genre whose catalogue share most exceeds its viewing share: stocked more than it is watched.');
  b.add('oversupplied_gap', 'share', over ? printedGap(catShare(over), viewShare(over)) : null, 'How far the oversupplied genre\'s catalogue share exceeds its viewing share, as whole percentages.');

  // ids order as numbers when both are whole numbers ("4" before "15"), as everywhere else
  const tiedTitles = tiedLeaders(perTitle, (v) => v, compareIds);
  const topTitle = tiedTitles.length ? tiedTitles[0] : null;
  const title = topTitle ? c.titleById.get(topTitle) : undefined;
  b.add('top_title', 'title', title?.name, 'The most watched title (most sessions; ties: first by id, and top_titles names them all).');
  b.add('top_title_sessions', 'count', topTitle ? perTitle.get(topTitle) : null, 'Viewing sessions of the most watched title.');
  b.add('top_titles', 'list', topTitle ? tiedTitles.map((id) => c.titleById.get(id)?.name ?? id) : null, 'Every title with as many sessions as the most watched one, by id: one title, or all that tie.');
  b.add('top_title_ties', 'count', topTitle ? tiedTitles.length : null, 'How many titles share the most viewing sessions (1: a single most watched title).');
  b.add('top_title_genre', 'genre', title?.genres[0], 'Primary genre of the most watched title.');
}

function devices(b: FactBuilder, sessions: Plays): void {
  const perDevice = new Int32Array(DEVICES.length);
  for (let i = 0; i < sessions.length; i++) perDevice[sessions.device[i]]++;
  const counts = new Map<string, number>(DEVICES.map((d, k) => [d, perDevice[k]]));
  for (const d of DEVICES) {
    b.add(`device.${d}.sessions`, 'count', counts.get(d), `Viewing sessions on ${d}.`);
    b.add(`device.${d}.share`, 'share', ratio(counts.get(d)!, sessions.length), `Share of viewing sessions on ${d}.`);
  }
  // ranked by count; a device that prints the same share as the leader ties with it, and the
  // prose then names every tied device instead of a winner picked by name
  const n = sessions.length;
  const tied = n ? tiedLeaders(counts, (v) => wholePercent(ratio(v, n))) : [];
  const ranked = rankKeys(counts);
  const top = n ? ranked[0] : null;
  b.add('top_device', 'text', top, 'The device with the most viewing sessions (on a tie, the first of top_devices: bind top_devices where a tie is possible).');
  b.add('top_device_share', 'share', top ? ratio(counts.get(top)!, n) : null, 'Share of viewing sessions on the top device.');
  b.add('top_devices', 'list', n ? tied : null, 'Every device that prints the top device\'s share: one device, or all that tie.');
  b.add(
    'top_device_lead',
    'share',
    n ? printedGap(ratio(counts.get(ranked[0])!, n), ratio(counts.get(ranked[1])!, n)) : null,
    'How far the top device\'s share leads the runner-up\'s, as printed (whole percentages): 0 is a tie, and the prose names both.',
  );
}

function planEngagement(b: FactBuilder, c: FactContext, sessions: Plays): void {
  const plans = distinctSorted(c.dataset.users.map((u) => u.plan));
  const keys = keySegments(plans);
  const planOf = new Map(c.dataset.users.map((u) => [u.id, u.plan]));
  b.lacking(plans.length ? null : NO_PLANS, () => {
    const perUser = new Map<string, number>();
    const subscribers = new Map<string, number>();
    // each plan's favourite device and its share, for the sentence that names any plans
    const favourite: Favourite[] = [];
    // every plan's sessions by device in one pass over the sessions, not one pass per plan
    // a plan position per dictionary user, then a plans × devices table of counts
    const planPos = new Map(plans.map((p, k) => [p, k]));
    const planOfUser = Int32Array.from(sessions.userIds, (id) => {
      const plan = planOf.get(id);
      return plan == null ? -1 : planPos.get(plan) ?? -1;
    });
    const table = new Int32Array(plans.length * DEVICES.length);
    for (let i = 0; i < sessions.length; i++) {
      const k = planOfUser[sessions.user[i]];
      if (k >= 0) table[k * DEVICES.length + sessions.device[i]]++;
    }
    plans.forEach((p, pk) => {
      const k = `plan.${keys.get(p)}`;
      const users = c.dataset.users.filter((u) => u.plan === p).length;
      subscribers.set(p, users);
      const counts = new Map<string, number>(DEVICES.map((d, dk) => [d, table[pk * DEVICES.length + dk]]));
      let own = 0;
      for (const v of counts.values()) own += v;
      for (const d of DEVICES) {
        b.add(`${k}.device.${d}.share`, 'share', ratio(counts.get(d)!, own), `Share of ${p} subscribers' sessions on ${d}.`, `${p} subscribers have no sessions`);
      }
      const top = own ? argMax(counts) : null;
      if (top) {
        // "mostly" would claim a majority: the leader often has a third of the sessions; a tie names every tied device
        const devices = tiedLeaders(counts, (v) => wholePercent(ratio(v, own)));
        const share = formatPercent(ratio(counts.get(top)!, own));
        favourite.push({ plan: p, devices, share });
      }
      b.add(`${k}.top_device`, 'text', top, `The device ${p} subscribers use most.`, `${p} subscribers have no sessions`);
      b.add(`${k}.top_device_share`, 'share', top ? ratio(counts.get(top)!, own) : null, `Share of ${p} subscribers' sessions on their top device.`, `${p} subscribers have no sessions`);
      b.add(`${k}.sessions_per_user`, 'number', ratio(own, users), `Average viewing sessions per ${p} subscriber.`);
      perUser.set(p, ratio(own, users));
    });
    // Any plan names (a service's own data has its own tiers): one sentence for narratives that
    // cannot name the plans in advance.
    b.add('plan_top_devices', 'text', favourite.length ? planDevicesSentence(favourite) : null, 'Each plan\'s most used device and its share of that plan\'s sessions, as one sentence.', 'no plan has viewing sessions');
    const most = argMax(perUser);
    const least = argMin(perUser);
    b.add('most_engaged_plan', 'text', most, 'The plan whose subscribers watch the most sessions each.');
    b.add('most_engaged_plan_sessions_per_user', 'number', most ? perUser.get(most) : null, 'Sessions per subscriber on the most engaged plan.');
    b.add('least_engaged_plan', 'text', least, 'The plan whose subscribers watch the fewest sessions each.');
    b.add('least_engaged_plan_sessions_per_user', 'number', least ? perUser.get(least) : null, 'Sessions per subscriber on the least engaged plan.');
    b.add(
      'smallest_plan_users',
      'count',
      plans.length ? minOf(subscribers.values()) : null,
      'Subscribers on the plan with the fewest: under 30, plans are too small to rank by engagement.',
    );
    b.add(
      'most_engaged_plan_lead',
      'share',
      most && least && perUser.get(least)! > 0 ? perUser.get(most)! / perUser.get(least)! - 1 : null,
      'How much more the most engaged plan watches per subscriber than the least engaged (0.1: 10% more); under 10% the narrative calls the plans about the same.',
    );
    upsell(b, plans, perUser, subscribers);
  });
}

interface Favourite {
  plan: string;
  /** The plan's most used device, or every device that ties for it. */
  devices: string[];
  /** Their share of the plan's sessions, as printed. */
  share: string;
}

/**
 * "Basic subscribers watch most on Mobile (62% of their sessions), Standard subscribers on Mobile
 * and TV (33% each) and Premium subscribers on TV (52%)." Plans on the known ladder go cheapest
 * first, others by name.
 */
export function planDevicesSentence(favourite: readonly Favourite[]): string {
  const rank = (p: string) => (PLAN_LADDER as readonly string[]).indexOf(p);
  const ordered = favourite.every((f) => rank(f.plan) >= 0) ? [...favourite].sort((a, b) => rank(a.plan) - rank(b.plan)) : [...favourite];
  const parts = ordered.map((f, i) => {
    const each = f.devices.length > 1 ? ' each' : '';
    const of = i === 0 ? ' of their sessions' : '';
    return `${f.plan} subscribers ${i === 0 ? 'watch most on ' : 'on '}${listText(f.devices)} (${f.share}${of}${each})`;
  });
  return `${listText(parts)}.`;
}

/** Upsell signal: the busiest viewers below the top tier, measured against the top tier. */
function upsell(b: FactBuilder, plans: string[], perUser: Map<string, number>, subscribers: Map<string, number>): void {
  const onLadder = plans.every((p) => (PLAN_LADDER as readonly string[]).includes(p)) && plans.length >= 2;
  const why = `plans are not the ${PLAN_LADDER.join(' / ')} ladder, so no tier order is known`;
  const ordered = onLadder ? PLAN_LADDER.filter((p) => plans.includes(p)) : [];
  const topTier = ordered.length ? ordered[ordered.length - 1] : null;
  const below = new Map(ordered.slice(0, -1).map((p) => [p, perUser.get(p)!]));
  const candidate = argMax(below);
  b.add('top_tier_plan', 'text', topTier, 'The most expensive plan present in the data.', why);
  b.add('top_tier_sessions_per_user', 'number', topTier ? perUser.get(topTier) : null, 'Sessions per subscriber on the top-tier plan.', why);
  b.add('upsell_plan', 'text', candidate, 'The lower-tier plan whose subscribers watch the most sessions each: the upsell audience.', why);
  b.add('upsell_plan_sessions_per_user', 'number', candidate ? perUser.get(candidate) : null, 'Sessions per subscriber on the upsell plan.', why);
  b.add('upsell_plan_users', 'count', candidate ? subscribers.get(candidate) : null, 'Subscribers on the upsell plan.', why);
  b.add('top_tier_users', 'count', topTier ? subscribers.get(topTier) : null, 'Subscribers on the top-tier plan.', why);
  b.add('upsell_ratio', 'number', candidate && topTier ? ratio(perUser.get(candidate)!, perUser.get(topTier)!) : null, 'Upsell plan sessions per subscriber divided by the top tier\'s (above 1: they already watch like top-tier subscribers).', why);
}
