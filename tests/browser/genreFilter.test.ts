// The user page's genre filter in Chromium: choosing a genre hides exactly the cards without
// it and the count says how many remain; "All genres" shows every card again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { testBrowser, testSite, useSharedSite } from './site.ts';

let page: Page;
useSharedSite(test);

test.before(async () => {
  const site = await testSite();
  const browser = await testBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${site.url}/${site.userPath}`, { waitUntil: 'networkidle' });
});

test.after(async () => {
  await page?.context().close();
});

const cards = () =>
  page.$$eval('#rec-list .rec-card', (els) =>
    els.map((el) => ({ genres: JSON.parse((el as HTMLElement).dataset.genres ?? '[]') as string[], visible: (el as HTMLElement).offsetParent !== null })),
  );

test('the filter appears when the script runs and starts with every card shown', async () => {
  assert.ok(await page.isVisible('#genre-filter'));
  const all = await cards();
  assert.is(all.length, 10, 'the --recommendations default');
  assert.ok(all.every((c) => c.visible));
  assert.is(await page.textContent('#rec-count'), `${all.length} recommendations`);
});

test('each genre hides the non-matching cards and counts the rest', async () => {
  const genres = await page.$$eval('#rec-genre option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
  // the options are exactly the genres the cards carry, in code-point order, and there are several
  const carried = [...new Set((await cards()).flatMap((c) => c.genres))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.equal(genres, carried, 'one option per genre of the recommendations');
  assert.ok(genres.length >= 3, `the user has recommendations in several genres (${genres.join(', ')})`);
  let hidSome = false;
  for (const genre of genres) {
    await page.selectOption('#rec-genre', genre);
    const all = await cards();
    const matching = all.filter((c) => c.genres.includes(genre));
    assert.ok(matching.length > 0, `${genre} is offered only when a card has it`);
    for (const c of all) assert.is(c.visible, c.genres.includes(genre), `card [${c.genres.join(', ')}] with ${genre}`);
    assert.is(await page.textContent('#rec-count'), `${matching.length} of ${all.length} recommendations`);
    if (matching.length < all.length) hidSome = true;
  }
  assert.ok(hidSome, 'at least one genre hid a card');
  await page.selectOption('#rec-genre', '');
  assert.ok((await cards()).every((c) => c.visible));
});

test.run();
