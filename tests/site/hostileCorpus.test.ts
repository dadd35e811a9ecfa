// Issue 15, the standing hostile corpus: every text field of every loader carries attack strings
// (tests/fixtures/hostile/corpus.ts), and each hostile build is held against a clean twin of the
// same shape built the same way:
// (a) no page has an element or attribute name, or a URL, that the clean page does not have:
//     whatever markup is there came from our templates, not from the data;
// (b) the set of files in the output equals the clean build's (user pages counted, since their
//     names come from the ids);
// (c) no byte of a canary file outside the project appears anywhere in the output, raw or
//     base64-encoded (downloads are data: URLs), and every file in assets/ is one the project
//     owns (its client bundle and the font package's files).
// Config values and path prefixes get the same strings: each is a one-line error, exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { listFiles } from '../../build/site/checkSite.ts';
import { pool, ROOT, runBuild } from '../cli/run.ts';
import { attacks, writeCorpus } from '../fixtures/hostile/corpus.ts';
import { REPORT_CHART_IDS } from '../../build/charts/index.ts';

const OWN_CHART_ANCHORS = new Set(REPORT_CHART_IDS.map((id) => `#chart-${id}`));
const dir = mkdtempSync(path.join(tmpdir(), 'hostile-corpus-'));
const canaryText = `canary-${process.pid}-a7c3e9f1d2b4`;
const canary = { abs: path.join(dir, 'canary.txt'), rel: `${'../'.repeat(12)}${path.join(dir, 'canary.txt').replace(/^\//, '')}` };
writeFileSync(canary.abs, `${canaryText}\n`);
const corpus = writeCorpus(dir, canary);

test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A page's path with the id-made part of user page names taken out. */
function pageKey(rel: string): string {
  return rel.replace(/^users\/(?!index\.)[^/]+\.html$/, 'users/<user>.html');
}

