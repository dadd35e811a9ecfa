import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildReportCharts, buildUserCharts, REPORT_CHART_IDS, REPORT_CHARTS, startReportCharts, userChartRenderer } from '../../build/charts/index.ts';
import { genreShareRows, modelMetricRows, titlePopularityRows, titleSimilarityInput, userGenreFlowRows } from '../../build/charts/reportCharts.ts';
import { pipelineFacts, simulated } from '../insights/pipeline.ts';
import { genreColours } from '../../build/charts/genreColours.ts';
import { NO_GENRES } from '../../build/data/movielens.ts';
import type { EvaluationResult, Metrics } from '../../build/types.ts';
import { tinyDataset, tinyModel } from '../fixtures/charts/model.ts';
import { assertStandaloneChart } from './svgChecks.ts';

const metrics = (p: number): Metrics => ({ precision: p, recall: p + 0.1, ndcg: p + 0.05, hitRate: p * 2, coverage: 0.5, genreMatch: 0.8, genreMatchTruth: null });
const evaluation: EvaluationResult = {
  protocol: { trainShare: 0.75, seed: 42, k: 5, minRatingsToSplit: 4, usersEvaluated: 3, testItems: 4, description: 'test' },
  models: [
    { name: 'popularity', label: 'Popularity', metrics: metrics(0.1) },
    { name: 'default', label: 'Item-kNN', metrics: metrics(0.3) },
  ],
};

test('report charts: every chart id, each a valid standalone chart, ids unique', () => {
  const dataset = tinyDataset({ sessions: true });
  const charts = buildReportCharts({ dataset, model: tinyModel(dataset), evaluation });
  assert.equal(charts.map((c) => c.id), [...REPORT_CHART_IDS]);
  for (const c of charts) assertStandaloneChart(c, c.id);
  const page = charts.map((c) => c.svg).join('');
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.is(new Set(ids).size, ids.length, 'no id repeats across the charts of one page');
});

test('charts drawn in two goes, before and after the evaluation, are the charts drawn at once, to the byte', () => {
  for (const sessions of [true, false]) {
    const dataset = tinyDataset({ sessions });
    const model = tinyModel(dataset);
    for (const ev of [evaluation, null]) {
      const drawing = startReportCharts({ dataset, model });
      assert.equal(drawing.finish(ev), buildReportCharts({ dataset, model, evaluation: ev }), `sessions ${sessions}, evaluation ${ev !== null}`);
    }
  }
});

test('MovieLens\' "(no genres listed)" is not charted as a genre: not in the cloud, the box plot, the strip plot or the Sankey', () => {
  const base = tinyDataset({ sessions: false });
  const dataset = { ...base, titles: base.titles.map((t) => (t.id === '5' ? { ...t, genres: [NO_GENRES] } : t)) };
  const charts = buildReportCharts({ dataset, model: tinyModel(dataset), evaluation: null });
  for (const c of charts) {
    if (c.id === 'title-similarity') continue; // a title, not a genre comparison: checked below
    assert.not.ok(c.csv.includes(NO_GENRES), `${c.id}: CSV`);
    assert.not.ok(c.svg.includes(NO_GENRES), `${c.id}: SVG`);
  }
  // the heatmap keeps the title (it is among the most rated) in a block called "No genre"
  const heatmap = charts.find((c) => c.id === 'title-similarity')!;
  assert.not.ok(heatmap.svg.includes(NO_GENRES));
  assert.ok(heatmap.svg.includes('>No genre</text>'), 'the block is named for what it is');
  assert.equal(genreShareRows(dataset).map((r) => r.genre).sort(), ['<i>Genre</i>', 'Crime', 'Drama', 'Mystery', 'Sci-Fi']);
  assert.not.ok(genreColours(dataset).order.includes(NO_GENRES), 'it takes no hue');
});

test('report charts: no sessions → no device chart; no evaluation → no comparison', () => {
  const dataset = tinyDataset({ sessions: false });
  const ids = buildReportCharts({ dataset, model: tinyModel(dataset), evaluation: null }).map((c) => c.id);
  assert.equal(ids, REPORT_CHARTS.filter((c) => c.needs === 'ratings').map((c) => c.id));
  assert.not.ok(ids.includes('device-engagement'));
  assert.not.ok(ids.includes('model-comparison'));
  assert.is(ids.length, 5);
});

