// The home page, the users index and a user page as readers get them: no horizontal scroll on
// a phone or a laptop, nothing red in the console, and the header's "you are here" state.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keyPages, testBrowser, testSite, useSharedSite, watchProblems, type BuiltSite } from './site.ts';

let site: BuiltSite;
useSharedSite(test);

test.before(async () => {
  site = await testSite();
});

for (const width of [375, 1280]) {
  test(`no horizontal scroll at ${width} px`, async () => {
    const browser = await testBrowser();
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    for (const { name, url } of keyPages(site)) {
      await page.goto(url, { waitUntil: 'networkidle' });
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `${name} at ${width} px: scrollWidth ${scrollWidth} > ${innerWidth}`);
    }
    await ctx.close();
  });
}

test('pages load with no console errors and no failed requests', async () => {
  const browser = await testBrowser();
  for (const colorScheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ colorScheme });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    for (const { url } of keyPages(site)) await page.goto(url, { waitUntil: 'networkidle' });
    assert.equal(problems, [], `${colorScheme}: ${problems.join('; ')}`);
    // The bundled font really is the one in use (not a silent system fallback).
    assert.ok(await page.evaluate(() => document.fonts.check('16px Inter')), 'Inter loaded');
    await ctx.close();
  }
});

test('the header marks the current page and, on the home page, the section in view', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const [home, users, user] = keyPages(site);
  await page.goto(users.url, { waitUntil: 'networkidle' });
  assert.is(await page.getAttribute('.site-nav a[href$="/users/"]', 'aria-current'), 'page');
  await page.goto(user.url, { waitUntil: 'networkidle' });
  assert.is(await page.getAttribute('.site-nav a[href$="/users/"]', 'class'), 'ancestor');
  assert.ok((await page.textContent('.breadcrumbs')) !== null);

  await page.goto(home.url, { waitUntil: 'networkidle' });
  const ids = await page.$$eval('.report-section', (s) => s.map((x) => x.id));
  // the eight sections of content/*.md, in their order
  assert.equal(ids, ['overview', 'data', 'matrices', 'recommendations', 'evaluation', 'engagement', 'strategy', 'method']);
  for (const id of [ids[2], ids[ids.length - 1]]) {
    await page.evaluate((sid) => document.getElementById(sid)!.scrollIntoView(), id);
    await page.waitForSelector(`.site-nav a[data-section="${id}"].active`);
    const marked = await page.$$eval('.site-nav a[aria-current="location"]', (as) => as.map((a) => (a as HTMLElement).dataset.section));
    assert.equal(marked, [id]);
  }
  await ctx.close();
});

test.run();
