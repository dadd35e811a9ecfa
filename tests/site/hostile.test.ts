// Issue 5, items 3, 4 and 6: a catalogue whose every text field is an attack string builds, passes
// the site checks, and no attack string becomes markup, a URL, a template or a formula.
// "Unescaped" per file type:
// - .html/.svg (parsed with jsdom): no <script> other than the bundled module, no element named
//   img/iframe/object/embed from data, no on* attribute, no javascript: in href/src, and the
//   template strings survive as literal text (never evaluated to 49);
// - .json and JSON embedded in <script type="application/json">: valid JSON;
// - .csv: every cell starting with = + - @ is either a plain number or neutralised with a leading '.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { checkLinks, listFiles, validateHtml } from '../../build/site/checkSite.ts';
import { ROOT, runBuild } from '../cli/run.ts';
import { parseCsv } from './parseCsv.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hostile-site-'));
const out = path.join(dir, 'site');
const defaultOut = path.join(dir, 'default-site');
const catalog = path.join(ROOT, 'tests/fixtures/hostile/catalog.csv');

test.after(() => rmSync(dir, { recursive: true, force: true }));

function markupProblems(file: string, text: string, xml: boolean): string[] {
  const problems: string[] = [];
  const dom = new JSDOM(text, xml ? { contentType: 'image/svg+xml' } : {});
  const doc = dom.window.document;
  if (xml && doc.getElementsByTagName('parsererror').length > 0) problems.push(`${file}: not well-formed XML`);
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const name = el.localName;
    if (['img', 'iframe', 'object', 'embed'].includes(name)) problems.push(`${file}: <${name}> element`);
    if (name === 'script') {
      const type = el.getAttribute('type') ?? '';
      if (type === 'application/json') {
        try {
          JSON.parse(el.textContent ?? '');
        } catch {
          problems.push(`${file}: embedded JSON does not parse`);
        }
      } else if (!(type === 'module' && /^\/assets\/main-[\w-]+\.js$/.test(el.getAttribute('src') ?? ''))) {
        problems.push(`${file}: unexpected <script> ${el.outerHTML.slice(0, 80)}`);
      }
    }
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) problems.push(`${file}: event attribute ${attr.name} on <${name}>`);
      if (['href', 'src', 'xlink:href', 'action'].includes(attr.name) && /^\s*javascript:/i.test(attr.value)) {
        problems.push(`${file}: javascript: URL in ${attr.name}`);
      }
    }
  }
  dom.window.close();
  return problems;
}

function csvProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const row of parseCsv(text))
    for (const cell of row) {
      if (/^[=+\-@]/.test(cell) && !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(cell)) problems.push(`${file}: formula cell ${JSON.stringify(cell)}`);
    }
  return problems;
}

test('a catalogue of attack strings builds; nothing in any output file is live markup, script, URL, template or formula', async () => {
  const result = await runBuild(['--catalog', catalog, '--users', '10', '--out', out]);
  assert.is(result.status, 0, result.stderr);
  assert.equal(readdirSync(dir).sort(), ['site'], 'nothing written beside the output folder');
  const problems: string[] = [];
  let templateLiterals = 0;
  for (const file of listFiles(out)) {
    const rel = path.relative(out, file);
    if (!path.resolve(file).startsWith(path.resolve(out) + path.sep)) problems.push(`${rel}: outside the output`);
    if (/\.(woff2?|js|css)$/.test(file)) continue; // bundled assets, not data
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      problems.push(...markupProblems(rel, text, false));
      if (text.includes('{{ 7*7 }}')) templateLiterals++;
    } else if (file.endsWith('.svg')) problems.push(...markupProblems(rel, text, true));
    else if (file.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        problems.push(`${rel}: invalid JSON`);
      }
    } else if (file.endsWith('.csv')) problems.push(...csvProblems(rel, text));
  }
  assert.equal(problems, []);
  assert.ok(templateLiterals > 0, '"{{ 7*7 }}" is shown as text, not evaluated');
  // The formula strings do reach the downloads, neutralised.
  const titles = readFileSync(path.join(out, 'data/titles.csv'), 'utf8');
  assert.ok(titles.includes(`'=HYPERLINK(""http://evil"")`), 'formula neutralised with a leading apostrophe');
});

test('hostile ids become safe, unique page slugs', () => {
  const pages = readdirSync(path.join(out, 'users')).filter((n) => n !== 'index.html' && n !== 'index.json');
  // the hostile catalogue is watched by ten simulated users (--users 10), ids 101–110
  assert.is(pages.length, 10, 'the hostile build has a page per user');
  for (const page of pages) assert.match(page, /^[a-z0-9_-]+\.html$/);
  for (const file of listFiles(out)) assert.not.match(path.relative(out, file), /(^|\/)\.\.(\/|$)|passwd|[<>"\\\u202e\u200b]/);
});

test('hostile site: zero broken links or missing assets, zero HTML validation errors', async () => {
  assert.equal(checkLinks(out), []);
  assert.equal(await validateHtml(out), []);
});

test('default build: zero broken links or missing assets, zero HTML validation errors', async () => {
  const result = await runBuild(['--out', defaultOut]);
  assert.is(result.status, 0, result.stderr);
  assert.equal(checkLinks(defaultOut), []);
  assert.equal(await validateHtml(defaultOut), []);
});

test.run();
