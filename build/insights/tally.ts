// Small counting helpers shared by the fact families. Every "top" pick breaks ties by name so
// the same data always yields the same fact values.
import type { Title } from '../types.ts';
import { compareNames } from './factKeys.ts';

/**
 * A title's weight per genre: multi-genre titles (MovieLens, Netflix) split one unit equally,
 * so genre shares of the catalogue, of ratings and of viewing each sum to 100 %.
 */
export function genreWeights(title: Title | undefined): [string, number][] {
  if (!title || title.genres.length === 0) return [];
  const unique = [...new Set(title.genres)];
  return unique.map((g) => [g, 1 / unique.length]);
}

export function addTo(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The key with the largest value (ties: first by name); null when the map is empty. */
export function argMax(map: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const [k, v] of map) {
    if (best === null) {
      best = k;
      continue;
    }
    const bv = map.get(best)!;
    if (v > bv || (v === bv && compareNames(k, best) < 0)) best = k;
  }
  return best;
}

/** The key with the smallest value (ties: first by name); null when the map is empty. */
export function argMin(map: ReadonlyMap<string, number>): string | null {
  const negated = new Map<string, number>();
  for (const [k, v] of map) negated.set(k, -v);
  return argMax(negated);
}

/**
 * Every key that a reader sees tie for the largest value: those whose value, as `printed` shows
 * it (whole percentages, two-decimal means, exact counts), equals the largest's. Largest first,
 * then by `compare`; empty when the map is. A single winner is named only when this has length 1.
 */
export function tiedLeaders(
  map: ReadonlyMap<string, number>,
  printed: (v: number) => number = (v) => v,
  compare: (a: string, b: string) => number = compareNames,
): string[] {
  const ranked = [...map.keys()].sort((a, b) => map.get(b)! - map.get(a)! || compare(a, b));
  if (ranked.length === 0) return [];
  const top = printed(map.get(ranked[0])!);
  return ranked.filter((k) => printed(map.get(k)!) === top);
}

/** A share as a reader sees it printed: whole percentages ("33%"). */
export const wholePercent = (share: number): number => Math.round(share * 100);

/** Keys ordered by value, largest first, ties by name. */
export function rankKeys(map: ReadonlyMap<string, number>): string[] {
  return [...map.keys()].sort((a, b) => map.get(b)! - map.get(a)! || compareNames(a, b));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : NaN;
}

/** Distinct non-null values, sorted by name. */
export function distinctSorted(values: Iterable<string | null>): string[] {
  const set = new Set<string>();
  for (const v of values) if (v !== null && v !== '') set.add(v);
  return [...set].sort(compareNames);
}
