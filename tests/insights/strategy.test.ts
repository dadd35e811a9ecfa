import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strategyItems, STRATEGY_IDS } from '../../build/insights/strategy.ts';
import { formatPlain } from '../../build/insights/format.ts';
import { buildFacts } from '../../build/insights/facts.ts';
import { chartShowing, REPORT_CHART_IDS } from '../../build/charts/index.ts';
import { strategyChart } from '../../build/narrative/render.ts';
import { directModel, smallDataset, smallFacts } from './handmade.ts';
import { pipelineFacts, simulated } from './pipeline.ts';

test('the default simulation yields all eight strategic recommendations, in their fixed order', () => {
  const facts = pipelineFacts(simulated(42));
  const items = strategyItems(facts);
  // seed 42 has sessions, plans, regions and an evaluation, so every draft applies
  assert.equal(
    items.map((i) => i.id),
    ['acquisition-gap', 'device-merchandising', 'plan-upsell', 'underserved-segment', 'recommender-coverage', 'cold-start', 'personalisation-lift', 'best-rated-genre'],
  );
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  for (const item of items) {
    // the cited figure is the fact's value, formatted as the body prints it
    assert.ok(facts.has(item.figureFact), item.figureFact);
    assert.ok(item.body.includes(item.figure), `${item.id}: "${item.figure}" not in "${item.body}"`);
    assert.ok(STRATEGY_IDS.includes(item.id));
    assert.ok(REPORT_CHART_IDS.includes(strategyChart(item) ?? ''), `${item.id}: links to no report chart`);
  }
});

test('each item links to the registry chart that shows its figure (else its own chart)', () => {
  const links = Object.fromEntries(strategyItems(pipelineFacts(simulated(42))).map((i) => [i.id, strategyChart(i)]));
  assert.equal(links, {
    'acquisition-gap': 'genre-popularity',
    'device-merchandising': 'device-engagement',
    'plan-upsell': 'device-engagement',
    'underserved-segment': 'user-genre-sankey', // no chart shows the figure: the item's own link (issue #11)
    'recommender-coverage': 'model-comparison',
    'cold-start': 'model-comparison', // the same
    'personalisation-lift': 'model-comparison',
    'best-rated-genre': 'ratings-by-genre',
  });
  for (const item of strategyItems(pipelineFacts(simulated(42)))) {
    assert.is(item.chart === undefined, chartShowing(item.figureFact) !== undefined, `${item.id}: a hand-typed link only where no chart shows ${item.figureFact}`);
  }
});

test('figures in strategy items equal the facts they cite', () => {
  const facts = smallFacts();
  const items = new Map(strategyItems(facts).map((i) => [i.id, i]));
  const gap = items.get('acquisition-gap')!;
  assert.is(gap.figure, '10 percentage points');
  assert.is(gap.headline, 'Acquire more Crime titles');
  assert.match(gap.body, 'Crime takes 60% of viewing sessions but only 50% of the catalogue');
  assert.is(items.get('device-merchandising')!.figure, formatPlain(facts.get('top_device_share'), null));
  assert.match(items.get('device-merchandising')!.body, 'The exception: 75% of Basic subscribers\' sessions are on Mobile');
  assert.match(items.get('plan-upsell')!.body, 'Basic subscribers watch 4.0 sessions each against 3.0 on Premium (a ratio of 1.33)');
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

test.run();
