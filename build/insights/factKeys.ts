// Fact names are part of the editors' vocabulary, so they must be stable and readable. Names
// that embed a value from data (a genre, plan, region or device) pass that value through
// `keySegment`, so `genre.Sci-Fi…` becomes `genre.Sci_Fi…`. The rule, documented for editors in
// README, editor guide: every run of characters other than A–Z, a–z, 0–9 becomes one "_", leading and
// trailing "_" are dropped, and an empty result becomes "unnamed". When two different values
// collapse to the same key (e.g. "Sci-Fi" and "Sci Fi"), the value that sorts first keeps the
// key and the others get "_2", "_3", … in sort order — deterministic for a given data set.

export function keySegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'unnamed' : cleaned;
}

/** Assigns each distinct value a unique key segment (see the rule above). */
export function keySegments(values: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(values)].sort(compareNames);
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const value of sorted) {
    const base = keySegment(value);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    out.set(value, key);
  }
  return out;
}

/** Code-point order: independent of the machine's locale, so keys never change between hosts. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// "Did you mean" suggestions live in a leaf, so the first layer (flags) can use them too.
export { editDistance, nearestNames } from '../util/nearest.ts';
