import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderGenreCloud } from '../../build/charts/genreCloud.ts';
import { EVIL, genreShares } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

const words = (svg: string): string[] => Array.from(parseSvg(svg).querySelectorAll('text[data-genre]')).map((t) => t.textContent ?? '');

test('genre cloud: golden, accessible, escaped, every word placed', () => {
  const chart = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  assertStandaloneChart(chart, 'genre-cloud');
  assertEscapedText(chart, EVIL);
  assert.equal(words(chart.svg).sort(), genreShares.map((r) => r.genre).sort());
  assert.is(chart.notes, undefined);
  assertGolden('genre-cloud', chart.svg);
});

test('genre cloud: the exact shares are listed beside the cloud, in the narrative\'s format, with each genre\'s colour', () => {
  const chart = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  const doc = parseSvg(chart.svg);
  const list = Array.from(doc.querySelectorAll('text:not([data-genre])')).map((t) => t.textContent);
  assert.is(list[0], 'Share of ratings');
  assert.ok(list.includes('Drama') && list.includes('28%'), list.join(' | '));
  assert.match(chart.description, /Largest: Drama 28%, Crime 26%/);
  const dramaWord = doc.querySelector('text[data-genre="Drama"]')!.getAttribute('fill');
  const swatches = Array.from(doc.querySelectorAll('rect')).map((r) => r.getAttribute('fill'));
  assert.is(swatches[0], dramaWord, 'the list\'s swatch is the word\'s colour');
  // too narrow for both: the cloud alone
  const narrow = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings', width: 300, height: 200 });
  assert.not.match(narrow.svg, /Share of ratings/);
});

test('genre cloud: same seed, same picture; another seed, another layout', () => {
  const a = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  const b = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  const c = renderGenreCloud(genreShares, { seed: 7, measure: 'ratings' });
  assert.is(a.svg, b.svg);
  assert.is.not(a.svg, c.svg);
});

test('genre cloud: words that do not fit are reported in notes and the description', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ genre: `Genre with a long name ${i}`, count: 30 - i, share: (30 - i) / 465 }));
  const chart = renderGenreCloud(many, { seed: 1, measure: 'ratings', width: 200, height: 80 });
  const placed = words(chart.svg);
  assert.ok(placed.length < many.length, 'the tiny canvas cannot hold 30 long words');
  assert.ok(chart.notes && chart.notes[0].includes(`${many.length - placed.length} of ${many.length} genres did not fit`));
  assert.ok(chart.description.includes('did not fit'));
  const dropped = many.map((m) => m.genre).filter((g) => !placed.includes(g));
  for (const g of dropped) assert.ok(chart.notes![0].includes(g), `note names ${g}`);
});

test('genre cloud: words are measured with Inter (sizes vary with share, largest first)', () => {
  const chart = renderGenreCloud(genreShares, { seed: 42, measure: 'ratings' });
  const sizes = new Map(Array.from(parseSvg(chart.svg).querySelectorAll('text[data-genre]')).map((t) => [t.textContent, Number(t.getAttribute('font-size'))]));
  assert.ok(sizes.get('Drama')! > sizes.get('Comedy')!);
  assert.match(chart.svg, /font-weight="600"/);
});

test('genre cloud: the leading genre is never the one dropped, even when its name is long (Netflix: "International TV Shows")', () => {
  const rows = [
    { genre: 'International TV Shows', count: 150, share: 0.15 },
    ...Array.from({ length: 30 }, (_, i) => ({ genre: `Netflix genre with a long name ${i}`, count: 40 - i, share: (40 - i) / 1000 })),
  ];
  const chart = renderGenreCloud(rows, { seed: 42, measure: 'ratings' });
  assert.ok(words(chart.svg).includes('International TV Shows'), (chart.notes ?? []).join(' '));
});

test('genre cloud: empty input', () => {
  const chart = renderGenreCloud([], { seed: 1, measure: 'ratings' });
  assertStandaloneChart(chart, 'genre-cloud');
});

test.run();
