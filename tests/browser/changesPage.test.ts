// The "What changed" page (issue 16) as a reader meets it: seed 7 with --drafts compared with a
// seed-42 build, in light and dark, at 375 and 1,280 px. The home page's line leads to it; the page
// has no console or HTTP errors, no serious axe violation, no text under 11 px, and its wide
// tables scroll inside their box, never the page. Screenshots go beside the others for review.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../build/config.ts';
import { buildReport } from '../../build/buildReport.ts';
import { serve } from './harness.ts';
import { ROOT, testBrowser, useSharedSite, watchProblems } from './site.ts';

// beside the other screenshots (tests/browser/screenshots.test.ts), not imported: that would run its tests
const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let tmp = '';
let url = '';
let close: () => Promise<void> = async () => {};
useSharedSite(test);

async function build(argv: string[]): Promise<void> {
  const { config } = resolveConfig(argv, { cwd: ROOT });
  await buildReport(config, { root: ROOT, argv, stepSummary: null });
}

test.before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'browser-changes-'));
  await build(['--out', path.join(tmp, 'previous')]);
  await build(['--seed', '7', '--drafts', '--compare', path.join(tmp, 'previous'), '--out', path.join(tmp, 'site')]);
  const server = await serve(path.join(tmp, 'site'));
  url = server.url;
  close = server.close;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

test.after(async () => {
  await close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the home page\'s line leads to the "What changed" page', async () => {
  const browser = await testBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}/`);
  const line = page.locator('.changes-line');
  assert.match((await line.innerText()).trim(), /^Since the previous build, .+ What changed →$/s);
  await line.getByRole('link', { name: 'What changed →' }).click();
  await page.waitForURL(`${url}/changes/`);
  assert.is(await page.locator('h1').innerText(), 'What changed');
  assert.is(await page.locator('.site-nav a[aria-current="page"]').innerText(), 'What changed');
  await page.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [375, 1280]) {
    test(`the "What changed" page reads at ${width} px (${colorScheme})`, async () => {
      const browser = await testBrowser();
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      const problems = watchProblems(page);
      await page.goto(`${url}/changes/`);
      await page.waitForLoadState('networkidle');
      assert.equal(problems, [], 'no console or HTTP errors');
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        let what = '';
        for (const el of document.querySelectorAll('main *')) {
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
          if (!own || (el as HTMLElement).offsetParent === null) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < min) [min, what] = [size, `${el.tagName.toLowerCase()}: ${el.textContent!.trim().slice(0, 40)}`];
        }
        return { min, what };
      });
      assert.ok(smallest.min >= 11, `text at ${smallest.min}px: ${smallest.what}`);
      const rows = await page.locator('table.changes tbody tr').count();
      assert.ok(rows > 10, `${rows} rows of changes`);
      await page.evaluate(AXE_SOURCE);
      const serious = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        const r = await axe.run(document);
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      assert.equal(serious, [], 'no serious or critical axe violations');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `compared-changes-${colorScheme}-${width}.png`), fullPage: width > 375 });
      await ctx.close();
    });
  }
}

test.run();
