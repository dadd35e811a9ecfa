// Formats a fact value as text, or as HTML for the page. Data strings (titles, genres, regions)
// are untrusted: they are HTML-escaped through the project's one escaping path
// (build/util/html.ts) and never pass through Markdown (bindings are placeholders until marked
// has run: build/insights/slots.ts). Numbers are formatted without the host locale so builds
// are byte-identical everywhere.
import { escapeHtml, noBreakHtml } from '../util/html.ts';
import { formatPoints, formatShare, groupDigits, listText } from '../util/numbers.ts';
import type { Fact, FactKind, FactValue } from './catalogue.ts';

export const FORMATS = ['percent', 'points', 'number', 'integer', 'rating', 'list', 'title', 'text'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatSpec {
  name: FormatName;
  /** Decimals, for percent, number and rating. */
  decimals: number | null;
}

/** The format used when a binding names none. */
export const DEFAULT_FORMAT: Record<FactKind, FormatName> = {
  share: 'percent',
  count: 'integer',
  number: 'number',
  rating: 'rating',
  genre: 'text',
  title: 'title',
  list: 'list',
  text: 'text',
};

export class FormatError extends Error {}

export { groupDigits, listText };


function needNumber(fact: Fact, format: FormatName): number {
  if (typeof fact.value !== 'number') throw new FormatError(`format "${format}" needs a number, but ${fact.name} is ${describeValue(fact.value)}`);
  return fact.value;
}

/**
 * A negative figure as the charts write it: a true minus sign ("−38%"), not a hyphen, which
 * reads as a dash and may break from its digits at a line end.
 */
function trueMinus(text: string): string {
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text;
}

/** The value as plain text (no escaping): for HTML built with the `html` template, and messages. */
export function formatPlain(fact: Fact, spec: FormatSpec | null): string {
  const text = formatValue(fact, spec);
  return typeof fact.value === 'number' ? trueMinus(text) : text;
}

function formatValue(fact: Fact, spec: FormatSpec | null): string {
  const name = spec?.name ?? DEFAULT_FORMAT[fact.kind];
  const d = spec?.decimals ?? null;
  switch (name) {
    case 'percent':
      return d === null ? formatShare(needNumber(fact, name)) : `${oneDecimal(needNumber(fact, name) * 100, d)}%`;
    case 'points':
      return formatPoints(needNumber(fact, name), d ?? undefined);
    case 'number': {
      const v = needNumber(fact, name);
      return oneDecimal(v, d ?? (Number.isInteger(v) ? 0 : 2));
    }
    case 'integer':
      return groupDigits(Math.round(needNumber(fact, name)), 0);
    case 'rating':
      return groupDigits(needNumber(fact, name), d ?? 1);
    case 'list':
      return listText(Array.isArray(fact.value) ? fact.value : [plain(fact.value)]);
    case 'title':
    case 'text':
      return plain(fact.value);
  }
}

/**
 * The value as HTML: escaped text; titles are emphasised; a number, date or hyphenated term
 * ("2025-06-29", "Sci-Fi") is kept on one line.
 */
export function formatHtml(fact: Fact, spec: FormatSpec | null): string {
  const name = spec?.name ?? DEFAULT_FORMAT[fact.kind];
  const plainText = formatPlain(fact, spec);
  if (name === 'title') return `<em>${escapeHtml(plainText)}</em>`;
  if (name === 'list' && Array.isArray(fact.value)) return listText(fact.value.map(noBreakHtml));
  return noBreakHtml(plainText);
}

/**
 * With one decimal, a whole number drops its ".0" ("10 per user", not "10.0"); other values keep
 * it, so 9.97 beside 10.1 reads "10.0 against 10.1", not "10 against 10.1" as if it were exact.
 */
function oneDecimal(value: number, decimals: number): string {
  const text = groupDigits(value, decimals);
  return decimals === 1 && Number.isInteger(value) ? text.replace(/\.0$/, '') : text;
}

function plain(value: FactValue): string {
  return Array.isArray(value) ? listText(value) : typeof value === 'number' ? groupDigits(value, Number.isInteger(value) ? 0 : 2) : value;
}

/** Parses "percent", "percent:1"; null when the binding gives no format. */
export function parseFormat(text: string | undefined): FormatSpec | null {
  if (text === undefined) return null;
  const m = /^([a-z]+)(?::(\d))?$/.exec(text.trim());
  if (!m || !(FORMATS as readonly string[]).includes(m[1])) {
    throw new FormatError(`unknown format "${text.trim()}" (formats: ${FORMATS.join(', ')}; decimals as percent:1)`);
  }
  const decimals = m[2] === undefined ? null : Number(m[2]);
  if (decimals !== null && !['percent', 'points', 'number', 'rating'].includes(m[1])) {
    throw new FormatError(`format "${m[1]}" takes no decimals (only percent, points, number and rating do)`);
  }
  return { name: m[1] as FormatName, decimals };
}

/** A value as it appears in error messages: strings quoted, shares also as a percentage. */
export function describeValue(value: FactValue, kind?: FactKind): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value);
  const short = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return kind === 'share' ? `${short} (${groupDigits(value * 100, 1)}%)` : short;
}
