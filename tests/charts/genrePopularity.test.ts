import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderGenrePopularity } from '../../build/charts/genrePopularity.ts';
import { EVIL, EVIL_ATTR, titlePopularity } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertEscapedText, assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('genre popularity: golden, accessible, escaped', () => {
  const chart = renderGenrePopularity(titlePopularity, { measure: 'ratings' });
  assertStandaloneChart(chart, 'genre-popularity');
  assertEscapedText(chart, EVIL);
  assert.ok(chart.csv.includes(`"""><img src=x onerror=alert(1)>"`), 'CSV quotes the title');
  assertGolden('genre-popularity', chart.svg);
});

test('genre popularity: one dot per title, one median tick per genre, genres by median', () => {
  const chart = renderGenrePopularity(titlePopularity, { measure: 'ratings' });
  const doc = parseSvg(chart.svg);
  assert.is(doc.querySelectorAll('g[aria-label="dot"] circle').length, titlePopularity.length);
  assert.is(doc.querySelectorAll('g[aria-label="tick"] line').length, 6);
  // Crime median 7 ranks first: it heads the description's list.
  assert.match(chart.description, /Highest medians: Crime 7 \(3 titles\)/);
  assert.match(chart.description, /Most ratings: Breaking Bad \(Crime, 11\)/);
  assert.not.ok(chart.description.includes(EVIL_ATTR) && chart.svg.includes(EVIL_ATTR));
});

test('genre popularity: titles with equal counts share a dot; thousands of titles are binned', () => {
  const same = renderGenrePopularity([...titlePopularity, { titleId: '99', title: 'Twin', genre: 'Crime', count: 7 }], { measure: 'ratings' });
  assert.is(parseSvg(same.svg).querySelectorAll('g[aria-label="dot"] circle').length, titlePopularity.length);
  const many = Array.from({ length: 2000 }, (_, i) => ({ titleId: String(i), title: `T${i}`, genre: `G${i % 8}`, count: (i * 37) % 997 }));
  const chart = renderGenrePopularity(many, { measure: 'ratings' });
  const dots = parseSvg(chart.svg).querySelectorAll('g[aria-label="dot"] circle').length;
  assert.ok(dots <= 8 * 60, `${dots} dots`);
  assert.match(chart.description, /2,000 titles in 8 genres, dots at each genre's number of ratings per title in bins of 17/);
  assert.is(chart.csv.trim().split('\n').length, 2001, 'the CSV keeps every title');
});

test('genre popularity: whole-number ticks, a size legend when a dot stands for several titles, exact counts as <title>', () => {
  const one = parseSvg(renderGenrePopularity(titlePopularity, { measure: 'viewing sessions' }).svg);
  const ticks = Array.from(one.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent!);
  assert.ok(ticks.length >= 3 && ticks.every((t) => /^\d+$/.test(t)), ticks.join(' '));
  const oneLegend = Array.from(one.querySelectorAll('text')).map((t) => t.textContent);
  assert.ok(oneLegend.includes('1 title') && !oneLegend.some((t) => /^\d+ titles$/.test(t!)), 'every dot is one title: the legend says so, with no larger size');
  const titles = Array.from(one.querySelectorAll('g[aria-label="dot"] title')).map((t) => t.textContent);
  assert.ok(titles.includes('Crime: 1 title with 11 viewing sessions'), titles.join(' | '));
  // a count of 1: the axis still counts in whole numbers (no 0.5 ticks)
  const small = parseSvg(renderGenrePopularity([{ titleId: '1', title: 'A', genre: 'Drama', count: 1 }, { titleId: '2', title: 'B', genre: 'Drama', count: 1 }], { measure: 'ratings' }).svg);
  assert.equal(Array.from(small.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent), ['0', '1']);
  const legend = Array.from(small.querySelectorAll('text')).map((t) => t.textContent);
  assert.ok(legend.includes('1 title') && legend.includes('2 titles') && legend.includes('genre median'), legend.join(' | '));
});

test('genre popularity: empty input is a message, not a throw', () => {
  const chart = renderGenrePopularity([], { measure: 'ratings' });
  assertStandaloneChart(chart, 'genre-popularity');
  assert.match(chart.svg, /No titles in this data/);
});

test('genre popularity: a median of one reads "1 rating per title", not "1 ratings"', () => {
  const rows = ['Drama', 'Comedy'].flatMap((genre, g) => [0, 1].map((i) => ({ titleId: `${g}${i}`, title: `${genre} ${i}`, genre, count: 1 })));
  // both genres at 1: said as a shared median, not a list of every genre
  assert.match(renderGenrePopularity(rows, { measure: 'ratings' }).caption ?? '', /^All 2 genres share the same median, 1 rating per title;/);
  assert.match(renderGenrePopularity(rows, { measure: 'viewing sessions' }).caption ?? '', /the same median, 1 viewing session per title;/);
  const lead = [...rows, { titleId: 'x', title: 'X', genre: 'War', count: 0 }];
  assert.match(renderGenrePopularity(lead, { measure: 'ratings' }).caption ?? '', /^Comedy and Drama titles share the highest median, 1 rating per title;/);
});

test('genre popularity: a tie for the most watched title is said as one, and many tied titles are counted', () => {
  const row = (titleId: string, title: string, genre: string, count: number) => ({ titleId, title, genre, count });
  const two = renderGenrePopularity([row('1', 'Money Heist', 'Crime', 11), row('2', 'Ozark', 'Crime', 11), row('3', 'Dark', 'Mystery', 4)], { measure: 'viewing sessions' });
  assert.match(two.caption!, /the most viewing sessions go to Money Heist \(Crime\) and Ozark \(Crime\), 11 each\./);
  const many = renderGenrePopularity(Array.from({ length: 6 }, (_, i) => row(String(i), `T${i}`, i % 2 ? 'Drama' : 'Crime', 1)), { measure: 'ratings' });
  assert.match(many.caption!, /6 titles tie for the most ratings, 1 each\./);
  assert.not.match(many.caption!, /go to/);
});

test.run();
