import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { html, raw, escapeHtml, jsonForHtml } from '../../build/util/html.ts';

const ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</svg>', "' onmouseover='x"];

test('html escapes every interpolated value, in text and attributes', () => {
  for (const a of ATTACKS) {
    const out = html`<p title="${a}">${a}</p>`.value;
    assert.not.ok(out.includes(a), out);
    assert.not.match(out, /<script|<img|<\/svg/);
  }
});

test('raw and nested html pass through unescaped; arrays are joined', () => {
  const inner = html`<b>${'<i>'}</b>`;
  assert.is(html`<p>${inner}${raw('<br>')}${['a', '<', 'b']}</p>`.value, '<p><b>&lt;i&gt;</b><br>a&lt;b</p>');
  assert.is(html`${null}${undefined}${false}${0}`.value, '0');
});

test('escapeHtml covers the five significant characters', () => {
  assert.is(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
});

test('jsonForHtml cannot close a script element and round-trips', () => {
  const value = { t: '</script><script>alert(1)</script>', u: '\u2028<!--' };
  const out = jsonForHtml(value);
  assert.not.ok(out.includes('</script'));
  assert.not.ok(out.includes('<!--'));
  assert.equal(JSON.parse(out), value);
});

test.run();
