import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactLookupError, FAMILY_SUFFIXES } from '../../build/insights/catalogue.ts';
import { keySegment, keySegments } from '../../build/insights/factKeys.ts';
import { directModel, smallDataset, smallFacts, smallRecommendations } from './handmade.ts';
import { buildFacts } from '../../build/insights/facts.ts';
import { withCharts } from '../../build/narrative/facts.ts';

const value = (name: string, facts = smallFacts()) => facts.get(name).value;
const close = (actual: unknown, expected: number, what: string) => assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

test('counts and catalogue versus viewing shares by genre', () => {
  const f = smallFacts();
  assert.is(value('title_count', f), 4);
  assert.is(value('user_count', f), 3);
  assert.is(value('rating_count', f), 8);
  assert.is(value('session_count', f), 10);
  close(value('genre.Crime.catalog_share', f), 0.5, 'Crime catalogue');
  close(value('genre.Crime.viewing_share', f), 0.6, 'Crime viewing');
  close(value('genre.Comedy.viewing_gap', f), -0.15, 'Comedy gap');
  assert.is(value('top_genre', f), 'Crime');
  close(value('top_genre_share', f), 0.6, 'top genre share');
  assert.is(value('top_catalog_genre', f), 'Crime');
  assert.is(value('acquisition_gap_genre', f), 'Crime');
  close(value('acquisition_gap', f), 0.1, 'gap');
  assert.is(value('oversupplied_genre', f), 'Comedy');
  assert.equal(value('genres_by_viewing', f), ['Crime', 'Drama', 'Comedy']);
});

test('ratings by genre: means, best-rated needs enough ratings', () => {
  const f = smallFacts();
  close(value('rating_mean', f), 3.75, 'mean');
  close(value('genre.Crime.rating_mean', f), 4, 'Crime mean');
  assert.is(value('best_rated_genre', f), 'Crime'); // Comedy has one rating only
  assert.is(value('worst_rated_genre', f), 'Drama');
  assert.is(value('most_rated_title', f), 'The Crown');
  // the chart column comes from the chart registry (build/narrative/facts.ts)
  assert.is(f.get('genre.Crime.catalog_share').chart, undefined);
  assert.is(withCharts(f).get('genre.Crime.catalog_share').chart, 'genre-popularity');
  assert.is(withCharts(f).get('most_rated_title').chart, undefined);
});

test('devices overall and by plan, engagement and the upsell signal', () => {
  const f = smallFacts();
  assert.is(value('top_device', f), 'TV');
  close(value('device.TV.share', f), 0.5, 'TV share');
  close(value('plan.Basic.device.Mobile.share', f), 0.75, 'Basic mobile');
  assert.is(value('plan.Premium.top_device', f), 'TV');
  assert.is(value('most_engaged_plan', f), 'Basic');
  assert.is(value('upsell_plan', f), 'Basic');
  assert.is(value('top_tier_plan', f), 'Premium');
  close(value('upsell_ratio', f), 4 / 3, 'upsell ratio');
});

test('recommender coverage, cold start and the under-served segment', () => {
  const f = smallFacts();
  close(value('recs.coverage', f), 0.75, 'coverage');
  assert.is(value('cold_start_users', f), 1);
  close(value('recs.genre_match', f), 0.5, 'genre match');
  close(value('plan.Premium.genre_match', f), 2 / 3, 'Premium match');
  close(value('region.India.genre_match', f), 1 / 3, 'India match');
  assert.is(value('underserved_segment_name', f), 'Basic');
  assert.is(value('underserved_segment_kind', f), 'plan');
});

test('recs.same_length says whether every list is as long (so the narrative may say "each", not "on average")', () => {
  // the handmade lists hold 1, 1 and 2 titles
  assert.is(value('recs.same_length'), 'no');
  const ds = smallDataset();
  const even = new Map([...smallRecommendations()].map(([u, recs]) => [u, recs.slice(0, 1)]));
  assert.is(buildFacts({ dataset: ds, model: directModel(ds), recommendations: even, evaluation: null }).get('recs.same_length').value, 'yes');
});

test('without sessions, viewing facts are absent and say why', () => {
  const ds = smallDataset({ sessions: null });
  const f = buildFacts({ dataset: ds, model: directModel(ds), recommendations: smallRecommendations(), evaluation: null });
  assert.not.ok(f.has('top_genre'));
  assert.not.ok(f.capabilities.has('sessions'));
  for (const name of ['top_genre', 'device.TV.share', 'plan.Basic.device.TV.share', 'genre.Crime.viewing_share', 'upsell_plan']) {
    try {
      f.get(name);
      assert.unreachable(`${name} should be absent`);
    } catch (err) {
      assert.instance(err, FactLookupError);
      assert.is((err as FactLookupError).kind, 'absent');
      assert.match((err as Error).message, 'no viewing sessions');
    }
  }
  assert.is(f.get('genre.Crime.catalog_share').value, 0.5); // the rest is still there
  assert.throws(() => f.get('eval.default.ndcg'), /evaluation was not run/);
});

test('unknown names suggest the nearest known ones', () => {
  try {
    smallFacts().get('top_genere');
    assert.unreachable();
  } catch (err) {
    assert.is((err as FactLookupError).kind, 'unknown');
    assert.is((err as FactLookupError).suggestions[0], 'top_genre');
  }
});

test('genre names become deterministic fact keys; collisions are numbered in sort order', () => {
  assert.is(keySegment('Sci-Fi'), 'Sci_Fi');
  assert.is(keySegment('Children & Family Movies'), 'Children_Family_Movies');
  assert.is(keySegment('(no genres listed)'), 'no_genres_listed');
  assert.is(keySegment('<>'), 'unnamed');
  assert.equal([...keySegments(['Sci Fi', 'Sci-Fi'])], [['Sci Fi', 'Sci_Fi'], ['Sci-Fi', 'Sci_Fi_2']]);
  const ds = smallDataset({ genres: { '3': ['Sci-Fi'], '4': ['Sci Fi'] } });
  const f = buildFacts({ dataset: ds, model: directModel(ds), recommendations: new Map(), evaluation: null });
  assert.is(f.get('genre.Sci_Fi.name').value, 'Sci Fi');
  assert.is(f.get('genre.Sci_Fi_2.name').value, 'Sci-Fi');
});

test('multi-genre titles split their weight, so shares still sum to one', () => {
  const ds = smallDataset({ genres: { '1': ['Crime', 'Drama'] } });
  const f = buildFacts({ dataset: ds, model: directModel(ds), recommendations: new Map(), evaluation: null });
  const sum = ['Crime', 'Drama', 'Comedy'].reduce((s, g) => s + (f.get(`genre.${g}.viewing_share`).value as number), 0);
  close(sum, 1, 'viewing shares');
  close(f.get('genre.Crime.catalog_share').value, 0.375, 'Crime catalogue');
  assert.is(f.get('genre.Crime.title_count').value, 2);
});

test('every per-genre, per-plan and per-region fact has its suffix in FAMILY_SUFFIXES', () => {
  // bindings to family members are accepted before the data is known only by these suffixes
  for (const name of smallFacts().knownNames()) {
    const m = /^(genre|plan|region)\.[^.]+\.(.+)$/.exec(name);
    if (m) assert.ok(FAMILY_SUFFIXES[m[1]].includes(m[2]), name);
  }
  assert.ok(smallFacts().isPossible('plan.Gold.top_device'));
  assert.not.ok(smallFacts().isPossible('plan.Gold.top_devise'));
});

test.run();
