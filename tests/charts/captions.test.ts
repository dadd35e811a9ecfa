// Issue 12: every report chart's visible caption is short, and its figures are the chart's own
// data. Each test recomputes what the caption claims from the CSV the chart publishes (never from
// the renderer's internals), so a caption that drifts from its data fails here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderDeviceEngagement } from '../../build/charts/deviceEngagement.ts';
import { renderGenreCloud } from '../../build/charts/genreCloud.ts';
import { renderGenrePopularity } from '../../build/charts/genrePopularity.ts';
import { renderModelComparison } from '../../build/charts/modelComparison.ts';
import { renderRatingsByGenre } from '../../build/charts/ratingsByGenre.ts';
import { renderTitleSimilarity } from '../../build/charts/titleSimilarity.ts';
import { renderUserGenreSankey } from '../../build/charts/userGenreSankey.ts';
import type { Chart } from '../../build/charts/chart.ts';
import { DEVICES } from '../../build/types.ts';
import { formatPercent } from '../../build/util/numbers.ts';
import { genreShares, modelMetrics, ratingCounts, similarityCells, similarityTitles, titlePopularity, userDevices, userGenreFlows } from '../fixtures/charts/rows.ts';
import { parseCsv } from '../site/parseCsv.ts';

/** The chart's CSV as objects keyed by its header. */
function rows(chart: Chart): Record<string, string>[] {
  const [header, ...body] = parseCsv(chart.csv);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** A caption a reader takes in at a glance: at most two sentences' worth, not the whole description. */
function assertShort(chart: Chart): string {
  assert.ok(chart.caption, `${chart.id} has a caption`);
  assert.ok(chart.caption!.length <= 260, `${chart.id}: ${chart.caption!.length} characters`);
  return chart.caption!;
}

test('genre cloud: the caption names the two largest shares in the CSV', () => {
  const chart = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  const caption = assertShort(chart);
  const [a, b] = rows(chart).sort((x, y) => Number(y.share) - Number(x.share));
  assert.ok(caption.startsWith(`${a.genre} draws the largest share of ratings, ${formatPercent(Number(a.share))}, then ${b.genre} with ${formatPercent(Number(b.share))}`), caption);
});

test('genre cloud: genres whose shares print the same lead together, not "12%, then Animation with 12%"', () => {
  const rows = [
    { genre: 'Comedy', count: 121, share: 0.121 },
    { genre: 'Animation', count: 119, share: 0.119 },
    { genre: 'Drama', count: 90, share: 0.09 },
    { genre: 'Crime', count: 670, share: 0.67 },
  ].map((r) => ({ ...r, share: r.count / 1000 }));
  const caption = renderGenreCloud(rows, { seed: 1, measure: 'ratings' }).caption!;
  assert.ok(caption.startsWith('Crime draws the largest share of ratings, 67%, then Comedy with 12%'), caption);
  const tied = renderGenreCloud(rows.filter((r) => r.genre !== 'Crime'), { seed: 1, measure: 'ratings' }).caption!;
  assert.ok(tied.startsWith('Comedy and Animation draw the largest shares of ratings, 12% each, then Drama with 9%'), tied);
});

test('ratings by genre: highest and lowest median among the genres drawn as boxes', () => {
  const chart = renderRatingsByGenre([...ratingCounts, { genre: 'Tiny', value: 5, count: 2 }], { scale: { min: 1, max: 5 } });
  const caption = assertShort(chart);
  const boxes = rows(chart).filter((r) => r.drawn_as === 'box');
  const key = (r: Record<string, string>) => [Number(r.median), Number(r.mean)];
  const ranked = [...boxes].sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1]);
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  assert.ok(caption.startsWith(`${first.genre} ranks first, median ${first.median} and mean ${Number(Number(first.mean).toFixed(2))} (n=${first.ratings})`), caption);
  const sharing = boxes.filter((r) => r !== first && r.median === first.median).length;
  if (sharing) assert.ok(caption.includes(`share that median`) || caption.includes('shares that median'), caption);
  assert.ok(caption.includes(`; ${last.genre} ranks last, median ${last.median} (n=${last.ratings}).`), caption);
  assert.match(caption, /fewer than 5 ratings are points/, 'the two-rating genre is a point, and the caption says why');
});

