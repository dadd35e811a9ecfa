// Whole-site golden cases (issue 13), in the manner of Observable Framework's test/build-test.ts:
// each case is a tiny seeded build run through the real CLI into a temp folder, and its output is
// compared with tests/site/golden/<case>/ — first the set of files (exact), then each file's
// normalised content. A change to any page therefore shows up as a reviewed diff of the goldens.
//
// Normalisation, so the goldens hold what matters and stay small enough to review:
// - hashed asset names (`assets/main-DkRTLVzp.js`) become `main-[hash].js`, in file names and in
//   every reference to them; the contents of main.js and main.css are still compared;
// - binary files (the Inter fonts) are compared by name only: their golden holds one line saying so;
// - the package version in the generator line and in .streaming-reco-report.json becomes
//   `[version]`, and the output folder and project root become `[out]` and `[root]`;
// - base64 data: URLs longer than 200 characters (the user charts' CSV and SVG downloads) are
//   stored as `data:<type>;base64,[sha256 <16 hex>, <n> chars]` — their content is the chart and
//   table the page shows inline, which the golden keeps in full;
// - lines longer than 160 characters are broken after each `>` (HTML, SVG) or after `{`, `}` and
//   `;` (CSS, JS), so a one-attribute change is a one-line diff. Only added line breaks: joining
//   the broken lines gives the (otherwise normalised) output back.
//
// A difference writes `<file>-changed` beside the golden (git-ignored: compare the two with any
// diff tool) and fails with the list of changed files. A missing case folder is created locally
// (review and commit it) but is a failure when CI is set. To accept a deliberate change:
// `UPDATE_GOLDEN=1 TZ=UTC NO_COLOR=1 npx uvu -r tsx tests/site golden` (or delete the case folder
// and re-run), then review `git diff tests/site/golden`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pool, ROOT, runBuild } from '../cli/run.ts';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const CI = Boolean(process.env.CI);
const UPDATE = Boolean(process.env.UPDATE_GOLDEN) && !CI;
const VERSION: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** Case name → CLI flags (besides --out). Each builds in a few seconds. */
const CASES: Record<string, string[]> = {
  default: [], // seed 42, 10 users × 20 titles
  'seed-7-drafts': ['--seed', '7', '--drafts'], // every claim holds: the empty drafts page
  'seed-3-drafts': ['--seed', '3', '--drafts'], // top genre is Fantasy: a failed claim as a warning
  movielens: ['--ratings', 'tests/fixtures/data/ml-latest-small/ratings.csv', '--movies', 'tests/fixtures/data/ml-latest-small/movies.csv'],
  netflix: ['--catalog', 'tests/fixtures/data/netflix/netflix_titles.csv', '--users', '12'],
  'path-prefix': ['--path-prefix', '/report/', '--users', '5'],
  // a service's own data (--data): plays only, plans of its own, devices by other names
  'service-plays': ['--data', 'tests/fixtures/data/service'],
};

const BINARY = /\.(woff2?|ttf|otf|png|jpe?g|gif|webp|ico)$/;
const HASHED = /-[A-Za-z0-9_-]{8}(\.(?:js|css|woff2?|ttf|svg|png))$/; // Vite's `[name]-[hash][ext]`
const CHANGED = '-changed';
const WRAP_AT = 160;

