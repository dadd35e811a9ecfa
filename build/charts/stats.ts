// Small statistics the charts compute themselves, so they can work on aggregated rows (counts
// per value) instead of one row per rating — that is what keeps them cheap at 500k ratings.

/** Median of plain numbers (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Quantile p of a distribution given as (value, count) pairs, with the same linear
 * interpolation as d3.quantile / R type 7 applied to the expanded list of values.
 */
export function weightedQuantile(dist: { value: number; count: number }[], p: number): number {
  const sorted = dist.filter((d) => d.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, d) => s + d.count, 0);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const at = (k: number): number => {
    let seen = 0;
    for (const d of sorted) {
      seen += d.count;
      if (k < seen) return d.value;
    }
    return sorted[sorted.length - 1].value;
  };
  const a = at(lo);
  return a + (h - lo) * (at(Math.min(lo + 1, n - 1)) - a);
}

/** Ascending by a numeric key, ties by a string key (stable, locale-free ordering). */
export function byNumberThenName<T>(num: (t: T) => number, name: (t: T) => string, descending = true) {
  return (a: T, b: T): number => {
    const d = descending ? num(b) - num(a) : num(a) - num(b);
    if (d !== 0) return d;
    const x = name(a);
    const y = name(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
