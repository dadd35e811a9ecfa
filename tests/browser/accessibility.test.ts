// axe-core in Chromium on the home page, the users index and a user page, in light and dark:
// no serious or critical violations. The page's CSP forbids inline script, so axe is evaluated
// through the DevTools protocol (page.evaluate), which the CSP does not govern.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { keyPages, ROOT, testBrowser, testSite, useSharedSite, type BuiltSite } from './site.ts';

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let site: BuiltSite;
useSharedSite(test);

test.before(async () => {
  site = await testSite();
});

async function runAxe(page: Page): Promise<{ violations: Violation[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(document);
    return { violations: r.violations, passes: r.passes.length };
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations (${colorScheme})`, async () => {
    const browser = await testBrowser();
    const ctx = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    for (const { name, url } of keyPages(site)) {
      await page.goto(url, { waitUntil: 'networkidle' });
      const { violations, passes } = await runAxe(page);
      // axe really ran: it reports the rules the page passes.
      assert.ok(passes > 10, `${name}: axe ran (${passes} passing rules)`);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.equal(
        bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`),
        [],
        `${name} (${colorScheme})`,
      );
    }
    await ctx.close();
  });
}

test.run();
