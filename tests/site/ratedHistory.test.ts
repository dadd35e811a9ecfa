// A user's rated history on their page: shown whole unless long, best first and, within a
// rating, most recent first (templates/userPage.ts ratedHistory, build/site/assemble.ts lists).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { resolveConfig } from '../../build/config.ts';
import { runPipeline } from '../../build/pipeline.ts';
import { assembleSite } from '../../build/site/assemble.ts';
import { ratedHistory, RATED_SPLIT_AFTER } from '../../templates/userPage.ts';
import { ROOT } from '../cli/run.ts';

const item = (i: number, rating: number) => ({ titleId: String(i), titleName: `T${i}`, rating, watch: null });

function siteOf(config: ReturnType<typeof resolveConfig>['config'], p: Awaited<ReturnType<typeof runPipeline>>) {
  return assembleSite({
    config,
    dataset: p.dataset,
    model: p.model,
    recommendations: p.recommendations,
    evaluation: p.evaluation,
    charts: p.charts,
    userCharts: p.userCharts,
    matrixDownloads: p.matrixDownloads,
    warnings: [],
    generator: 'test',
    command: 'test',
  });
}

test('a history of 21 ratings is shown whole: no ★0.5 under "Highest rated"', () => {
  const rated = [...Array.from({ length: 11 }, (_, i) => item(i, 4)), ...Array.from({ length: 10 }, (_, i) => item(20 + i, 0.5))];
  const markup = ratedHistory(rated, false).value;
  assert.not.match(markup, /Highest rated|Lowest rated/);
  assert.is(markup.match(/<li>/g)!.length, 21);
});

test('a long history shows its two ends and the rest on request', () => {
  const rated = Array.from({ length: RATED_SPLIT_AFTER + 1 }, (_, i) => item(i, 5 - i / 10));
  const markup = ratedHistory(rated, false).value;
  assert.match(markup, /<h3>Highest rated<\/h3>/);
  assert.match(markup, /<h3>Lowest rated<\/h3>/);
  assert.match(markup, /Show all 41 ratings/);
});

test('within a rating, the most recent comes first (not the alphabet)', async () => {
  const ml = path.join(ROOT, 'tests/fixtures/data/ml-latest-small');
  const { config } = resolveConfig(['--ratings', `${ml}/ratings.csv`, '--movies', `${ml}/movies.csv`, '--out', '/tmp/unused'], { cwd: ROOT });
  const p = await runPipeline(config);
  const site = siteOf(config, p);
  const when = new Map<string, number>();
  for (const r of p.dataset.ratings) when.set(`${r.userId}\u0000${r.titleId}`, r.timestamp ?? -Infinity);
  let ties = 0;
  for (const u of site.users) {
    const rated = u.lists().rated;
    for (let i = 1; i < rated.length; i++) {
      const [a, b] = [rated[i - 1], rated[i]];
      assert.ok(a.rating >= b.rating, `user ${u.id}: best first`);
      if (a.rating === b.rating && when.get(`${u.id}\u0000${a.titleId}`) !== when.get(`${u.id}\u0000${b.titleId}`)) {
        ties++;
        assert.ok(when.get(`${u.id}\u0000${a.titleId}`)! > when.get(`${u.id}\u0000${b.titleId}`)!, `user ${u.id}: ${a.titleName} before ${b.titleName}`);
      }
    }
  }
  assert.ok(ties > 0, 'the data has equal ratings at different times');

});

test('similar users share a top genre with the page\'s user, named in the page\'s own order', async () => {
  const { config } = resolveConfig(['--users', '300', '--titles', '200', '--out', '/tmp/unused'], { cwd: ROOT });
  const site = siteOf(config, await runPipeline(config));
  const topOf = new Map(site.users.map((u) => [u.id, u.topGenres]));
  let linked = 0;
  for (const u of site.users) {
    for (const s of u.similarUsers) {
      linked++;
      assert.ok(s.sharedGenres.length > 0, `user ${u.id}: similar user ${s.id} shares no top genre`);
      assert.equal(s.sharedGenres, u.topGenres.filter((g) => topOf.get(s.id)!.includes(g)));
    }
  }
  assert.ok(linked > 300, `most users have similar users (${linked} links)`);
});

test.run();
