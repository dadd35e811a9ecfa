// "Did you mean" suggestions: the known names nearest to a mistyped one. A leaf, so that the
// first layer (build/config.ts, for flags) can use it as well as the insights (fact keys).

/** Levenshtein distance. */
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
 * Up to `max` known names nearest to `name`: by edit distance (case-insensitive), then by name in
 * code-point order. Names too far away to be a typo (more than half the length) are left out.
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
  scored.sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  // names much further away than the best match are noise next to it
  const best = scored[0]?.d ?? 0;
  return scored.filter((s) => s.d <= best + 2).slice(0, max).map((s) => s.n);
}
