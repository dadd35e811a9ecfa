import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strategyItems, STRATEGY_IDS } from '../../build/insights/strategy.ts';
import { formatPlain } from '../../build/insights/format.ts';
import { buildFacts } from '../../build/insights/facts.ts';
import { FactCatalogue } from '../../build/insights/catalogue.ts';
import { chartShowing, REPORT_CHART_IDS } from '../../build/charts/index.ts';
import { strategyChart, strategyHtml } from '../../build/narrative/render.ts';
import { directModel, smallDataset, smallFacts } from './handmade.ts';
import { pipelineFacts, simulated } from './pipeline.ts';

test('the default simulation yields the items whose triggers hold, in their fixed order', () => {
  const facts = pipelineFacts(simulated(42));
  const items = strategyItems(facts);
  // seed 42 has every fact the drafts need; every user has history of their own (lists padded with
  // popular picks are no cold start: no cold-start item), and the lowest genre match trails the
  // overall one by under 10 points (no under-served item); its plans hold 2 to 5 users each, too
  // few for a plan comparison (no upsell item)
  assert.equal(items.map((i) => i.id), ['acquisition-gap', 'device-merchandising', 'recommender-coverage', 'personalisation-lift', 'best-rated-genre']);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  for (const item of items) {
    // the cited figure is the fact's value, formatted as the body prints it
    assert.ok(facts.has(item.figureFact), item.figureFact);
    assert.ok(item.body.includes(item.figure), `${item.id}: "${item.figure}" not in "${item.body}"`);
    assert.ok(STRATEGY_IDS.includes(item.id));
    const chart = strategyChart(item);
    if (chart !== undefined) assert.ok(REPORT_CHART_IDS.includes(chart), `${item.id}: links to no report chart`);
  }
});

test('each item links to the registry chart that shows its figure (else its own chart)', () => {
  const links = Object.fromEntries(strategyItems(pipelineFacts(simulated(42))).map((i) => [i.id, strategyChart(i)]));
  assert.equal(links, {
    'acquisition-gap': 'genre-demand',
    'device-merchandising': 'plan-devices',
    'recommender-coverage': undefined,
    'personalisation-lift': 'model-comparison',
    'best-rated-genre': 'ratings-by-genre',
  });
  for (const item of strategyItems(pipelineFacts(simulated(42)))) {
    // a hand-typed link only where no chart shows the figure (cold-start's count: no chart, no link)
    if (item.chart !== undefined) assert.is(chartShowing(item.figureFact), undefined, `${item.id}: a hand-typed link only where no chart shows ${item.figureFact}`);
  }
});

test('a trigger that does not hold leaves its item out: a tie, a zero, a small gap', () => {
  // seed 7: Mobile and TV both carry 33% of sessions, a tie, so no device is merchandised "first"
  const seven = pipelineFacts(simulated(7));
  assert.is(seven.get('device.Mobile.share').value, seven.get('device.TV.share').value);
  const ids = strategyItems(seven).map((i) => i.id);
  assert.not.ok(ids.includes('device-merchandising'));
  // the cold-start item fires on a real count of cold users, not on lists padded with popular picks
  assert.ok((seven.get('fallback_users').value as number) > 0);
  assert.is(seven.get('cold_start_users').value, 0);
  assert.not.ok(ids.includes('cold-start'));
  // the under-served segment is named only when it trails the overall match by 10 points or more
  const gap = (seven.get('recs.genre_match').value as number) - (seven.get('underserved_segment_genre_match').value as number);
  assert.is(ids.includes('underserved-segment'), gap >= 0.1 - 1e-9);
  for (const item of strategyItems(seven)) assert.not.match(item.body, /Only 100%|\b0 of \d/);
});

test('a lift measured on few held-out ratings is not called', () => {
  const facts = pipelineFacts(simulated(42));
  const lift = strategyItems(facts).find((i) => i.id === 'personalisation-lift')!;
  assert.ok((facts.get('eval.test_items').value as number) < 100);
  assert.match(lift.body, /too few to trust even that interval: run an A\/B test/);
  assert.is(lift.headline, 'Test personalised rows against charts before reordering');
});

