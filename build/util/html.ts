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
const PROSE_SCAN = new RegExp(
  [
    '<span class="nowrap">[^<]*</span>',
    `<(${[...NOT_PROSE].join('|')})\\b[^>]*(?<!/)>[\\s\\S]*?</\\1\\s*>`,
    // a tag is consumed (kept) only when a word of it could pass for one of running text
    '<[^>]*\\w[-/]\\w[^>]*>',
    // from a word's start only (not retried inside it)
    '(?<![^\\s<>])[^\\s<>]*\\w[-/]\\w[^\\s<>]*',
  ].join('|'),
  // no 'i': the layout writes its tags in lower case, and the flag slows every position
  'g',
);

/**
 * A whole page's markup with every word of its running text that must not break across lines
 * (a date, "Sci-Fi", "TF-IDF": see needsNoBreak) in a no-wrap span. Applied once, to the page
 * the layout assembles, so narrative, captions, tables, user pages and footer are all covered
 * wherever their text came from (bound facts, Markdown, templates). A span rather than U+2011:
 * the text stays the same characters, so copy, paste and find-in-page still match "Sci-Fi".
 * The markup is our own (every attribute value escaped), so a tag never holds a bare ">".
 */
export function keepTermsWhole(markup: string): string {
  // One scan with one regular expression, a quarter of the cost of walking every tag (70,000
  // user pages pass here: 0.33 → 0.08 ms a page). Its alternatives, tried at each position in
  // this order: a no-wrap span already made (noBreakHtml: text only, no tags inside), kept as it
  // is; a whole element that is not prose, skipped to its end tag (ours never nest inside
  // themselves); a tag with a word in it that could pass for running text, kept; and a word of
  // running text holding a hyphen or slash between word characters, wrapped when short enough.
  return markup.replace(PROSE_SCAN, (m: string) =>
    m.charCodeAt(0) === 60 /* < */ || m.length > LONGEST_KEPT_WHOLE ? m : `<span class="nowrap">${m}</span>`,
  );
}
