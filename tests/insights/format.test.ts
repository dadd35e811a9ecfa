import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatHtml, formatPlain, parseFormat, FormatError } from '../../build/insights/format.ts';
import type { Fact } from '../../build/insights/catalogue.ts';

const fact = (value: Fact['value'], kind: Fact['kind']): Fact => ({ name: 'x', value, kind, meaning: '' });
const fmt = (value: Fact['value'], kind: Fact['kind'], format?: string) => formatPlain(fact(value, kind), parseFormat(format));
const fmtHtml = (value: Fact['value'], kind: Fact['kind'], format?: string) => formatHtml(fact(value, kind), parseFormat(format));

test('each format, with and without decimals', () => {
  assert.is(fmt(0.2833, 'share'), '28%');
  assert.is(fmt(0.2833, 'share', 'percent:1'), '28.3%');
  assert.is(fmt(0.13, 'share', 'points'), '13 percentage points');
  assert.is(fmt(0.125, 'share', 'points:0'), '13 percentage points');
  // a gap read off a share printed with a decimal ("0.4%") keeps its decimal
  assert.is(fmt(0.016, 'share', 'points'), '1.6 percentage points');
  // a true minus sign, as the charts write it, not a hyphen
  assert.is(fmt(-0.05, 'share', 'points:1'), '\u22125.0 percentage points');
  assert.is(fmt(-0.38, 'share'), '\u221238%');
  assert.is(fmt(-0.001, 'share'), '0%', 'never "−0%"');
  assert.is(fmt(1234567.891, 'number'), '1,234,567.89');
  assert.is(fmt(12, 'number'), '12');
  assert.is(fmt(2.5, 'number', 'number:3'), '2.500');
  assert.is(fmt(100004.4, 'count', 'integer'), '100,004');
  assert.is(fmt(3.8667, 'rating'), '3.9');
  assert.is(fmt(3.8667, 'rating', 'rating:2'), '3.87');
  assert.is(fmt(['Crime', 'Drama', 'Fantasy'], 'list'), 'Crime, Drama and Fantasy');
  assert.is(fmt(['Crime'], 'list'), 'Crime');
  assert.is(fmt('Dark', 'title'), 'Dark');
  assert.is(fmtHtml('Dark', 'title'), '<em>Dark</em>');
  // a hyphenated word (a date, "Sci-Fi") never breaks across lines
  assert.is(fmtHtml('Sci-Fi & <Fantasy>', 'genre', 'text'), '<span class="nowrap">Sci-Fi</span> &amp; &lt;Fantasy&gt;');
  assert.is(fmtHtml('from 2025-06-01 on', 'text', 'text'), 'from <span class="nowrap">2025-06-01</span> on');
  assert.is(fmt(100004, 'count'), '100,004');
  assert.is(fmt(0.01, 'share', 'points'), '1 percentage point'); // singular
  assert.is(fmt(0.02, 'share', 'points'), '2 percentage points');
  assert.is(fmt(149, 'number', 'number:1'), '149'); // not "149.0"
  assert.is(fmt(0.25, 'share', 'percent:1'), '25%'); // not "25.0%"
  assert.is(fmt(0.016, 'share', 'percent:1'), '1.6%');
  assert.is(fmt(-0.0001, 'share'), '0%'); // never "-0%"
});

test('bad formats are one-line errors', () => {
  assert.throws(() => parseFormat('percentage'), /unknown format "percentage" \(formats: percent, points/);
  assert.throws(() => parseFormat('list:2'), /takes no decimals/);
  assert.throws(() => fmt('Drama', 'genre', 'percent'), (e: Error) => e instanceof FormatError && /needs a number, but x is "Drama"/.test(e.message));
});

test('hostile data strings become escaped text, never markup', () => {
  for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"quoted" & \'single\'', '&lt;already&gt;']) {
    for (const kind of ['genre', 'title', 'list'] as const) {
      const out = fmtHtml(kind === 'list' ? [hostile, 'Drama'] : hostile, kind);
      assert.not.match(out.replace(/^<em>|<\/em>$/g, ''), /[<>"']/, `${kind}: ${hostile} → ${out}`);
      const text = out.replace(/<\/?em>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      assert.ok(text.includes(hostile), `${kind}: lost text: ${text}`);
    }
  }
});

test.run();