test('figures in strategy items equal the facts they cite', () => {
  const facts = smallFacts();
  const items = new Map(strategyItems(facts).map((i) => [i.id, i]));
  const gap = items.get('acquisition-gap')!;
  assert.is(gap.figure, '10 percentage points');
  // 10 sessions: Crime's 10-point gap and Drama's 5 are inside the sampling margin (1/√10), so both are named
  assert.is(gap.headline, 'Acquire more Crime and Drama titles');
  assert.match(gap.body, "a gap of 10 percentage points against Drama's 5 percentage points. On 10 sessions a lead that small is within the noise");
  assert.match(gap.body, 'Crime takes 60% of viewing sessions but only 50% of the catalogue');
  assert.is(items.get('device-merchandising')!.figure, formatPlain(facts.get('top_device_share'), null));
  assert.match(items.get('device-merchandising')!.body, 'The exception: 75% of Basic subscribers\' sessions are on Mobile');
  const upsell = strategyItems(withValues(facts, { upsell_plan_users: 30, top_tier_users: 30 })).find((i) => i.id === 'plan-upsell')!;
  assert.match(upsell.body, 'Basic subscribers watch 4 sessions each against 3 on Premium (a ratio of 1.33)');
  assert.is(items.get('underserved-segment')!.headline, 'Tune personalisation for Basic');
  assert.is(items.get('cold-start')!.figure, '1');
  assert.is(items.get('recommender-coverage')!.figure, '75%');
});

test('items the data cannot support are left out, not invented', () => {
  const ds = smallDataset({ sessions: null, users: [{ id: 'u1', plan: null, region: null }, { id: 'u2', plan: null, region: null }, { id: 'u3', plan: null, region: null }] });
  const facts = buildFacts({ dataset: ds, model: directModel(ds), recommendations: new Map(), evaluation: null });
  const ids = strategyItems(facts).map((i) => i.id);
  for (const missing of ['acquisition-gap', 'device-merchandising', 'plan-upsell', 'underserved-segment', 'personalisation-lift']) assert.not.ok(ids.includes(missing), missing);
  assert.ok(ids.includes('recommender-coverage'));
});

/** The same catalogue with some facts' values replaced: a case the seeded data does not reach. */
function withValues(facts: FactCatalogue, values: Record<string, number>): FactCatalogue {
  const next = new Map(facts.facts);
  for (const [name, value] of Object.entries(values)) next.set(name, { ...facts.get(name), value });
  return new FactCatalogue(next, facts.absent, facts.capabilities);
}

test('cold start: only on users with too little history; "All N users have", "The only user has", "K of N users have"', () => {
  const base = smallFacts();
  const body = (values: Record<string, number>) => strategyItems(withValues(base, values)).find((i) => i.id === 'cold-start')?.body;
  assert.match(body({ cold_start_users: 10, fallback_users: 10, user_count: 10 })!, /^All 10 users have too little history/);
  assert.match(body({ cold_start_users: 1, fallback_users: 1, user_count: 1 })!, /^The only user has too little history/);
  assert.match(body({ cold_start_users: 7, fallback_users: 7, user_count: 10 })!, /^7 of 10 users have too little history/);
  assert.match(body({ cold_start_users: 1, fallback_users: 4, user_count: 10 })!, /^1 of 10 users has too little history/);
  // every user has history, even if their lists end in popular picks: no onboarding advice
  assert.is(body({ cold_start_users: 0, fallback_users: 10, user_count: 10 }), undefined, 'no item on padded lists');
  assert.is(body({ cold_start_users: 0, fallback_users: 0, user_count: 10 }), undefined, 'no item on a zero');
});

