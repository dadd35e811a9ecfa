// The review corpus (issue 11, item 8): whole-site builds of the five data cases the product
// must read well on (DESIGN.md: seed 42, seed 7, 1,000 users × 500 titles, MovieLens, the Netflix
// catalogue with 1,000 simulated users; the real files as the committed excerpts) and a service's
// own plays. Every page's visible text is read and checked for the classes of defect a reader
// stops believing at: a count without thousands separators, "1 users", two percent styles,
// template syntax left unbound, wording that does not fit the data, a reason that cites a title
// the user rated below their own mean, a "See the chart" link to a chart that does not show the
// figure, a strategy item resting on a zero or a tie.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { pool, runBuild } from '../cli/run.ts';
import { parseCsv } from './parseCsv.ts';

const ML = 'tests/fixtures/data/ml-latest-small';
const CASES: Record<string, string[]> = {
  'seed 42': [],
  'seed 7': ['--seed', '7'],
  '1,000 users × 500 titles': ['--users', '1000', '--titles', '500'],
  'MovieLens (excerpt)': ['--ratings', `${ML}/ratings.csv`, '--movies', `${ML}/movies.csv`],
  'Netflix catalogue (excerpt), 1,000 users': ['--catalog', 'tests/fixtures/data/netflix/netflix_titles.csv', '--users', '1000'],
  'service plays': ['--data', 'tests/fixtures/data/service'],
};

