import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeMarkdownText, formatFact, parseFormat, FormatError } from '../../build/insights/format.ts';
import type { Fact } from '../../build/insights/catalogue.ts';
import { createMarkdownRenderer } from './markdown.ts';

const fact = (value: Fact['value'], kind: Fact['kind']): Fact => ({ name: 'x', value, kind, meaning: '' });
const fmt = (value: Fact['value'], kind: Fact['kind'], format?: string) => formatFact(fact(value, kind), parseFormat(format));

test('each format, with and without decimals', () => {
  assert.is(fmt(0.2833, 'share'), '28%');
  assert.is(fmt(0.2833, 'share', 'percent:1'), '28.3%');
  assert.is(fmt(0.125, 'share', 'points'), '13 percentage points');
  assert.is(fmt(-0.05, 'share', 'points:1'), '-5.0 percentage points');
  assert.is(fmt(1234567.891, 'number'), '1,234,567.89');
  assert.is(fmt(12, 'number'), '12');
  assert.is(fmt(2.5, 'number', 'number:3'), '2.500');
  assert.is(fmt(100004.4, 'count', 'integer'), '100,004');
  assert.is(fmt(3.8667, 'rating'), '3.9');
  assert.is(fmt(3.8667, 'rating', 'rating:2'), '3.87');
  assert.is(fmt(['Crime', 'Drama', 'Fantasy'], 'list'), 'Crime, Drama and Fantasy');
  assert.is(fmt(['Crime'], 'list'), 'Crime');
  assert.is(fmt('Dark', 'title'), '*Dark*');
  assert.is(fmt('Sci-Fi', 'genre', 'text'), 'Sci\\-Fi');
  assert.is(fmt(-0.0001, 'share'), '0%'); // never "-0%"
});

test('bad formats are one-line errors', () => {
  assert.throws(() => parseFormat('percentage'), /unknown format "percentage" \(formats: percent, points/);
  assert.throws(() => parseFormat('list:2'), /takes no decimals/);
  assert.throws(() => fmt('Drama', 'genre', 'percent'), (e: Error) => e instanceof FormatError && /needs a number, but x is "Drama"/.test(e.message));
});

test('hostile data strings render as their own text, never as markup', () => {
  const md = createMarkdownRenderer();
  for (const hostile of ['<script>alert(1)</script>', '*bold*[x](javascript:alert(1))', '<img src=x onerror=alert(1)>', '`code` _em_ ~~s~~ ![i](x)', 'http://evil.example/ a@b.example', '# Heading\n\n- item', '1. listed', '&lt;already&gt;']) {
    for (const kind of ['text', 'title', 'list'] as const) {
      const out = md(`Genre: ${fmt(kind === 'list' ? [hostile, 'Drama'] : hostile, kind === 'list' ? 'list' : kind === 'title' ? 'title' : 'genre')}`);
      assert.not.match(out, /<script|<img|<a |<code|<h1|<li|<del|<ol|<ul|<strong/, `${kind}: ${hostile} → ${out}`);
      if (kind !== 'title') assert.not.match(out, /<em>/, `${kind}: ${hostile} → ${out}`);
      // the reader sees the data string itself (newlines folded to spaces)
      const text = out.replace(/<\/?(p|em)>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
      assert.ok(text.includes(hostile.replace(/\n+/g, ' ')), `${kind}: lost text: ${text}`);
    }
  }
  assert.is(escapeMarkdownText('<b>'), '&lt;b&gt;');
});

test.run();