const tmp = mkdtempSync(path.join(tmpdir(), 'golden-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every case built once, two at a time (2 cores); each test awaits its own. */
let builds: Promise<Map<string, string | null>> | undefined;
function built(name: string): Promise<string | null> {
  builds ??= pool(Object.entries(CASES), 2, async ([n, args]) => {
    const out = path.join(tmp, n);
    const r = await runBuild([...args, '--out', out]);
    return [n, r.status === 0 ? out : `build failed (${r.status}):\n${r.stderr}`] as const;
  }).then((rs) => new Map(rs));
  return builds.then((m) => m.get(name)!);
}

/** Relative '/'-separated paths of every file under `dir`, skipping `*-changed` leftovers. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith(CHANGED)) out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const unhash = (rel: string) => (rel.startsWith('assets/') ? rel.replace(HASHED, '-[hash]$1') : rel);

function wrap(line: string, ext: string): string {
  if (line.length <= WRAP_AT) return line;
  const after = ext === '.css' || ext === '.js' ? /([{};])(?=.)/g : />(?=.)/g;
  return line.replace(after, (m) => `${m}\n`);
}

/** The golden form of one output file's text. `renames` maps hashed asset base names to unhashed. */
function normalise(text: string, rel: string, out: string, renames: Map<string, string>): string {
  let t = text.split(out).join('[out]').split(ROOT.replace(/\/$/, '')).join('[root]');
  for (const [from, to] of renames) t = t.split(from).join(to);
  t = t.split(`streaming-reco-report ${VERSION}`).join('streaming-reco-report [version]');
  if (rel === '.streaming-reco-report.json') t = t.split(`"version":"${VERSION}"`).join('"version":"[version]"');
  t = t.replace(/(data:[\w/+.-]+(?:;[\w=.-]+)*;base64,)([A-Za-z0-9+/=]{200,})/g, (_, head: string, body: string) => {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    return `${head}[sha256 ${hash}, ${body.length} chars]`;
  });
  const ext = path.extname(rel);
  return t.split('\n').map((l) => wrap(l, ext)).join('\n');
}

/** Output folder → golden relative path → golden content. */
function goldenForm(out: string): Map<string, string> {
  const files = listFiles(out);
  const renames = new Map<string, string>();
  for (const rel of files) if (unhash(rel) !== rel) renames.set(path.basename(rel), path.basename(unhash(rel)));
  const form = new Map<string, string>();
  for (const rel of files) {
    const content = BINARY.test(rel) ? 'binary: compared by name only\n' : normalise(readFileSync(path.join(out, rel), 'utf8'), rel, out, renames);
    assert.not.ok(form.has(unhash(rel)), `${rel}: two outputs share the golden name ${unhash(rel)}`);
    form.set(unhash(rel), content);
  }
  return form;
}

function write(dir: string, form: Map<string, string>) {
  for (const [rel, content] of form) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

for (const name of Object.keys(CASES)) {
  test(`golden site: ${name} (${['build', ...CASES[name]].join(' ')})`, async () => {
    const out = await built(name);
    assert.ok(out && !out.startsWith('build failed'), out ?? 'no build');
    const actual = goldenForm(out!);
    const dir = path.join(GOLDEN, name);
    if (UPDATE || !existsSync(dir)) {
      assert.not.ok(CI, `${path.relative(ROOT, dir)} is missing: goldens are never created in CI; run the test locally and commit them`);
      rmSync(dir, { recursive: true, force: true });
      write(dir, actual);
      console.log(`  wrote ${path.relative(ROOT, dir)}/ (${actual.size} files): review and commit it`);
      return;
    }
    // stale diffs from an earlier run
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (rel.endsWith(CHANGED)) rmSync(path.join(dir, rel));
    const expected = listFiles(dir);
    const added = [...actual.keys()].filter((rel) => !expected.includes(rel));
    const removed = expected.filter((rel) => !actual.has(rel));
    const changed: string[] = [];
    for (const rel of [...actual.keys()].sort()) {
      const golden = path.join(dir, rel);
      if (expected.includes(rel) && readFileSync(golden, 'utf8') === actual.get(rel)) continue;
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden + CHANGED, actual.get(rel)!);
      if (expected.includes(rel)) changed.push(rel);
    }
    // the file set first (exact), then the contents
    assert.equal({ added, removed }, { added: [], removed: [] }, `${name}: the set of output files changed (new files are written as <file>${CHANGED})`);
    assert.equal(changed, [], `${name}: changed files (see tests/site/golden/${name}/<file>${CHANGED}; UPDATE_GOLDEN=1 accepts them)`);
  });
}

test.run();
