// Which titles the report's similarity heatmap shows, in one place: the chart draws them, and the
// narrative's "most alike pair" is chosen among them, so the sentence names a pair the reader can
// find in the chart (over the whole catalogue the top pair was two titles one user rated alike:
// a cosine of 1.00 that says nothing). Also the ranking by count the report's charts share.
import type { Ratings } from '../types.ts';

/** Titles in the title-similarity heatmap: the most rated ones. */
export const SIMILARITY_CHART_TITLES = 15;

/** Ids ordered by count, most first, ties by id (code points); at most `n`. */
export function topByCount(counts: ReadonlyMap<string, number>, n: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([id]) => id);
}

/** Ids of the `n` most rated titles, most first, ties by id. */
export function mostRatedTitleIds(ratings: Ratings, n = SIMILARITY_CHART_TITLES): string[] {
  return topByCount(ratings.countsByTitleId(), n);
}

/**
 * How many users rated both of two of `ids` (the titles the similarity heatmap shows): `count(i, j)`
 * by position in `ids`, the title's own raters for i = j. The most alike pair is named only on
 * enough of them (the fact and the heatmap's caption alike): one user rating two titles alike
 * makes a cosine of 1.00.
 */
export function coRaterCounts(ratings: Ratings, ids: readonly string[]): (i: number, j: number) => number {
  const at = new Map(ids.map((id, i) => [id, i]));
  // title position → place in `ids` (or -1), read once per rating: a typed array, not a Map
  const slot = new Int32Array(ratings.titleIds.length).fill(-1);
  ratings.titleIds.forEach((id, t) => {
    const i = at.get(id);
    if (i !== undefined) slot[t] = i;
  });
  const raters = ids.map(() => new Set<number>());
  for (let k = 0; k < ratings.length; k++) {
    const i = slot[ratings.title[k]];
    if (i >= 0) raters[i].add(ratings.user[k]);
  }
  return (i, j) => {
    if (i === j) return raters[i].size;
    let n = 0;
    for (const u of raters[i]) if (raters[j].has(u)) n++;
    return n;
  };
}
