// build/util/quote.ts: the one way a value from a file or a setting is shown in a message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { QUOTE_MAX, quoted, visible } from '../../build/util/quote.ts';

test('plain values are JSON-quoted; quotes and backslashes escaped', () => {
  assert.is(quoted('Heat (1995)'), '"Heat (1995)"');
  assert.is(quoted('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(quoted(''), '""');
  assert.is(quoted(5), '"5"');
});

test('every control, line separator, bidi control, BOM and noncharacter is shown as an escape', () => {
  assert.is(quoted('\u001b[2J\rroot\n'), '"\\u001b[2J\\rroot\\n"');
  assert.is(quoted('\t\b\f\u0000\u007f\u0085\u009b'), '"\\t\\b\\f\\u0000\\u007f\\u0085\\u009b"');
  assert.is(quoted('a\u2028b\u2029c'), '"a\\u2028b\\u2029c"');
  assert.is(quoted('\u202eevil\u202c\u2066\u200f\u061c'), '"\\u202eevil\\u202c\\u2066\\u200f\\u061c"');
  assert.is(quoted('\ufeffseed\u200b'), '"\\ufeffseed\\u200b"');
  assert.is(quoted('x\ufffe\uffff\u{1fffe}'), '"x\\ufffe\\uffff\\ud83f\\udffe"');
  assert.is(quoted('\ud800'), '"\\ud800"', 'a lone surrogate');
  // Ordinary non-ASCII text is left as it is.
  assert.is(quoted('Amélie 😀 עברית'), '"Amélie 😀 עברית"');
});

test('whatever the input, the result is one line of visible characters', () => {
  let all = '';
  for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
  for (let i = 0; i < all.length; i += 50) {
    const out = quoted(all.slice(i, i + 50), 1000);
    assert.not.match(out, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u, out);
  }
});

test('visible() escapes the same characters without quoting or cutting', () => {
  assert.is(visible(`Unknown option '--\u001b[2J\nx'`), `Unknown option '--\\u001b[2J\\nx'`);
  assert.is(visible('x'.repeat(500)), 'x'.repeat(500));
});

test('long values are cut to QUOTE_MAX characters, never inside a surrogate pair', () => {
  const long = quoted('x'.repeat(10_000));
  assert.is(long, `"${'x'.repeat(QUOTE_MAX - 3)}..."`);
  assert.is(quoted('x'.repeat(QUOTE_MAX)), `"${'x'.repeat(QUOTE_MAX)}"`, 'exactly the limit is kept whole');
  const emoji = quoted('😀'.repeat(200));
  assert.is(emoji, `"${'😀'.repeat(QUOTE_MAX - 3)}..."`);
  assert.ok(quoted('\u001b'.repeat(10_000)).length < 6 * QUOTE_MAX + 10, 'escapes do not lift the cap much');
});
test.run();
