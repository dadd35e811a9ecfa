// Screenshots of the home page, the users index and a user page in both themes, at laptop
// (full page) and phone (first screen) widths, into test-artifacts/screenshots/ for CI to keep
// and for people to look at. The test also checks the dark theme really is dark.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { keyPages, ROOT, testBrowser, testSite, useSharedSite, type BuiltSite } from './site.ts';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let site: BuiltSite;
useSharedSite(test);

test.before(async () => {
  site = await testSite();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Relative luminance (0–1) of a computed `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots in the ${colorScheme} theme`, async () => {
    const browser = await testBrowser();
    for (const [width, suffix, fullPage] of [[1280, 'desktop', true], [375, 'phone', false]] as const) {
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      for (const { name, url } of keyPages(site)) {
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(SCREENSHOT_DIR, `${name}-${colorScheme}-${suffix}.png`);
        await page.screenshot({ path: file, fullPage });
        assert.ok(readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`);
        const [bg, fg] = await page.evaluate(() => {
          const s = getComputedStyle(document.documentElement);
          return [s.backgroundColor, s.color];
        });
        if (colorScheme === 'dark') assert.ok(luminance(bg) < 0.1 && luminance(fg) > 0.5, `${name} dark: ${bg} / ${fg}`);
        else assert.ok(luminance(bg) > 0.9 && luminance(fg) < 0.1, `${name} light: ${bg} / ${fg}`);
      }
      await ctx.close();
    }
  });
}

test.run();
