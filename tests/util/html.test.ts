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

test('keepTermsWhole wraps a whole word around each join, and only words of running text', () => {
  // a word right after a skipped element, several joins in one word, a no-break space (\s to
  // a regular expression) ending a word, a join after an attribute's join in the same tag
  assert.is(
    keepTermsWhole('<code>a</code>-b-c x-y-z\u00a0q/r <a class="x-y" href="/u/v/">w-v</a>'),
    '<code>a</code><span class="nowrap">-b-c</span> <span class="nowrap">x-y-z</span>\u00a0<span class="nowrap">q/r</span> <a class="x-y" href="/u/v/"><span class="nowrap">w-v</span></a>',
  );
  // a no-wrap span with tags inside is not one of ours: its words are still looked at
  assert.is(keepTermsWhole('<span class="nowrap"><b>a-b</b></span>'), '<span class="nowrap"><b><span class="nowrap">a-b</span></b></span>');
  // a self-closing svg skips nothing; text after a closed one is text again
  assert.is(keepTermsWhole('<svg/>a-b<svg><text>c-d</text></svg>e-f'), '<svg/><span class="nowrap">a-b</span><svg><text>c-d</text></svg><span class="nowrap">e-f</span>');
  assert.is(keepTermsWhole('plain text'), 'plain text');
});

test.run();
