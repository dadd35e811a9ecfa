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

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Up to `max` known names nearest to `name`: by edit distance (case-insensitive), then by name.
 * Names too far away to be a typo (more than half the length) are left out.
 */
export function nearestNames(name: string, known: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.ceil(name.length / 2));
  const scored: { n: string; d: number }[] = [];
  for (const n of known) {
    const d = editDistance(lower, n.toLowerCase());
    // a known name that contains the typed one (e.g. "top_genre" in "top_genre_share") counts as near
    const near = d <= limit || (lower.length >= 4 && n.toLowerCase().includes(lower));
    if (near) scored.push({ n, d });
  }
  scored.sort((a, b) => a.d - b.d || compareNames(a.n, b.n));
  // names much further away than the best match are noise next to it
  const best = scored[0]?.d ?? 0;
  return scored.filter((s) => s.d <= best + 2).slice(0, max).map((s) => s.n);
}
