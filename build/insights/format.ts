// Formats a fact value as text, or as HTML for the page. Data strings (titles, genres, regions)
// are untrusted: they are HTML-escaped through the project's one escaping path
// (build/util/html.ts) and never pass through Markdown (bindings are placeholders until marked
// has run: build/insights/slots.ts). Numbers are formatted without the host locale so builds
// are byte-identical everywhere.
import { escapeHtml } from '../util/html.ts';
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

/** 1234567.891 → "1,234,567.89" with a fixed number of decimals, independent of locale. */
export function groupDigits(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0; // never print "-0"
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function needNumber(fact: Fact, format: FormatName): number {
  if (typeof fact.value !== 'number') throw new FormatError(`format "${format}" needs a number, but ${fact.name} is ${describeValue(fact.value)}`);
  return fact.value;
}

/** The value as plain text (no escaping): for HTML built with the `html` template, and messages. */
export function formatPlain(fact: Fact, spec: FormatSpec | null): string {
  const name = spec?.name ?? DEFAULT_FORMAT[fact.kind];
  const d = spec?.decimals ?? null;
  switch (name) {
    case 'percent':
      return `${groupDigits(needNumber(fact, name) * 100, d ?? 0)}%`;
    case 'points': // a difference of two shares: 0.2 → "20 percentage points"
      return `${groupDigits(needNumber(fact, name) * 100, d ?? 0)} percentage points`;
    case 'number': {
      const v = needNumber(fact, name);
      return groupDigits(v, d ?? (Number.isInteger(v) ? 0 : 2));
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

/** The value as HTML: escaped text; titles are emphasised. */
export function formatHtml(fact: Fact, spec: FormatSpec | null): string {
  const name = spec?.name ?? DEFAULT_FORMAT[fact.kind];
  const text = escapeHtml(formatPlain(fact, spec));
  return name === 'title' ? `<em>${text}</em>` : text;
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
