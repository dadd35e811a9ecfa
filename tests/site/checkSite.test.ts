// The link checker on hand-made pages: what it lets through and what it reports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkLinks } from '../../build/site/checkSite.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'check-site-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function site(body: string): string {
  const root = mkdtempSync(path.join(dir, 's-'));
  mkdirSync(path.join(root, 'users'));
  writeFileSync(path.join(root, 'users/a.html'), '<p id="top">a</p>');
  writeFileSync(path.join(root, 'index.html'), `<!doctype html><body>${body}</body>`);
  return root;
}

const csv = `data:text/csv;charset=utf-8;base64,${Buffer.from('genre,share\nDrama,1\n').toString('base64')}`;

test('internal links, fragments and a downloaded CSV data: URL pass', () => {
  const root = site(`<a href="/users/a.html#top">a</a> <a href="${csv}" download="user-a-affinity.csv">Data</a>`);
  assert.equal(checkLinks(root), []);
});

test('a CSV data: URL that would be opened, not downloaded, is reported', () => {
  const root = site(`<a href="${csv}">Data</a>`);
  assert.equal(checkLinks(root).map((p) => p.message.split(':')[0]), ['unsafe URL scheme']);
});

test('javascript: links, other origins, missing pages and missing fragments are reported', () => {
  const root = site('<a href="javascript:alert(1)">x</a> <a href="https://example.com/">y</a> <a href="/users/b.html">z</a> <a href="/users/a.html#nope">w</a>');
  const messages = checkLinks(root).map((p) => p.message);
  assert.is(messages.length, 4, messages.join('\n'));
  assert.match(messages[0], /^unsafe URL scheme: javascript:/);
  assert.match(messages[1], /^link to another origin/);
});

test.run();
