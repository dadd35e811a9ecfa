// The "done when", checked on every kind of build (issue 12): the default simulation,
// seed 7, a 1,000-user simulation, the MovieLens fixture and the Netflix catalogue fixture with
// 1,000 simulated users. Each is run through the real pipeline in memory (no Eleventy or Vite)
// and every chart it draws, the report's and every user page's, is read back:
// - a genre has the same colour in every chart, and no two genres of one chart share a hue
//   (the grey "Other genres" group aside);
// - every mark that stands for a number carries its exact value as an SVG <title>.
// tests/charts/genreColours.test.ts reads the whole-site goldens (pages and downloads) the same way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../../build/config.ts';
import { runPipeline } from '../../build/pipeline.ts';
import { GENRE_HUES, OTHER_GENRE_COLOUR } from '../../build/charts/genreColours.ts';
import type { Chart } from '../../build/charts/index.ts';
import { ROOT } from '../cli/run.ts';
import { parseSvg } from './svgChecks.ts';

const KINDS: Record<string, string[]> = {
  default: [],
  'seed 7': ['--seed', '7'],
  '1,000 users': ['--users', '1000'],
  MovieLens: ['--ratings', 'tests/fixtures/data/ml-latest-small/ratings.csv', '--movies', 'tests/fixtures/data/ml-latest-small/movies.csv'],
  'Netflix, 1,000 users': ['--catalog', 'tests/fixtures/data/netflix/netflix_titles.csv', '--users', '1000'],
};

/** Every chart of a build: the report's, then each user page's. */
async function chartsOf(argv: string[]): Promise<{ where: string; chart: Chart }[]> {
  const { config } = resolveConfig(argv, { cwd: ROOT });
  const pipeline = await runPipeline(config);
  const users = [...new Set([...pipeline.dataset.ratings].map((r) => r.userId))];
  return [
    ...pipeline.charts.map((chart) => ({ where: 'report', chart })),
    ...users.flatMap((u) => pipeline.userCharts(u).map((chart) => ({ where: `user ${u}`, chart }))),
  ];
}

/** Plot's groups of marks that stand for numbers (axes, grids, text labels and marks hidden from assistive technology as decoration are not). */
const DATA_MARKS = new Set(['bar', 'cell', 'dot', 'tick', 'rule', 'rect', 'line', 'area']);

const hasTitle = (el: Element): boolean =>
  Array.from(el.children).some((c) => c.tagName === 'title') || Array.from(el.parentElement?.children ?? []).some((c) => c.tagName === 'title' && el.parentElement?.tagName === 'g' && !el.parentElement.hasAttribute('aria-label'));

for (const [kind, argv] of Object.entries(KINDS)) {
  test(`${kind} build: one colour per genre in every chart, no hue shared in a chart, every value mark titled`, async () => {
    const charts = await chartsOf(argv);
    const colourOf = new Map<string, { colour: string; where: string }>();
    const genreCharts = new Set<string>();
    let titled = 0;
    for (const { where, chart } of charts) {
      const doc = parseSvg(chart.svg);
      const at = `${chart.id} (${where})`;
      // colours
      const genreOfHue = new Map<string, string>();
      for (const el of Array.from(doc.querySelectorAll('[data-genre]'))) {
        const genre = el.getAttribute('data-genre')!;
        const colour = ((el.tagName === 'path' ? el.getAttribute('stroke') : el.getAttribute('fill')) ?? '').toLowerCase();
        genreCharts.add(chart.id);
        assert.ok(/^#[0-9a-f]{6}$/.test(colour), `${at}: ${genre} is drawn in "${colour}"`);
        const seen = colourOf.get(genre);
        if (seen) assert.is(colour, seen.colour, `${genre}: ${colour} in ${at}, ${seen.colour} in ${seen.where}`);
        else colourOf.set(genre, { colour, where: at });
        if (colour === OTHER_GENRE_COLOUR) continue;
        const other = genreOfHue.get(colour);
        assert.ok(other === undefined || other === genre, `${at}: ${other} and ${genre} share ${colour}`);
        genreOfHue.set(colour, genre);
      }
      // titles: Plot's data marks, and every mark drawn for a genre
      const marks = [
        ...Array.from(doc.querySelectorAll('g[aria-label]'))
          .filter((g) => DATA_MARKS.has(g.getAttribute('aria-label')!) && g.getAttribute('aria-hidden') !== 'true')
          .flatMap((g) => Array.from(g.querySelectorAll('rect, circle, path, line, polygon'))),
        ...Array.from(doc.querySelectorAll('[data-genre]')).filter((el) => el.tagName !== 'g'),
      ];
      for (const el of marks) {
        assert.ok(hasTitle(el), `${at}: a <${el.tagName}> ${el.getAttribute('data-genre') ?? el.closest('g[aria-label]')?.getAttribute('aria-label') ?? ''} has no <title>`);
        const title = Array.from(el.children).find((c) => c.tagName === 'title') ?? Array.from(el.parentElement!.children).find((c) => c.tagName === 'title');
        assert.match(title?.textContent ?? '', /\d/, `${at}: the title "${title?.textContent}" holds no value`);
        titled++;
      }
    }
    for (const id of ['genre-cloud', 'user-genre-sankey', 'user-affinity']) assert.ok(genreCharts.has(id), `${kind}: ${id} colours by genre`);
    assert.ok(new Set([...colourOf.values()].map((v) => v.colour)).size <= GENRE_HUES.length + 1, `${kind}: more colours than hues`);
    assert.ok(titled > 0);
  });
}

test.run();
