// Every colour a chart draws with keeps 3:1 contrast (WCAG 1.4.11, graphical objects) against the
// page background of both themes, read from the site's stylesheet so the two cannot drift apart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ACCENT, CATEGORICAL } from '../../build/charts/palette.ts';
import { GENRE_HUES, OTHER_GENRE_COLOUR } from '../../build/charts/genreColours.ts';

const CSS = readFileSync(fileURLToPath(new URL('../../templates/assets/styles.css', import.meta.url)), 'utf8');

/** The stylesheet's --bg: the first is the light theme's, the one inside prefers-color-scheme: dark the dark theme's. */
function backgrounds(): { light: string; dark: string } {
  const light = /--bg:\s*(#[0-9a-f]{6})/i.exec(CSS)?.[1];
  const darkBlock = CSS.slice(CSS.indexOf('prefers-color-scheme: dark'));
  const dark = /--bg:\s*(#[0-9a-f]{6})/i.exec(darkBlock)?.[1];
  assert.ok(light && dark, 'styles.css sets --bg for both themes');
  return { light: light!, dark: dark! };
}

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('palette: every categorical, accent and genre colour has 3:1 contrast on the light and the dark page', () => {
  const { light, dark } = backgrounds();
  assert.ok(luminance(light) > 0.9 && luminance(dark) < 0.02, `backgrounds ${light} / ${dark}`);
  for (const colour of [...CATEGORICAL, ACCENT, ...GENRE_HUES, OTHER_GENRE_COLOUR]) {
    for (const [theme, bg] of [['light', light], ['dark', dark]]) {
      const c = contrast(colour, bg);
      assert.ok(c >= 3, `${colour} on the ${theme} page (${bg}): ${c.toFixed(2)}:1`);
    }
  }
});

test('palette: the colours of each set are distinct', () => {
  assert.is(new Set(CATEGORICAL.map((c) => c.toLowerCase())).size, CATEGORICAL.length);
  assert.is(new Set([...GENRE_HUES, OTHER_GENRE_COLOUR].map((c) => c.toLowerCase())).size, GENRE_HUES.length + 1);
});

test.run();
