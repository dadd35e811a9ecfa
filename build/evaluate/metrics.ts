// Ranking metrics of one user's list against their held-out titles, as the protocol defines
// them: binary relevance, K fixed (a list shorter than K still divides by K).

export function hitsAtK(recs: string[], relevant: Set<string>, k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, recs.length); i++) if (relevant.has(recs[i])) hits++;
  return hits;
}

export function precisionAtK(recs: string[], relevant: Set<string>, k: number): number {
  return k > 0 ? hitsAtK(recs, relevant, k) / k : 0;
}

export function recallAtK(recs: string[], relevant: Set<string>, k: number): number {
  return relevant.size > 0 ? hitsAtK(recs, relevant, k) / relevant.size : 0;
}

/** Binary gain, log2 discount (rank 1 → 1/log2 2), ideal DCG over min(|relevant|, K) hits. */
export function ndcgAtK(recs: string[], relevant: Set<string>, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, recs.length); i++) if (relevant.has(recs[i])) dcg += 1 / Math.log2(i + 2);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return idcg > 0 ? dcg / idcg : 0;
}

export function hitRateAtK(recs: string[], relevant: Set<string>, k: number): number {
  return hitsAtK(recs, relevant, k) > 0 ? 1 : 0;
}

/** Distinct titles recommended to anyone ÷ titles in the catalogue. */
export function catalogueCoverage(lists: Iterable<string[]>, catalogueSize: number): number {
  const seen = new Set<string>();
  for (const l of lists) for (const t of l) seen.add(t);
  return catalogueSize > 0 ? seen.size / catalogueSize : 0;
}

/** A user's top n genres by number of rated titles per genre, ties by genre name. */
export function topGenresByCount(ratedTitleIds: Iterable<string>, genresOf: (titleId: string) => string[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const id of ratedTitleIds) for (const g of new Set(genresOf(id))) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([g]) => g);
}

/** Share of the list (up to K) whose titles share at least one genre with `genres`; 0 for an empty list. */
export function genreMatchAtK(recs: string[], genres: Iterable<string>, genresOf: (titleId: string) => string[], k: number): number {
  const wanted = new Set(genres);
  const list = recs.slice(0, k);
  if (list.length === 0) return 0;
  return list.filter((t) => genresOf(t).some((g) => wanted.has(g))).length / list.length;
}
