// The one escaping path for strings from data (STYLE.md 8). Markup is built with the `html`
// tagged template, which escapes every interpolated value unless it was made by `raw()` or by
// `html` itself. Nothing else in build/ should concatenate data into markup by hand.
import { needsNoBreak } from './numbers.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const s = String(value ?? '');
  // Most strings need nothing; testing first skips the replace and its callback (10,000 user
  // pages escape millions of values).
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, (c) => ESCAPES[c]) : s;
}

const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

/** Markup that is already safe; only `html` and deliberate callers create it. */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(markup: string): Raw {
  return new Raw(markup);
}

function render(value: unknown): string {
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Tagged template: `html\`<p>${title}</p>\`` escapes `title`; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Raw(out);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the line separators
 * are escaped so no string can close the element or start a comment.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escaped text; each word that must not break across lines (a date, "Sci-Fi") in a no-wrap span. */
export function noBreakHtml(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => (needsNoBreak(w) ? `<span class="nowrap">${escapeHtml(w)}</span>` : escapeHtml(w)))
    .join('');
}

// Elements whose text is not running prose: code and hashes keep their own wrapping, SVG text
// never wraps, and head/script/style text is not laid out at all.
const NOT_PROSE = new Set(['head', 'title', 'script', 'style', 'svg', 'code', 'pre', 'textarea']);
// A longer word kept whole would run off a 390 px phone screen; a date or "Film-Noir" is short.
const LONGEST_KEPT_WHOLE = 24;
/** Stretches of markup whose words are never wrapped: a no-wrap span already made, a non-prose element. */
const SKIPPED = new RegExp(`<span class="nowrap">[^<]*</span>|<(${[...NOT_PROSE].join('|')})\\b[^>]*(?<!/)>[\\s\\S]*?</\\1\\s*>`, 'g');
/** Where a word may break and must not: a hyphen or slash between word characters. */
const JOIN = /\w[-/]\w/g;
/** What ends a word of running text: white space (as `\s` means it) or a tag's bracket. */
const WORD_END = /[\s<>]/;

/**
 * A whole page's markup with every word of its running text that must not break across lines
 * (a date, "Sci-Fi", "TF-IDF": see needsNoBreak) in a no-wrap span. Applied once, to the page
 * the layout assembles, so narrative, captions, tables, user pages and footer are all covered
 * wherever their text came from (bound facts, Markdown, templates). A span rather than U+2011:
 * the text stays the same characters, so copy, paste and find-in-page still match "Sci-Fi".
 * The markup is our own (every attribute value escaped), so a tag never holds a bare ">" and
 * every "<" starts a tag.
 */
export function keepTermsWhole(markup: string): string {
  // Driven by the joins, not by every character: a user page of 30 kB holds a hundred or so
  // (mostly in attributes: class="rec-card", href="/users/…"), and both searches below start
  // from a fixed character or pair, which the regular-expression engine finds quickly. Walking
  // the whole page with one expression whose last branch could start anywhere cost 0.19 ms a
  // page, a quarter of a user page's time at 70,000 pages. For each join: inside a skipped
  // stretch or inside a tag, left alone; else its word (the run of characters between white
  // space and tag brackets) is wrapped whole, when short enough.
  let out = '';
  let copied = 0;
  let skipStart = -1;
  let skipEnd = -1;
  const nextSkipped = (from: number): void => {
    SKIPPED.lastIndex = from;
    const m = SKIPPED.exec(markup);
    skipStart = m === null ? Infinity : m.index;
    skipEnd = m === null ? Infinity : m.index + m[0].length;
  };
  nextSkipped(0);
  JOIN.lastIndex = 0;
  for (let m = JOIN.exec(markup); m !== null; m = JOIN.exec(markup)) {
    const at = m.index;
    while (at >= skipEnd) nextSkipped(skipEnd);
    if (at >= skipStart) {
      JOIN.lastIndex = skipEnd;
      continue;
    }
    if (markup.lastIndexOf('<', at) > markup.lastIndexOf('>', at)) {
      // in a tag: attributes are not text
      const close = markup.indexOf('>', at);
      JOIN.lastIndex = close < 0 ? markup.length : close + 1;
      continue;
    }
    let start = at;
    while (start > 0 && !WORD_END.test(markup[start - 1])) start--;
    let end = at + m[0].length;
    while (end < markup.length && !WORD_END.test(markup[end])) end++;
    JOIN.lastIndex = end;
    if (end - start > LONGEST_KEPT_WHOLE) continue;
    out += `${markup.slice(copied, start)}<span class="nowrap">${markup.slice(start, end)}</span>`;
    copied = end;
  }
  return copied === 0 ? markup : out + markup.slice(copied);
}
