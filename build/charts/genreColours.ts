// One colour for one genre, everywhere in a site (issue 12, item 1). The mapping is computed once
// per build from the dataset (memoised per Dataset object) and shared by every chart that colours
// by genre: the word cloud, the Sankey, the title-similarity groups and the user pages' affinity
// bars, inline and in the SVG downloads alike.
//
// - Order: genres by their number of genre-tagged ratings (a title with several genres counts in
//   each), most first, ties by code point; genres with no ratings follow by code point. The same
//   data therefore always gives the same colours, whatever order a chart draws its genres in.
// - Hues: Observable's "observable10" categorical scheme (colour-blind aware), scaled in linear
//   RGB, hue kept, to a relative luminance between 0.2 and 0.27: its light members darkened, its
//   blue and brown lightened (the dark page swallowed them), so every hue keeps a contrast of 3:1
//   or more (WCAG 1.4.11) on the light page (#ffffff: 3.3–4.2) and on the dark page (#15171a:
//   4.3–5.5) — they are used for text (the word cloud) as well as for marks.
// - At most GENRE_HUES.length genres get a hue. With more, the rest form an "Other genres" group
//   in neutral grey: charts either merge them into one "Other genres" mark or draw them in that
//   grey, and say which genres it holds; CSVs keep every genre.

import type { Dataset } from '../types.ts';
import { isGenre } from '../data/movielens.ts';

export const GENRE_HUES = ['#4a75e7', '#b6860f', '#e66652', '#539b8a', '#39a14d', '#d06f94', '#a463f2', '#a37052'] as const;
/** The "Other genres" group's colour: neutral, 3.3:1 on white and 5.5:1 on the dark page. */
export const OTHER_GENRE_COLOUR = '#8a8e96';
export const OTHER_GENRES_LABEL = 'Other genres';

export interface GenreColours {
  /** Every genre, in colour order (most rated first). */
  order: readonly string[];
  /** The genres that have a hue of their own. */
  leading: readonly string[];
  /** The genres of the "Other genres" group (empty when every genre has a hue). */
  others: readonly string[];
  isLeading(genre: string): boolean;
  /** The genre's hue, or OTHER_GENRE_COLOUR for a genre of the Other group or not known. */
  colour(genre: string): string;
  /** The genre itself if it is leading, else OTHER_GENRES_LABEL. */
  group(genre: string): string;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The mapping from each genre's volume (e.g. its number of ratings). */
export function genreColoursByVolume(volume: Iterable<readonly [string, number]>): GenreColours {
  const totals = new Map<string, number>();
  for (const [g, v] of volume) totals.set(g, (totals.get(g) ?? 0) + v);
  const order = [...totals.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([g]) => g);
  const leading = order.slice(0, GENRE_HUES.length);
  const others = order.slice(GENRE_HUES.length);
  const hue = new Map(leading.map((g, i) => [g, GENRE_HUES[i]]));
  return {
    order,
    leading,
    others,
    isLeading: (g) => hue.has(g),
    colour: (g) => hue.get(g) ?? OTHER_GENRE_COLOUR,
    group: (g) => (hue.has(g) ? g : OTHER_GENRES_LABEL),
  };
}

const UNKNOWN_GENRE = 'Unknown';
const memo = new WeakMap<Dataset, GenreColours>();

/** The site's mapping: one per dataset, computed once. */
export function genreColours(dataset: Dataset): GenreColours {
  const known = memo.get(dataset);
  if (known) return known;
  const ratingCounts = dataset.ratings.countsByTitleId();
  const volume: [string, number][] = [];
  // "(no genres listed)" is not a genre: it takes no hue (the charts leave it out)
  for (const t of dataset.titles) for (const g of t.genres.length ? t.genres : [UNKNOWN_GENRE]) if (isGenre(g)) volume.push([g, ratingCounts.get(t.id) ?? 0]);
  const colours = genreColoursByVolume(volume);
  memo.set(dataset, colours);
  return colours;
}

/** "Other genres: A, B and C" — the sentence a chart adds when it shows the Other group. */
export function otherGenresNote(colours: GenreColours, shownOthers: readonly string[] = colours.others): string {
  const list = colours.order.filter((g) => shownOthers.includes(g));
  return list.length === 0 ? '' : `${OTHER_GENRES_LABEL} (grey, ${list.length}): ${list.join(', ')}.`;
}