/** Element and attribute names, and URL values (data: URLs by their type, user pages by kind). */
function markupOf(text: string, xml: boolean): { names: Set<string>; urls: Set<string> } {
  const dom = new JSDOM(text, xml ? { contentType: 'image/svg+xml' } : {});
  const names = new Set<string>();
  const urls = new Set<string>();
  for (const el of Array.from(dom.window.document.querySelectorAll('*'))) {
    names.add(`<${el.localName}>`);
    for (const attr of Array.from(el.attributes)) {
      names.add(`<${el.localName} ${attr.name}>`);
      if (/^(href|src|srcset|xlink:href|action|poster)$/.test(attr.name)) {
        // a link to one of our own charts on the same page comes from no data string, and which
        // charts a strategy item links to depends on the figures, which the two twins' different
        // genre names (another sort order, other simulated users) change
        if (OWN_CHART_ANCHORS.has(attr.value)) continue;
        urls.add(attr.value.replace(/^data:([^;,]*)[;,].*$/s, 'data:$1').replace(/users\/(?!index\.)[^/#?]+\.html/, 'users/<user>.html'));
      }
    }
  }
  dom.window.close();
  return { names, urls };
}

/** Per page kind (user pages merged): names and URLs. */
function siteMarkup(out: string): Map<string, { names: Set<string>; urls: Set<string> }> {
  const byKey = new Map<string, { names: Set<string>; urls: Set<string> }>();
  for (const file of listFiles(out)) {
    if (!/\.(html|svg)$/.test(file)) continue;
    const key = pageKey(path.relative(out, file));
    const m = markupOf(readFileSync(file, 'utf8'), file.endsWith('.svg'));
    const into = byKey.get(key) ?? { names: new Set(), urls: new Set() };
    for (const n of m.names) into.names.add(n);
    for (const u of m.urls) into.urls.add(u);
    byKey.set(key, into);
  }
  return byKey;
}

function fileSet(out: string): string[] {
  return listFiles(out).map((f) => pageKey(path.relative(out, f))).sort();
}

/**
 * What the project owns in assets/: the client bundle (templates/assets/, entry main.html) and
 * the Inter font files of the @fontsource package that styles.css imports, each with Vite's hash.
 */
function foreignAssets(out: string): string[] {
  const fonts = new Set(readdirSync(path.join(ROOT, 'node_modules/@fontsource/inter/files')));
  return readdirSync(path.join(out, 'assets')).filter((name) => {
    if (/^main-[\w-]{8}\.(js|css)$/.test(name)) return false;
    const m = /^(.+)-[\w-]{8}(\.woff2?)$/.exec(name);
    return !(m && fonts.has(`${m[1]}${m[2]}`));
  });
}

const canaryForms = [canaryText, Buffer.from(canaryText).toString('base64').slice(0, 16)];

async function compare(name: string, hostileArgs: string[], cleanArgs: string[]): Promise<void> {
  const hostileOut = path.join(dir, `${name}-hostile-site`);
  const cleanOut = path.join(dir, `${name}-clean-site`);
  const [hostile, clean] = await pool(
    [
      [...hostileArgs, '--out', hostileOut],
      [...cleanArgs, '--out', cleanOut],
    ],
    2,
    (args) => runBuild(args),
  );
  assert.is(clean.status, 0, `clean ${name}: ${clean.stderr}`);
  assert.is(hostile.status, 0, `hostile ${name}: ${hostile.stderr}`);

  // (b) the same files
  assert.equal(fileSet(hostileOut), fileSet(cleanOut), `${name}: the hostile build writes other files than the clean one`);

  // (a) no markup, no URL that the clean pages lack
  const cleanMarkup = siteMarkup(cleanOut);
  const problems: string[] = [];
  for (const [key, m] of siteMarkup(hostileOut)) {
    const c = cleanMarkup.get(key);
    if (!c) continue; // (b) reported it
    for (const n of m.names) if (!c.names.has(n)) problems.push(`${key}: ${n} is not in the clean page`);
    for (const u of m.urls) if (!c.urls.has(u)) problems.push(`${key}: URL ${JSON.stringify(u.slice(0, 120))} is not in the clean page`);
  }
  assert.equal(problems, [], `${name}: markup from data`);

  // every published asset is one the project owns
  assert.equal(foreignAssets(hostileOut), [], `${name}: assets the project does not own`);
  assert.ok(readdirSync(path.join(hostileOut, 'assets')).length > 2, `${name}: the bundle is there`);

  // (c) no canary
  for (const file of listFiles(hostileOut)) {
    const bytes = readFileSync(file);
    for (const form of canaryForms) assert.not.ok(bytes.includes(form), `${name}: ${path.relative(hostileOut, file)} holds the canary file's content`);
  }
  // the attacks did reach the pages as text: the test is not passing on an empty site
  const home = readFileSync(path.join(hostileOut, 'index.html'), 'utf8');
  assert.match(home, 'www.evil.example/login');
}

test('MovieLens loader: hostile titles, genres, user and movie ids publish only our own markup and files', async () => {
  await compare(
    'movielens',
    ['--ratings', corpus.hostile.ratings, '--movies', corpus.hostile.movies],
    ['--ratings', corpus.clean.ratings, '--movies', corpus.clean.movies],
  );
});

test('Netflix loader: hostile ids, titles, director, cast, country, rating, genres and descriptions likewise', async () => {
  await compare('netflix', ['--catalog', corpus.hostile.catalog, '--users', '30'], ['--catalog', corpus.clean.catalog, '--users', '30']);
});

test('hostile config values and path prefixes: one clean line, exit 2, no file contents echoed, nothing written', async () => {
  const list = attacks(canary);
  const values = [list[0], list[1], list[2], list[11], list[12], list[13], list[14], '/../../', '.', 'https://evil.example/', '//evil.example/', '/a/../'];
  const cases: { name: string; args: string[] }[] = [];
  values.forEach((v, i) => {
    // argv cannot carry NUL: those strings go through the config file only
    if (!v.includes('\0')) cases.push({ name: `--path-prefix #${i}`, args: ['--path-prefix', v] });
    if (i >= 7) return;
    const config = path.join(dir, `config-${i}.json`);
    writeFileSync(config, JSON.stringify({ pathPrefix: v, endDate: v }));
    cases.push({ name: `config pathPrefix #${i}`, args: ['--config', config] });
  });
  // a config that names the canary as an input: the error must not print its content
  const named = path.join(dir, 'config-canary.json');
  writeFileSync(named, JSON.stringify({ ratings: canary.abs, movies: canary.abs }));
  cases.push({ name: 'config naming a foreign file', args: ['--config', named] });
  const results = await pool(cases, 2, (c) => runBuild([...c.args, '--out', path.join(dir, 'never-written')]));
  results.forEach((r, i) => {
    const name = cases[i].name;
    assert.is(r.status, 2, `${name}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.is(lines.length, 1, `${name}: one line: ${JSON.stringify(r.stderr)}`);
    assert.match(lines[0], /^error: /, name);
    assert.not.match(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e]/, `${name}: raw control characters in ${JSON.stringify(r.stderr)}`);
    assert.not.ok(r.stderr.includes(canaryText), `${name}: echoed the file's content`);
  });
  assert.equal(listFiles(dir).filter((f) => f.includes('never-written')), []);
});

test.run();