test('report charts: the Sankey flows are the model affinities', () => {
  const dataset = tinyDataset({ sessions: true });
  const model = tinyModel(dataset);
  const rows = userGenreFlowRows(dataset, model);
  // Most ratings first: 102 and 103 (4 each, by id), then 101 (3), then 104 (1).
  assert.equal([...new Set(rows.map((r) => r.userId))], ['102', '103', '101', '104']);
  for (const r of rows) assert.is(r.affinity, model.genreAffinity(model.userPos.get(r.userId)!, model.genres.indexOf(r.genre)));
  const sum101 = rows.filter((r) => r.userId === '101').reduce((s, r) => s + r.affinity, 0);
  assert.ok(Math.abs(sum101 - 1) < 1e-9);
});

test('report charts: metric rows come from the evaluation (null metrics skipped)', () => {
  const rows = modelMetricRows(evaluation);
  assert.is(rows.length, 12);
  assert.equal(rows[0], { model: 'popularity', label: 'Popularity', metric: 'Precision@5', value: 0.1 });
});

test('user charts: affinity and devices; devices skipped without sessions', () => {
  const dataset = tinyDataset({ sessions: true });
  const model = tinyModel(dataset);
  const render = userChartRenderer({ dataset, model });
  const charts = render('103');
  assert.equal(charts.map((c) => c.id), ['user-affinity', 'user-devices']);
  for (const c of charts) assertStandaloneChart(c, c.id);
  assert.match(charts[1].description, /User 103 watched 125 minutes in 3 sessions: TV 95 min/);
  assert.match(render('104')[1].svg, /User 104 has no viewing sessions/);
  const noSessions = tinyDataset({ sessions: false });
  assert.equal(buildUserCharts({ dataset: noSessions, model: tinyModel(noSessions), userId: '101' }).map((c) => c.id), ['user-affinity']);
});

test("the genre cloud's shares are the narrative's: a title in two genres counts half in each, over all ratings", () => {
  const dataset = simulated(42);
  const facts = pipelineFacts(dataset, { evaluation: false });
  const rows = genreShareRows(dataset);
  assert.ok(rows.length > 3);
  for (const r of rows) {
    const fact = [...facts.facts.values()].find((f) => f.name.endsWith('.rating_share') && facts.get(f.name.replace(/rating_share$/, 'name')).value === r.genre)!;
    assert.ok(Math.abs((fact.value as number) - r.share) < 1e-12, `${r.genre}: ${r.share} vs ${fact.value}`);
  }
  const top = [...rows].sort((a, b) => b.share - a.share)[0];
  assert.is(top.genre, facts.get('most_rated_genre').value);
  assert.ok(Math.abs(top.share - (facts.get('most_rated_genre_share').value as number)) < 1e-12);
});

test("MovieLens titles are grouped by their most specific genre, not the alphabet's first (and IMAX is no genre)", () => {
  const base = tinyDataset({ sessions: false });
  const titles = base.titles.map((t, i) => (i === 0 ? { ...t, genres: ['Action', 'Adventure', 'IMAX', 'Film-Noir'] } : { ...t, genres: ['Action', 'Adventure'] }));
  titles.push({ ...titles[1], id: 'x', genres: ['IMAX'] });
  for (const kind of ['movielens', 'simulation'] as const) {
    const dataset = { ...base, titles, source: { ...base.source, kind } };
    const { titles: shown } = titleSimilarityInput(dataset, tinyModel(dataset));
    const first = shown.find((t) => t.id === titles[0].id);
    assert.ok(first, 'the first title is among the most rated');
    assert.is(first!.genre, kind === 'movielens' ? 'Film-Noir' : 'Action');
    const { rows } = titlePopularityRows(dataset);
    assert.is(rows.find((r) => r.titleId === titles[0].id)!.genre, kind === 'movielens' ? 'Film-Noir' : 'Action');
  }
});

test.run();