test('title similarity: the pair in the caption is the CSV\'s most similar off-diagonal pair', () => {
  const chart = renderTitleSimilarity(similarityTitles, similarityCells);
  const caption = assertShort(chart);
  const best = rows(chart)
    .filter((r) => r.title_a_id !== r.title_b_id)
    .sort((x, y) => Number(y.similarity) - Number(x.similarity))[0];
  const names = [best.title_a, best.title_b];
  assert.ok(names.every((n) => caption.includes(n)), caption);
  assert.ok(caption.includes(`(cosine ${Number(best.similarity).toFixed(2)})`), caption);
});

test('user → genre Sankey: the strongest genre and how many users it leads for, from the CSV', () => {
  const chart = renderUserGenreSankey(userGenreFlows);
  const caption = assertShort(chart);
  const byUser = new Map<string, { genre: string; affinity: number }>();
  for (const r of rows(chart)) {
    const cur = byUser.get(r.user_id);
    const a = Number(r.affinity);
    if (!cur || a > cur.affinity || (a === cur.affinity && r.genre < cur.genre)) byUser.set(r.user_id, { genre: r.genre, affinity: a });
  }
  const counts = new Map<string, number>();
  for (const { genre } of byUser.values()) counts.set(genre, (counts.get(genre) ?? 0) + 1);
  const n = Math.max(...counts.values());
  const leaders = [...counts.entries()].filter(([, c]) => c === n).map(([g]) => g);
  // the fixture's three users each lean to a different genre: a three-way tie, all named
  assert.is(leaders.length, 3);
  assert.ok(caption.includes(` the strongest genre for ${n} of the ${byUser.size} users shown`), caption);
  for (const g of leaders) assert.ok(caption.split(' the strongest genre')[0].includes(g), caption);
});

test('model comparison: the NDCG figures in the caption are the CSV\'s', () => {
  const chart = renderModelComparison(modelMetrics, { baseline: 'popularity' });
  const caption = assertShort(chart);
  const ndcg = rows(chart).filter((r) => r.metric.startsWith('NDCG'));
  const of = (model: string) => Number(ndcg.find((r) => r.model === model)!.value).toFixed(3);
  assert.ok(caption.includes(`scores ${of('default')}; Popularity baseline, the dashed line, scores ${of('popularity')}.`), caption);
});

test('genre popularity: the highest median and the most-counted title, from the CSV', () => {
  const chart = renderGenrePopularity(titlePopularity, { measure: 'ratings' });
  const caption = assertShort(chart);
  const byGenre = new Map<string, number[]>();
  for (const r of rows(chart)) byGenre.set(r.genre, [...(byGenre.get(r.genre) ?? []), Number(r.ratings)]);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const medians = [...byGenre.entries()].map(([g, xs]) => [g, median(xs)] as const);
  const m = Math.max(...medians.map(([, v]) => v));
  const leaders = medians.filter(([, v]) => v === m).map(([g]) => g);
  // the fixture ties Crime and Sci-Fi at 7: both are named
  assert.is(leaders.length, 2);
  assert.match(caption, new RegExp(`^(\\w|-| and |, )+ titles share the highest median, ${m} ratings per title`));
  for (const g of leaders) assert.ok(caption.split(' titles share')[0].includes(g), caption);
  const most = Math.max(...rows(chart).map((r) => Number(r.ratings)));
  const tops = rows(chart).filter((r) => Number(r.ratings) === most);
  assert.ok(tops.some((top) => caption.includes(`${top.title} (${top.genre}, ${top.ratings})`)), `${caption} | ${JSON.stringify(tops)}`);
});

test('device engagement: the two device shares in the caption add up from the CSV', () => {
  const chart = renderDeviceEngagement(userDevices, { value: 'minutes', devices: DEVICES });
  const caption = assertShort(chart);
  const totals = new Map<string, number>();
  for (const r of rows(chart)) totals.set(r.device, (totals.get(r.device) ?? 0) + Number(r.minutes));
  const all = [...totals.values()].reduce((s, v) => s + v, 0);
  const [[d1, v1], [d2, v2]] = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  assert.ok(caption.includes(`${d1} carries ${formatPercent(v1 / all)} of their viewing minutes, ${d2} ${formatPercent(v2 / all)}`), caption);
});

test.run();
