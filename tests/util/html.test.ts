import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { html, raw, escapeHtml, jsonForHtml, keepTermsWhole } from '../../build/util/html.ts';

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

test('keepTermsWhole keeps dates and hyphenated terms of running text on one line', () => {
  const page = '<footer><p>Built on 2025-06-30. Genres: Sci-Fi, <em>Film-Noir</em> and best-stocked R&amp;B-Pop.</p></footer>';
  assert.is(
    keepTermsWhole(page),
    '<footer><p>Built on <span class="nowrap">2025-06-30.</span> Genres: <span class="nowrap">Sci-Fi,</span> <em><span class="nowrap">Film-Noir</span></em> and <span class="nowrap">best-stocked</span> <span class="nowrap">R&amp;B-Pop.</span></p></footer>',
  );
});

test('keepTermsWhole leaves attributes, code, SVG, head and existing no-wrap spans alone', () => {
  const page =
    '<head><title>Sci-Fi</title></head><a href="/a-b/" data-genres="[&quot;Sci-Fi&quot;]">x</a><code>ml-latest-small</code>' +
    '<svg><text>Sci-Fi</text></svg><span class="nowrap">TF-IDF</span><span>x</span> a-b';
  const out = keepTermsWhole(page);
  assert.is(out, page.replace(' a-b', ' <span class="nowrap">a-b</span>'));
  // a word too long for a phone line stays breakable rather than running off the screen
  assert.is(keepTermsWhole('<p>a/very/long/path/that/would/overflow</p>'), '<p>a/very/long/path/that/would/overflow</p>');
});

test.run();
