// The dev server's Eleventy configuration (.eleventy.js, what `npm run dev` serves) renders the
// whole site in one pass: the report, the user pages and the downloads as their own bytes. Read
// through Eleventy's JSON output: what the dev server would serve, without Vite's build step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { ROOT } from '../cli/run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dev-config-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('.eleventy.js renders the home page, user pages and CSV downloads that are CSV', async () => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  let pages: { url: string; content: string }[];
  try {
    // toJSON is Eleventy's documented programmatic API; its bundled types leave it out.
    const eleventy = new Eleventy('content', path.join(dir, 'site'), { configPath: '.eleventy.js', quietMode: true }) as unknown as { toJSON(): Promise<unknown> };
    pages = (await eleventy.toJSON()) as typeof pages;
  } finally {
    process.chdir(cwd);
  }
  const byUrl = new Map(pages.map((p) => [p.url, p.content]));
  for (const url of ['/', '/users/', '/users/101.html', '/drafts/']) assert.ok(byUrl.has(url), `${url} among ${[...byUrl.keys()].slice(0, 8).join(' ')}`);
  assert.match(byUrl.get('/users/101.html')!, /<h1[^>]*>[^<]*101/);
  const csv = byUrl.get('/data/ratings.csv');
  assert.ok(csv, 'the ratings download is a page of the dev site');
  assert.match(csv!, /^user_id,title_id,rating\n/, 'the download is the CSV itself, not Markdown rendered to HTML');
});

test.run();