test('plan upsell: only on plans of 30 or more subscribers each, and a lower plan watching at least 10% more than the top tier', () => {
  const base = smallFacts();
  const upsell = (values: Record<string, number>) => strategyItems(withValues(base, values)).find((i) => i.id === 'plan-upsell');
  assert.ok(upsell({ upsell_plan_users: 30, top_tier_users: 30, upsell_ratio: 1.33 }));
  assert.is(upsell({ upsell_plan_users: 29, top_tier_users: 300, upsell_ratio: 1.33 }), undefined, 'too few on the lower plan');
  assert.is(upsell({ upsell_plan_users: 300, top_tier_users: 2, upsell_ratio: 1.33 }), undefined, 'too few on the top tier');
  // 10.1 sessions against 10.0 (1,000 simulated users): the page calls engagement the same on every plan
  assert.is(upsell({ upsell_plan_users: 333, top_tier_users: 333, upsell_ratio: 1.01 }), undefined, 'a 1% difference is no upsell signal');
  assert.is(upsell({ upsell_plan_users: 300, top_tier_users: 300, upsell_ratio: 0.95 }), undefined, 'watching less than the top tier is no upsell signal');
  assert.match(upsell({ upsell_plan_users: 300, top_tier_users: 300, upsell_ratio: 1.2 })!.body, /already watch more than top-tier subscribers/);
});

test('coverage: "a title outside the usual genres" only when lists are mostly inside them', () => {
  const base = smallFacts();
  const body = (values: Record<string, number>) => strategyItems(withValues(base, values)).find((i) => i.id === 'recommender-coverage')!.body;
  assert.match(body({ 'recs.genre_match': 0.8 }), "outside the user's usual genres");
  // seed 42: only 25% of recommendations share a genre with the user's top genres
  const low = body({ 'recs.genre_match': 0.25 });
  assert.not.match(low, 'outside the user');
  assert.match(low, "already reach beyond the users' usual genres (only 25% of recommendations share one)");
});

test('best-rated genre: few ratings and a niche are said, and no subscription advice without plans', () => {
  const base = smallFacts();
  const body = (values: Record<string, number>, facts = base) => strategyItems(withValues(facts, values)).find((i) => i.id === 'best-rated-genre')?.body;
  assert.match(body({ best_rated_genre_ratings: 17 })!, 'though on only 17 ratings: test the lead before building on it');
  // the Netflix catalogue: Movies 4.13 against Spanish-Language TV Shows 4.12
  assert.match(body({ best_rated_genre_lead: 0.01 })!, /, barely ahead of \w+ \(\d\.\d\d\)/);
  assert.not.match(body({ best_rated_genre_lead: 0.3 })!, 'barely ahead');
  assert.not.match(body({ best_rated_genre_ratings: 500, best_rated_genre_rating_share: 0.3 })!, 'only');
  // MovieLens: Film-Noir, 0.4% of ratings across 133 titles of 19 genres
  const niche = body({ best_rated_genre_ratings: 1000, best_rated_genre_rating_share: 0.004, best_rated_genre_titles: 133, genre_count: 19 })!;
  assert.match(niche, 'is a niche, 0.4% of ratings across 133 titles');
  assert.not.match(niche, 'win-back');
  // no plans (MovieLens): no trial or win-back campaigns to speak of
  const noPlans = new FactCatalogue(new Map(base.facts), base.absent, new Set([...base.capabilities].filter((c) => c !== 'plans')));
  const plain = body({ best_rated_genre_ratings: 500, best_rated_genre_rating_share: 0.3 }, noPlans)!;
  assert.not.match(plain, /win-back|trial/);
  assert.match(plain, "Lead new users' first recommendations with them");
});

test('only the figure an item rests on is bold; negative figures use a true minus', () => {
  const facts = pipelineFacts(simulated(42));
  const lift = strategyItems(facts).find((i) => i.id === 'personalisation-lift')!;
  const markup = strategyHtml(lift, facts).value;
  assert.equal([...markup.matchAll(/<strong class="figure" data-fact="([^"]+)"/g)].map((m) => m[1]), ['eval.lift.ndcg']);
  // NDCG@5, the 95% level and the interval ends are still tagged, but not bold
  assert.match(markup, /<span class="fact" data-fact="eval.k"/);
  assert.match(lift.body, /interval over users: \u2212\d+% to/);
  assert.not.match(lift.body, / -\d/);
});

test.run();
