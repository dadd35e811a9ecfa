// A user without a page, found from the users index in Chromium: on a site that publishes pages
// for a sample (--user-pages 5 of 60 users), searching for another user's whole id fetches their
// shard and shows their top recommendations, title and reason, as the CSV download lists them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { testBrowser, testSite, useSharedSite, watchProblems, type BuiltSite } from './site.ts';
import { parseCsv } from '../site/parseCsv.ts';
import { SHARD_RECOMMENDATIONS } from '../../templates/assets/userShards.ts';

let site: BuiltSite;
let page: Page;
let problems: string[];
let withPage: string[];
let recs: Map<string, { title: string; reason: string }[]>;
useSharedSite(test);

test.before(async () => {
  site = await testSite('sample');
  withPage = (JSON.parse(readFileSync(path.join(site.dir, 'users', 'index.json'), 'utf8')) as { id: string }[]).map((u) => u.id);
  const [header, ...rows] = parseCsv(readFileSync(path.join(site.dir, 'data', 'recommendations.csv'), 'utf8'));
  recs = new Map();
  for (const r of rows) {
    const id = r[header.indexOf('user_id')];
    if (!recs.has(id)) recs.set(id, []);
    recs.get(id)!.push({ title: r[header.indexOf('title')], reason: r[header.indexOf('reason')] });
  }
  const browser = await testBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  problems = watchProblems(page);
});

test.after(async () => {
  await page?.context().close();
});

async function search(id: string): Promise<void> {
  await page.goto(`${site.url}/users/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#user-filters:not([hidden])');
  await page.fill('#user-search', id);
}

test('the sample site: 5 of 60 users have a page, and the count line says so', async () => {
  assert.is(withPage.length, 5);
  assert.is(recs.size, 60, 'the CSV covers every user');
  await search('');
  assert.match((await page.textContent('#user-count')) ?? '', /of 5 matching users \(5 with a page\)/);
  assert.not.ok(await page.isVisible('#user-lookup'));
});

test('searching a user without a page shows their top recommendations, title and reason, as text', async () => {
  const id = [...recs.keys()].find((u) => !withPage.includes(u) && recs.get(u)!.length >= SHARD_RECOMMENDATIONS)!;
  await search(id);
  await page.waitForSelector('#user-lookup:not([hidden]) .lookup-recs');
  assert.is(await page.textContent('#user-lookup h2'), `User ${id}`);
  assert.match((await page.textContent('#user-lookup .lookup-intro')) ?? '', new RegExp(`^User ${id} has no page of their own\\. Their top ${SHARD_RECOMMENDATIONS} recommendations, and why:$`));
  const shown = await page.$$eval('#user-lookup .lookup-recs li', (lis) =>
    lis.map((li) => ({ title: li.querySelector('.lookup-title')?.textContent ?? '', reason: li.querySelector('.lookup-reason')?.textContent ?? '' })),
  );
  assert.equal(shown, recs.get(id)!.slice(0, SHARD_RECOMMENDATIONS));
  // built from text nodes only: no element the script did not make itself
  const tags = await page.$$eval('#user-lookup *', (els) => [...new Set(els.map((e) => e.tagName.toLowerCase()))].sort());
  assert.equal(tags, ['h2', 'li', 'ol', 'p', 'span']);
  assert.equal(problems, []);
});

test('a user with a page is listed and linked as before, with no lookup', async () => {
  await search(withPage[0]);
  await page.waitForTimeout(400); // past the lookup's delay
  assert.not.ok(await page.isVisible('#user-lookup'));
  const rows = await page.$$eval('#user-list .user-row a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(rows.includes(`/users/${withPage[0]}.html`), rows.join(', '));
});

test('an id nobody has says so', async () => {
  await search('no-such-user');
  await page.waitForSelector('#user-lookup:not([hidden])');
  assert.match((await page.textContent('#user-lookup')) ?? '', /^No user has the id “no-such-user”\./);
  assert.equal(problems, []);
});

test('without JavaScript the page says how many users have pages, how they were chosen, and where everyone is', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(`${site.url}/users/`);
  const note = (await p.textContent('#user-pages-note')) ?? '';
  assert.match(note, /^5 of 60 users have a page\. They were drawn at random/);
  assert.ok(await p.isVisible('#user-pages-note a[href="/data/recommendations.csv"]'));
  assert.is(await p.$$eval('#user-list .user-row', (lis) => lis.length), 5);
  await ctx.close();
});

test.run();
