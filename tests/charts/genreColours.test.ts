// One colour for one genre, everywhere in a site (issue 12, item 1): the mapping itself, and every
// whole-site golden build (tests/site/golden/<case>/, pages and SVG downloads) read back: in each
// chart no two genres share a hue, and a genre has the same colour in every chart of its build.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENRE_HUES, OTHER_GENRE_COLOUR, OTHER_GENRES_LABEL, genreColoursByVolume } from '../../build/charts/genreColours.ts';

const GOLDEN = fileURLToPath(new URL('../site/golden/', import.meta.url));

test('genre colours: ordered by volume, ties by code point, the rest in an Other group', () => {
  const volumes: [string, number][] = [['b', 5], ['a', 5], ['Z', 5], ['c', 9], ...Array.from({ length: 10 }, (_, i): [string, number] => [`g${i}`, 1])];
  const c = genreColoursByVolume(volumes);
  assert.equal(c.order.slice(0, 4), ['c', 'Z', 'a', 'b']);
  assert.is(c.leading.length, GENRE_HUES.length);
  assert.is(c.colour('c'), GENRE_HUES[0]);
  assert.is(c.colour('Z'), GENRE_HUES[1]);
  assert.is(c.colour(c.others[0]), OTHER_GENRE_COLOUR);
  assert.is(c.group(c.others[0]), OTHER_GENRES_LABEL);
  assert.is(new Set(c.leading.map(c.colour)).size, c.leading.length);
  // the same data in another order gives the same mapping
  const again = genreColoursByVolume([...volumes].reverse());
  assert.equal(again.order, c.order);
});

test('genre colours: every hue keeps 3:1 contrast on the light and the dark page', () => {
  const lum = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string): number => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // --bg of templates/assets/styles.css, light and dark
  for (const hue of [...GENRE_HUES, OTHER_GENRE_COLOUR]) {
    assert.ok(contrast(hue, '#ffffff') >= 3, `${hue} on white: ${contrast(hue, '#ffffff').toFixed(2)}`);
    assert.ok(contrast(hue, '#15171a') >= 3, `${hue} on #15171a: ${contrast(hue, '#15171a').toFixed(2)}`);
  }
});

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return filesOf(p);
    return /\.(html|svg)$/.test(name) ? [p] : [];
  });
}

const ATTR = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Every chart SVG in a built site: its id and the (genre, colour) of each mark that has a data-genre. */
function chartsIn(file: string): { chart: string; marks: { genre: string; colour: string }[] }[] {
  // The golden normalisation only adds line breaks after '>': undo them.
  const text = readFileSync(file, 'utf8').replace(/>\n/g, '>');
  const out: { chart: string; marks: { genre: string; colour: string }[] }[] = [];
  for (const m of text.matchAll(/<svg\b[^>]*aria-labelledby="([^"\s]+)-title[^"]*"[^>]*>([\s\S]*?)<\/svg>/g)) {
    const marks: { genre: string; colour: string }[] = [];
    for (const tag of m[2].matchAll(/<[a-z]+\b[^>]*\sdata-genre="[^"]*"[^>]*>/g)) {
      const genre = ATTR(tag[0], 'data-genre')!;
      const colour = (tag[0].startsWith('<path') ? ATTR(tag[0], 'stroke') : ATTR(tag[0], 'fill')) ?? '';
      marks.push({ genre, colour: colour.toLowerCase() });
    }
    out.push({ chart: m[1], marks });
  }
  return out;
}

const cases = readdirSync(GOLDEN).filter((c) => statSync(path.join(GOLDEN, c)).isDirectory());

for (const name of cases) {
  test(`golden build "${name}": one colour per genre across charts, no hue shared within a chart`, () => {
    const colourOf = new Map<string, { colour: string; where: string }>();
    let charts = 0;
    const chartsWithGenres = new Set<string>();
    for (const file of filesOf(path.join(GOLDEN, name)).filter((f) => !f.endsWith('-changed'))) {
      for (const { chart, marks } of chartsIn(file)) {
        if (marks.length === 0) continue;
        charts++;
        chartsWithGenres.add(chart);
        const where = `${chart} in ${path.relative(GOLDEN, file)}`;
        const genreOfHue = new Map<string, string>();
        for (const { genre, colour } of marks) {
          assert.ok(/^#[0-9a-f]{6}$/.test(colour), `${where}: ${genre} has colour "${colour}"`);
          const seen = colourOf.get(genre);
          if (seen) assert.is(colour, seen.colour, `${genre}: ${colour} in ${where}, ${seen.colour} in ${seen.where}`);
          else colourOf.set(genre, { colour, where });
          if (colour === OTHER_GENRE_COLOUR) continue; // the grey of the "Other genres" group
          const other = genreOfHue.get(colour);
          assert.ok(other === undefined || other === genre, `${where}: ${other} and ${genre} share ${colour}`);
          genreOfHue.set(colour, genre);
        }
      }
    }
    assert.ok(charts > 0, `${name}: no chart colours by genre`);
    for (const id of ['genre-cloud', 'user-genre-sankey']) assert.ok(chartsWithGenres.has(id), `${name}: ${id} has genre marks`);
    const hues = new Set([...colourOf.values()].map((v) => v.colour));
    assert.ok(hues.size <= GENRE_HUES.length + 1, `${name}: ${hues.size} colours`);
  });
}

test.run();
