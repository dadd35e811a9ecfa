// The users index in Chromium: search by id and each filter narrow the list and the visible
// count says so; "Show more" renders the next batch; without JavaScript the plain list stays.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { testBrowser, testSite, useSharedSite, type BuiltSite } from './site.ts';

interface Entry {
  id: string;
  plan: string | null;
  region: string | null;
  topGenres: string[];
}

let site: BuiltSite;
let users: Entry[];
let page: Page;
useSharedSite(test);

test.before(async () => {
  site = await testSite();
  users = JSON.parse(readFileSync(path.join(site.dir, 'users', 'index.json'), 'utf8')) as Entry[];
  const browser = await testBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

test.after(async () => {
  await page?.context().close();
});

async function open(): Promise<void> {
  await page.goto(`${site.url}/users/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#user-filters:not([hidden])');
}

/** The count line's "Showing X of Y matching users" figures and the rows actually rendered. */
async function state(): Promise<{ shown: number; matching: number; rows: string[] }> {
  const text = (await page.textContent('#user-count')) ?? '';
  const m = /Showing ([\d,]+) of ([\d,]+) matching users/.exec(text);
  assert.ok(m, `count line: ${text}`);
  const rows = await page.$$eval('#user-list .user-row', (lis) => lis.map((li) => li.textContent ?? ''));
  return { shown: Number(m[1].replace(/,/g, '')), matching: Number(m[2].replace(/,/g, '')), rows };
}

test('the script replaces the pager with the full index and counts every user', async () => {
  await open();
  assert.is(users.length, 60, 'SMALL_SITE_FLAGS: --users 60, more than one batch of 50');
  const s = await state();
  assert.is(s.matching, users.length);
  assert.is(s.shown, 50);
  assert.is(s.rows.length, 50);
  assert.ok(await page.isVisible('#user-more'));
});

test('"Show more" renders the next batch and then hides', async () => {
  await open();
  await page.click('#user-more');
  const s = await state();
  assert.is(s.shown, users.length);
  assert.is(s.rows.length, users.length);
  assert.not.ok(await page.isVisible('#user-more'));
});

test('search by id narrows to the users whose id contains the text', async () => {
  await open();
  const target = users[users.length - 1];
  await page.fill('#user-search', target.id);
  const s = await state();
  const expected = users.filter((u) => u.id.toLowerCase().includes(target.id.toLowerCase()));
  assert.is(s.matching, expected.length);
  assert.is(s.matching, 1, `ids run 101–160: only ${target.id} contains "${target.id}"`);
  assert.ok(s.rows.some((r) => r.includes(`User ${target.id}`)));
  await page.fill('#user-search', 'no-such-user-id');
  const none = await state();
  assert.is(none.matching, 0);
  assert.is(none.rows.length, 0);
});

// The choices the simulated users of SMALL_SITE_FLAGS (seed 42) have: every plan, region and
// top genre that occurs among them.
const CHOICES: Record<string, string[]> = {
  '#filter-plan': ['Basic', 'Premium', 'Standard'],
  '#filter-region': ['Canada', 'India', 'UK', 'USA'],
  '#filter-genre': ['Animation', 'Comedy', 'Crime', 'Drama', 'Fantasy', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller'],
};

for (const [select, field] of [
  ['#filter-plan', 'plan'],
  ['#filter-region', 'region'],
  ['#filter-genre', 'topGenres'],
] as const) {
  test(`${select} keeps only matching users and updates the count`, async () => {
    await open();
    const values = await page.$$eval(`${select} option`, (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    assert.equal(values, CHOICES[select], `${select} offers choices`);
    for (const value of values) {
      await page.selectOption(select, value);
      const expected = users.filter((u) => (field === 'topGenres' ? u.topGenres.includes(value) : u[field] === value));
      const s = await state();
      assert.is(s.matching, expected.length, `${select}=${value}`);
      assert.is(s.rows.length, Math.min(50, expected.length));
      for (const row of s.rows) assert.ok(row.includes(value), `row "${row}" shows ${value}`);
    }
  });
}

test('filters combine, and Clear brings every user back', async () => {
  await open();
  const u = users.find((x) => x.plan && x.region && x.topGenres.length > 0)!;
  await page.selectOption('#filter-plan', u.plan!);
  await page.selectOption('#filter-region', u.region!);
  await page.selectOption('#filter-genre', u.topGenres[0]);
  const expected = users.filter((x) => x.plan === u.plan && x.region === u.region && x.topGenres.includes(u.topGenres[0]));
  const s = await state();
  assert.is(s.matching, expected.length);
  assert.ok(s.rows.some((r) => r.includes(`User ${u.id}`)));
  await page.click('.filter-reset');
  await page.waitForFunction((n) => (document.getElementById('user-count')?.textContent ?? '').includes(`of ${n} matching`), users.length);
  assert.is((await state()).matching, users.length);
});

test('without JavaScript the plain list shows the first page and no filter form', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(`${site.url}/users/`);
  const rows = await p.$$eval('#user-list .user-row', (lis) => lis.length);
  assert.is(rows, Math.min(200, users.length));
  assert.not.ok(await p.isVisible('#user-filters'));
  await ctx.close();
});

test.run();