const tmp = mkdtempSync(path.join(tmpdir(), 'review-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

let builds: Promise<Map<string, string>> | undefined;
function built(name: string): Promise<string> {
  builds ??= pool(Object.entries(CASES), 2, async ([caseName, flags], i) => {
    const out = path.join(tmp, String(i));
    const r = await runBuild([...flags, '--out', out]);
    if (r.status !== 0) throw new Error(`${caseName}: build failed (${r.status}): ${r.stderr}`);
    return [caseName, out] as const;
  }).then((pairs) => new Map(pairs));
  return builds.then((m) => m.get(name)!);
}

/** A CSV download as records keyed by its header. */
function records(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'assets' ? [] : htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** What a reader sees (the page's text, chart text and full descriptions included), one line per block. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(br|p|li|h\d|tr|td|th|div|section|figcaption|summary|title|desc|text|dt|dd)\b/g, '\n<$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t\u00a0\u202f]+/g, ' ');
}

const COUNT_NOUN = String.raw`(?:users?|titles?|ratings?|sessions?|viewing|genres?|recommendations?|subscribers?|min\b|minutes|hours|pairs|held-out|genre-tagged|bytes|times)`;

/** The defect classes, each a pattern over one line of visible text and what it means. */
const DEFECTS: [RegExp, string][] = [
  // a count of five digits or more without separators (ids follow "User ", hashes are hex words)
  [/(?<![\w.,:/#-]|User |user |id )\d{5,}(?![\w,.]\d|[\w-])/, 'a count without thousands separators'],
  // four digits before a noun that counts, or after "n=" / "of": 1000 users, n=1140
  [new RegExp(String.raw`(?<![\w.,:/#-]|User |user )\d{4} ${COUNT_NOUN}`), 'a count without thousands separators'],
  [/\bn=\d{4,}/, 'a count without thousands separators'],
  [/\b(?:Mobile|TV|Desktop|Tablet) \d{4,}\b/, 'a count without thousands separators'],
  [/(?<![\d.,])1 (?:users|titles|ratings|sessions|genres|recommendations|subscribers|minutes|hours|percentage points|days|reasons)\b/, 'a plural after 1'],
  [/\d %/, 'a space before a percent sign (one percent style: "34%")'],
  [/\d\.0+%/, 'a percentage with a trailing zero ("34.0%")'],
  [/\{\{|\{%|%\}|\}\}/, 'template syntax left in the page'],
  [/\bundefined\b|\bNaN\b|\bnull\b|\[object Object\]/, 'a value that was never computed'],
  [/\bmovielens\b/, 'a data source name in lower case'],
  [/(?<!")\(no genres listed\)(?!")/, 'MovieLens\' "(no genres listed)" shown as a genre'],
  [/, (?:The|A|An|Les|La|Le|Il|El|Das|Die|Der) \(\d{4}\)/, 'a title in MovieLens\' "Name, The (Year)" form'],
];

function defectsIn(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    for (const [re, what] of DEFECTS) {
      const m = re.exec(line);
      if (m) found.push(`${what}: "…${line.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).trim()}…"`);
    }
  }
  return found;
}

/** Wording written for one kind of data, by the cases where it must not appear. */
const STALE: [RegExp, (name: string) => boolean, string][] = [
  [/viewing sessions? (?:start|between)|Where people watch/, (n) => n.startsWith('MovieLens'), 'a sessions sentence on data without sessions'],
  [/over genres and descriptions/, (n) => n.startsWith('MovieLens'), 'descriptions where the data has none'],
  [/\bPlan:/, (n) => n.startsWith('MovieLens'), 'a plan box where the data has no plans'],
  [/case study set a target/, () => true, 'a target the reader never saw set'],
];

for (const name of Object.keys(CASES)) {
  test(`${name}: the site's file set holds every page and every download`, async () => {
    const out = await built(name);
    for (const f of ['index.html', 'users/index.html', 'data/facts.json', 'data/ratings.csv', 'data/recommendations.csv']) {
      assert.ok(existsSync(path.join(out, f)), `${name}: ${f}`);
    }
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    const figures = [...home.matchAll(/<figure class="chart[^"]*" id="chart-([a-z-]+)"/g)].map((m) => m[1]);
    assert.ok(figures.length >= 6, `${name}: ${figures.length} report charts`);
    for (const id of figures) {
      assert.ok(existsSync(path.join(out, 'charts', `${id}.svg`)), `${name}: charts/${id}.svg`);
      assert.ok(existsSync(path.join(out, 'charts', `${id}.csv`)), `${name}: charts/${id}.csv`);
    }
    const users = new Set(records(path.join(out, 'data/recommendations.csv')).map((r) => r.user_id));
    const pages = readdirSync(path.join(out, 'users')).filter((f) => /\.html$/.test(f) && f !== 'index.html');
    assert.is(pages.length, users.size, `${name}: a page for every user with recommendations`);
  });

  test(`${name}: no page's visible text has a defect a reader would stop at`, async () => {
    const out = await built(name);
    const problems: string[] = [];
    for (const file of htmlFiles(out)) {
      const text = visibleText(readFileSync(file, 'utf8'));
      for (const d of defectsIn(text)) problems.push(`${path.relative(out, file)}: ${d}`);
      for (const [re, applies, what] of STALE) {
        const m = re.exec(text);
        if (m && applies(name)) problems.push(`${path.relative(out, file)}: ${what}: "${m[0]}"`);
      }
    }
    assert.equal(problems.slice(0, 20), [], `${name}: ${problems.length} defects`);
  });

  test(`${name}: no date, number or hyphenated term in running text can break across lines`, async () => {
    const out = await built(name);
    const problems: string[] = [];
    for (const file of htmlFiles(out)) {
      const page = readFileSync(file, 'utf8')
        // text that is not laid out as running prose, and what is already kept whole
        .replace(/<(head|script|style|svg|code|pre)\b[\s\S]*?<\/\1>/g, ' ')
        .replace(/<span class="nowrap">[^<]*<\/span>/g, ' ');
      for (const word of visibleText(page).split(/\s+/)) {
        // a browser may break after the hyphen of "2025-06-30" or "Sci-Fi" (longer words may wrap)
        if (/\w-\w/.test(word) && word.length <= 24) problems.push(`${path.relative(out, file)}: "${word}"`);
      }
    }
    assert.equal(problems.slice(0, 20), [], `${name}: ${problems.length} breakable words`);
  });

  test(`${name}: no reason cites a title the user rated below their own mean, and each is the rating given`, async () => {
    const out = await built(name);
    const ratings = records(path.join(out, 'data/ratings.csv'));
    const given = new Map<string, number>();
    const sum = new Map<string, [number, number]>();
    for (const r of ratings) {
      given.set(`${r.user_id}\u0000${r.title_id}`, Number(r.rating));
      const s = sum.get(r.user_id) ?? [0, 0];
      sum.set(r.user_id, [s[0] + Number(r.rating), s[1] + 1]);
    }
    let reasons = 0;
    for (const rec of records(path.join(out, 'data/recommendations.csv'))) {
      if (!rec.reason_title_ids) continue;
      const ids = rec.reason_title_ids.split(';');
      const values = rec.reason_ratings.split(';').map(Number);
      assert.is(ids.length, values.length);
      const [total, n] = sum.get(rec.user_id)!;
      ids.forEach((id, i) => {
        reasons++;
        assert.is(given.get(`${rec.user_id}\u0000${id}`), values[i], `${name}: user ${rec.user_id} rated ${id} ${values[i]}`);
        assert.ok(values[i] >= total / n - 1e-9, `${name}: user ${rec.user_id}'s reason ${id} (${values[i]}) is below their mean ${(total / n).toFixed(2)}`);
      });
    }
    assert.ok(reasons > 0, `${name}: some recommendation has a reason`);
  });

  test(`${name}: every "See the chart" link goes to a chart on the page that shows one of the item's figures`, async () => {
    const out = await built(name);
    const doc = new JSDOM(readFileSync(path.join(out, 'index.html'), 'utf8')).window.document;
    const chartText = (id: string) => {
      const fig = doc.getElementById(id);
      return fig ? visibleText(fig.innerHTML).replace(/\s+/g, ' ') : null;
    };
    for (const item of Array.from(doc.querySelectorAll('article.strategy-item'))) {
      const link = item.querySelector('a.strategy-chart-link');
      if (!link) continue;
      const target = link.getAttribute('href')!.replace(/^#/, '');
      const text = chartText(target);
      assert.ok(text !== null, `${name}: ${item.id} links to #${target}, which is not on the page`);
      // the item's own figures (not the scale or the list length it also quotes)
      const figures = Array.from(item.querySelectorAll('[data-fact]'))
        .filter((f) => !/^(eval\.k|rating_scale_max|title_count|session_count)$/.test(f.getAttribute('data-fact') ?? ''))
        .map((f) => f.textContent!.replace(/\s+/g, ' ').trim());
      // "4.00" in the item is "4" in a chart that trims zeros: compare numbers as numbers
      const trim = (t: string) => t.replace(/(\d+\.\d*?)0+\b/g, '$1').replace(/\.(?!\d)/g, '');
      const shown = trim(text!);
      assert.ok(
        figures.some((f) => text!.includes(f) || shown.includes(trim(f))),
        `${name}: ${item.id} cites ${figures.join(', ')}; its chart #${target} shows none of them`,
      );
    }
  });

  test(`${name}: no strategy item rests on a zero, a 100% "only", or a tie`, async () => {
    const out = await built(name);
    const doc = new JSDOM(readFileSync(path.join(out, 'index.html'), 'utf8')).window.document;
    const facts = JSON.parse(readFileSync(path.join(out, 'data/facts.json'), 'utf8')).facts as Record<string, { value: unknown }>;
    for (const item of Array.from(doc.querySelectorAll('article.strategy-item'))) {
      const body = item.textContent!.replace(/\s+/g, ' ');
      assert.not.match(body, /\b0 of \d|Only 100%|\b0 users\b|against 0(?![.\d])/, `${name}: ${item.id}: ${body}`);
      const fact = item.getAttribute('data-figure-fact')!;
      const value = facts[fact]?.value;
      assert.ok(value !== 0 && value !== null && value !== undefined, `${name}: ${item.id} rests on ${fact} = ${String(value)}`);
    }
    if (doc.getElementById('strategy-device-merchandising')) {
      const shares = ['Mobile', 'TV', 'Desktop', 'Tablet'].map((d) => facts[`device.${d}.share`].value as number).sort((a, b) => b - a);
      assert.ok(shares[0] > shares[1], `${name}: a device merchandised "first" on a tie`);
    }
  });
}

test.run();
