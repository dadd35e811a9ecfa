// Screenshots of the home page, the users index and a user page of the default and the MovieLens
// builds in both themes, at laptop and phone widths (full pages), into test-artifacts/screenshots/ for CI to keep
// and for people to look at. The test also checks the dark theme really is dark, and that each
// PNG has the viewport's width, at least its height, and is not blank: decoded here
// (8-bit RGB/RGBA, non-interlaced, what Chromium writes) and counted for distinct colours.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { keyPages, ROOT, SITE_FLAGS, testBrowser, testSite, useSharedSite, type BuiltSite, type SiteName } from './site.ts';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const sites = new Map<SiteName, BuiltSite>();
useSharedSite(test);

test.before(async () => {
  for (const name of Object.keys(SITE_FLAGS) as SiteName[]) sites.set(name, await testSite(name));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Width, height and number of distinct colours of a PNG: enough to tell a rendered page from a blank one. */
function pngSummary(png: Buffer): { width: number; height: number; colours: number } {
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = data;
    else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  assert.ok(header, 'IHDR chunk');
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  const [depth, colourType, , , interlace] = header!.subarray(8, 13);
  assert.equal([depth, interlace], [8, 0], '8-bit, non-interlaced');
  const bpp = ({ 2: 3, 6: 4 } as Record<number, number>)[colourType];
  assert.ok(bpp, `colour type ${colourType} is RGB or RGBA`);
  // undo the per-row filters (PNG spec, section 9) and count colours
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  let prev = Buffer.alloc(stride);
  const colours = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; filter !== 0 && i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = (row[i] + add) & 0xff;
    }
    for (let i = 0; i < stride; i += bpp) colours.add(row.readUIntBE(i, 3));
    prev = row;
  }
  return { width, height, colours: colours.size };
}

/** Relative luminance (0–1) of a computed `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const [siteName, colorScheme] of [['default', 'light'], ['default', 'dark'], ['movielens', 'light'], ['movielens', 'dark']] as const) {
  test(`screenshots of the ${siteName} build in the ${colorScheme} theme`, async () => {
    const site = sites.get(siteName)!;
    const browser = await testBrowser();
    // full pages on both widths: the charts sit far below the first screen, and a phone's are what review needs most
    for (const [width, suffix, fullPage] of [[1280, 'desktop', true], [375, 'phone', true]] as const) {
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      for (const { name, url } of keyPages(site)) {
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(SCREENSHOT_DIR, `${siteName}-${name}-${colorScheme}-${suffix}.png`);
        await page.screenshot({ path: file, fullPage });
        const png = pngSummary(readFileSync(file));
        assert.is(png.width, width, `${file}: width`);
        // a full page is as tall as its content (font metrics decide it), at least the viewport
        if (fullPage) assert.ok(png.height >= 900, `${file}: height ${png.height}`);
        else assert.is(png.height, 900, `${file}: height`);
        // text, charts and anti-aliasing give hundreds of colours; a blank or one-colour page has 1–2
        assert.ok(png.colours >= 256, `${file}: only ${png.colours} colours, the page looks blank`);
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
