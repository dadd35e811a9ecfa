// The one way numbers are written for readers (issue 11, item 5): thousands separators, one
// percent style ("34%"), singular and plural, fixed decimals, without the host locale so builds
// are byte-identical everywhere. A shared leaf, so the narrative's formatter
// (build/insights/format.ts), the templates and the chart captions all write numbers alike.

/** 1234567.891 → "1,234,567.89" with a fixed number of decimals, independent of locale. */
export function groupDigits(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const point = fixed.indexOf('.');
  // Three digits or fewer need no separator: most figures of a page (stars, percentages,
  // similarities), millions of them on 70,000 user pages.
  if ((point < 0 ? fixed.length : point) <= 3) return value < 0 && Number(fixed) !== 0 ? `-${fixed}` : fixed;
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0; // never print "-0"
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A whole count: 100004 → "100,004". */
export function formatCount(n: number): string {
  return groupDigits(Math.round(n), 0);
}

/** A share (0–1) as a percentage: 0.34 → "34%" (no space, decimals only when asked). */
export function formatPercent(share: number, decimals = 0): string {
  return `${groupDigits(share * 100, decimals)}%`;
}

/**
 * A share as readers should see it when no precision is asked for: whole percentages, except
 * where rounding would overstate or hide a figure. 0.0053 is "0.5%", not "1%" (a coverage of half a
 * percent is not one percent); 0.0002 is "<0.1%", not "0%" (something, not nothing); 0.996 is
 * "99.6%" and 0.9999 ">99.9%", never "100%" unless it is all.
 */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share === 0 || share === 1 || share < 0 || share > 1) return formatPercent(share);
  if (share < 0.0005) return '<0.1%';
  if (share < 0.0095) return formatPercent(share, 1);
  if (share > 0.9995) return '>99.9%';
  if (share > 0.995) return formatPercent(share, 1);
  return formatPercent(share);
}

/**
 * A difference of two shares in percentage points: 0.2 → "20 percentage points", 0.01 → "1
 * percentage point". Without asked decimals, a gap that is not whole (two shares printed with a
 * decimal, see formatShare) keeps one: 2% against 0.4% is "1.6 percentage points", not "2".
 */
export function formatPoints(gap: number, decimals?: number): string {
  const text = pointsFigure(gap, decimals);
  return `${text} percentage ${text === '1' || text === '-1' ? 'point' : 'points'}`;
}

/** Just the figure of formatPoints: 0.2 → "20", 0.016 → "1.6" (a chart's points column). */
export function pointsFigure(gap: number, decimals?: number): string {
  const whole = Math.abs(gap * 100 - Math.round(gap * 100)) < 1e-9;
  return groupDigits(gap * 100, decimals ?? (whole ? 0 : 1));
}

/** A share as formatShare prints it, as a share: 0.084 → 0.08, 0.0043 → 0.004 ("<0.1%" stays as it is). */
function shownShare(share: number): number {
  const text = formatShare(share);
  return /^\d+(\.\d+)?%$/.test(text) ? Number(text.slice(0, -1)) / 100 : share;
}

/**
 * The gap between two shares as a reader can check it: the difference of the two as printed
 * (formatShare), as a share. 0.084 and 0.056 print as 8% and 6%, so their gap is 0.02 ("2
 * percentage points"), not 0.028, which would print as 3; 0.02 and 0.0043 print as 2% and 0.4%,
 * so theirs is 0.016.
 */
export function printedGap(a: number, b: number): number {
  return Math.round((shownShare(a) - shownShare(b)) * 1000) / 1000;
}

/** A number with fixed decimals and thousands separators: (0.58231, 3) → "0.582". */
export function formatFixed(value: number, decimals: number): string {
  return groupDigits(value, decimals);
}

/** A count with its noun, singular for exactly one: (1, 'user') → "1 user", (2, 'user') → "2 users". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${Math.round(n) === 1 ? singular : pluralForm}`;
}

/** Just the noun for a count: (1, 'title') → "title". */
export function noun(n: number, singular: string, pluralForm = `${singular}s`): string {
  return Math.round(n) === 1 ? singular : pluralForm;
}

/** A rating as stars: 4 → "★4", 3.5 → "★3.5". */
export function formatStars(rating: number): string {
  return `★${Number.isInteger(rating) ? rating : groupDigits(rating, 1)}`;
}

/** A word that must not break across lines (a date, "TF-IDF"): it holds a hyphen or slash between word characters. */
export function needsNoBreak(text: string): boolean {
  return /\w[-/]\w/.test(text);
}

/** "A", "A and B", "A, B and C": a list as a sentence writes it (the narrative's `| list`, chart captions). */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// Math.min(...xs) and Math.max(...xs) pass every element as an argument, so an array of a few
// hundred thousand values overflows the stack ("Maximum call stack size exceeded"; issue 14).
// These fold with Math.min / Math.max one element at a time, so NaN, -0 and the empty case
// (Infinity / -Infinity, or `start`) come out exactly as the spread form did.

/** The smallest of `values`, or `start` (Infinity) if smaller or none: minOf(xs, s) = Math.min(s, ...xs). */
export function minOf(values: Iterable<number>, start = Infinity): number {
  let m = start;
  for (const v of values) m = Math.min(m, v);
  return m;
}

/** The largest of `values`, or `start` (-Infinity) if larger or none: maxOf(xs, s) = Math.max(s, ...xs). */
export function maxOf(values: Iterable<number>, start = -Infinity): number {
  let m = start;
  for (const v of values) m = Math.max(m, v);
  return m;
}
