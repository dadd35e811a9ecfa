// Front matter is checked where content is read (build/site/frontMatter.ts): every section has a
// title, an id and an order, ids and orders are unique, and each mistake is one line naming
// file:line and the fix. In the dev server the same error becomes the section's content.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSections, readFrontMatter } from '../../build/site/frontMatter.ts';
import { bindContent } from '../../build/site/content.ts';
import { InsightError } from '../../build/insights/insightError.ts';
import { resolveConfig } from '../../build/config.ts';
import { runPipeline } from '../../build/pipeline.ts';
import type { UserError } from '../../build/util/errors.ts';
import { ROOT } from '../cli/run.ts';

const ok = (fm: string, body = 'Text.\n') => `---\n${fm}\n---\n${body}`;

function fails(text: string, message: RegExp, file = 'content/x.md') {
  try {
    readFrontMatter(text, file);
  } catch (err) {
    assert.instance(err, InsightError);
    assert.match((err as Error).message, message);
    assert.not.match((err as Error).message, /\n/);
    assert.is((err as InsightError).exitCode, 2);
    return;
  }
  assert.unreachable(`should fail: ${JSON.stringify(text)}`);
}

test('every file in content/ has valid, unique front matter', () => {
  const dir = path.join(ROOT, 'content');
  const metas = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => readFrontMatter(readFileSync(path.join(dir, f), 'utf8'), `content/${f}`));
  assert.ok(metas.length >= 8);
  checkSections(metas);
});

test('a valid block: fields, quotes, the body line', () => {
  const meta = readFrontMatter(ok('title: "The data: what we have"\nsection: data\n# a comment\norder: 20'), 'content/20-data.md');
  assert.equal([meta.title, meta.section, meta.order, meta.bodyLine, meta.lines], ['The data: what we have', 'data', 20, 7, { title: 2, section: 3, order: 5, end: 6 }]);
  assert.is(readFrontMatter(ok("title: 'It''s'\nsection: a\norder: -1.5"), 'f').title, "It's");
});

test('missing, invalid and repeated fields name the file, the line and the fix', () => {
  fails('Text only\n', /^content\/x\.md:1: no front matter: start the file with a --- line/);
  fails('---\ntitle: T\n', /^content\/x\.md:1: the front matter is never closed/);
  fails(ok('section: a\norder: 1'), /^content\/x\.md:4: front matter has no title: add "title: …"/);
  fails(ok('title:\nsection: a\norder: 1'), /^content\/x\.md:2: front matter has no title/);
  fails(ok('title: T\norder: 1'), /^content\/x\.md:4: front matter has no section: add "section: …" \(an id of lowercase/);
  fails(ok('title: T\nsection: a'), /^content\/x\.md:4: front matter has no order: add "order: …"/);
  fails(ok('title: T\nsection: The Data\norder: 1'), /^content\/x\.md:3: section "The Data" is not an id: use lowercase letters, digits and - only, such as "section: the-data"$/);
  fails(ok('title: T\nsection: a\norder: ten'), /^content\/x\.md:4: order "ten" is not a number: write a number such as "order: 10"$/);
  fails(ok('title: T\ntitle: U\nsection: a\norder: 1'), /^content\/x\.md:3: "title" is given twice in the front matter \(first on line 2\): keep one$/);
  fails(ok('title: T\ntags:\n  - a\nsection: a\norder: 1'), /^content\/x\.md:4: front matter lines are "key: value"/);
});

test('section ids and orders are unique across files', () => {
  const a = readFrontMatter(ok('title: A\nsection: data\norder: 10'), 'content/a.md');
  const b = readFrontMatter(ok('title: B\nsection: data\norder: 20'), 'content/b.md');
  const c = readFrontMatter(ok('title: C\nsection: c\norder: 10'), 'content/c.md');
  assert.throws(() => checkSections([b, a]), (e: Error) => e instanceof InsightError && e.message === 'content/b.md:3: section "data" is already the id of content/a.md: give each section its own id');
  assert.throws(() => checkSections([a, c]), (e: Error) => e.message === 'content/c.md:4: order 10 is already the order of content/a.md: give each section its own order');
});

test('bindContent checks front matter: the build throws, the dev server shows the error in place', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fm-'));
  try {
    writeFileSync(path.join(dir, '10-a.md'), ok('title: A\nsection: a\norder: 10'));
    writeFileSync(path.join(dir, '20-b.md'), ok('title: B\nsection: b'));
    const { config } = resolveConfig([], { cwd: dir });
    const pipeline = await runPipeline(config);
    const opts = { pipeline, drafts: false, pathPrefix: '/' };
    assert.throws(() => bindContent(dir, dir, opts), (e: Error) => e instanceof InsightError && e.message.startsWith('20-b.md:4: front matter has no order'));
    const seen: UserError[] = [];
    const content = bindContent(dir, dir, { ...opts, onError: (e) => seen.push(e) });
    assert.equal(seen.map((e) => e.message), ['20-b.md:4: front matter has no order: add "order: …" (a number placing the section on the page, such as 10)']);
    // the bad file's Markdown is a placeholder for the error box
    const markdown = content.bind('Text.\n', '20-b.md', 5);
    assert.equal(seen.length, 2, 'an error is not cached: each render checks again');
    assert.match(markdown, /\S/);
    // a binding error in an edited file is shown the same way: one line, file and line
    content.bind('Text {{ no_such_fact_here }}.\n', '10-a.md', 5);
    assert.is(seen.length, 3);
    assert.match(seen[2].message, /^10-a\.md:5: .*no_such_fact_here/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
