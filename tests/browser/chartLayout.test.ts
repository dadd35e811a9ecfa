// Charts on every width (issue 12, item 4), on the default and the MovieLens builds. On a 375 px phone every chart's text renders at 11 CSS
// px or more (the SVG keeps its design width and its figure scrolls sideways instead of shrinking
// it), the page itself never scrolls sideways, and on a desk a chart grows with its column.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keyPages, testBrowser, testSite, useSharedSite, type BuiltSite } from './site.ts';

let site: BuiltSite;
let movielens: BuiltSite;
useSharedSite(test);

test.before(async () => {
  site = await testSite();
  movielens = await testSite('movielens');
});

interface ChartText {
  chart: string;
  smallest: number;
  text: string;
  texts: number;
}

/** Per chart on the page: the smallest rendered font size (CSS px) of any visible text in its SVG. */
function smallestText(): ChartText[] {
  return Array.from(document.querySelectorAll<SVGSVGElement>('.chart-svg > svg')).map((svg) => {
    let smallest = Infinity;
    let text = '';
    let texts = 0;
    for (const el of Array.from(svg.querySelectorAll<SVGTextElement>('text'))) {
      const content = (el.textContent ?? '').trim();
      if (!content || el.getBBox().width === 0) continue;
      const m = el.getScreenCTM();
      if (!m) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      texts++;
      if (px < smallest) {
        smallest = px;
        text = content;
      }
    }
    return { chart: svg.closest('figure')?.id ?? '?', smallest, text, texts };
  });
}

test('at 375 px every chart text is 11 px or larger and only a figure scrolls sideways', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await ctx.newPage();
  const [home, , user] = keyPages(site);
  const [mlHome, , mlUser] = keyPages(movielens).map((p) => ({ ...p, name: `movielens ${p.name}` }));
  for (const { name, url } of [home, user, mlHome, mlUser]) {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const charts = await page.evaluate(smallestText);
    assert.ok(charts.length >= (name.endsWith('home') ? 5 : 1), `${name}: ${charts.length} charts`);
    for (const c of charts) {
      assert.ok(c.texts > 0, `${name} ${c.chart}: no text measured`);
      assert.ok(c.smallest >= 11 - 0.01, `${name} ${c.chart}: "${c.text}" renders at ${c.smallest.toFixed(2)} px`);
    }
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `${name}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
    // a chart wider than the screen is reachable: its own container scrolls
    const unreachable = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.chart-svg'))
        .filter((box) => box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'auto' && getComputedStyle(box).overflowX !== 'scroll')
        .map((box) => box.closest('figure')?.id),
    );
    assert.equal(unreachable, [], `${name}: clipped charts`);
    // and says so: a shadow on the side with more chart (scrolling backgrounds), hidden at each end
    const uncued = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.chart-svg'))
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .filter((box) => {
          const attach = getComputedStyle(box).backgroundAttachment.split(',').map((a) => a.trim());
          return !(attach.filter((a) => a === 'local').length === 2 && attach.filter((a) => a === 'scroll').length === 2);
        })
        .map((box) => box.closest('figure')?.id),
    );
    assert.equal(uncued, [], `${name}: charts that scroll with no cue`);
  }
  await ctx.close();
});

test('on a 1,280 px desk the charts grow past their design width and text stays at most 18 px', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(keyPages(site)[0].url, { waitUntil: 'networkidle' });
  const sizes = await page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>('.report .chart-svg > svg, main .chart-svg > svg')).map((svg) => ({
      id: svg.closest('figure')?.id ?? '?',
      rendered: svg.getBoundingClientRect().width,
      design: svg.viewBox.baseVal.width,
      column: (svg.closest('.chart-svg') as HTMLElement).clientWidth,
    })),
  );
  assert.ok(sizes.length > 0);
  for (const s of sizes) {
    // fills the column, up to 1.5 × its design width
    assert.ok(Math.abs(s.rendered - Math.min(s.column, 1.5 * s.design)) <= 1, `${s.id}: ${s.rendered} px wide in a ${s.column} px column (design ${s.design})`);
  }
  await ctx.close();
});

test('no word is broken mid-word in the navigation, the contents, tables or cards at 375 px', async () => {
  const browser = await testBrowser();
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await ctx.newPage();
  for (const { name, url } of [...keyPages(site), ...keyPages(movielens).map((p) => ({ ...p, name: `movielens ${p.name}` }))]) {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    // A word split across lines shows as one word whose characters sit on two line boxes.
    const broken = await page.evaluate(() => {
      const out: string[] = [];
      const roots = document.querySelectorAll('.site-nav, .toc, table, .rec-card, .user-row, .user-facts, .breadcrumbs');
      for (const root of Array.from(roots)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const text = node.data;
          for (const m of text.matchAll(/[^\s\u00a0/–—-]{2,}/g)) {
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
      }
      return out;
    });
    assert.equal(broken, [], `${name}: words broken across lines`);
  }
  await ctx.close();
});

/** Per genre mark drawn opaque: its genre, its computed colour and the page background, as rgb() strings. */
function genreMarkColours(): { genre: string; colour: string; bg: string; flowOpacity: number | null }[] {
  const bg = getComputedStyle(document.documentElement).backgroundColor;
  const flows = document.querySelector('.sankey-links');
  const flowOpacity = flows ? Number(getComputedStyle(flows).strokeOpacity) : null;
  return Array.from(document.querySelectorAll<SVGElement>('.chart-svg [data-genre]'))
    .filter((el) => el.tagName !== 'path' && Number(getComputedStyle(el).fillOpacity) === 1 && Number(getComputedStyle(el).opacity) === 1)
    .map((el) => ({ genre: el.dataset.genre ?? '', colour: getComputedStyle(el).fill, bg, flowOpacity }));
}

const relativeLuminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

test('light and dark: every genre mark keeps 3:1 contrast on the page, and the Sankey flows are denser on the dark page', async () => {
  const browser = await testBrowser();
  for (const colorScheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    for (const { name, url } of [keyPages(site)[0], keyPages(site)[2], { ...keyPages(movielens)[0], name: 'movielens home' }]) {
      await page.goto(url, { waitUntil: 'networkidle' });
      const marks = await page.evaluate(genreMarkColours);
      assert.ok(marks.length > 0, `${name}: no genre marks`);
      for (const m of marks) {
        const [hi, lo] = [relativeLuminance(m.colour), relativeLuminance(m.bg)].sort((a, b) => b - a);
        const contrast = (hi + 0.05) / (lo + 0.05);
        assert.ok(contrast >= 3, `${name} ${colorScheme}: ${m.genre} ${m.colour} on ${m.bg} is ${contrast.toFixed(2)}:1`);
      }
      if (name.endsWith('home')) assert.is(marks[0].flowOpacity, colorScheme === 'dark' ? 0.7 : 0.45, `${name} ${colorScheme}: Sankey flow opacity`);
    }
    await ctx.close();
  }
});

test.run();
