// The ratings as the fact families count them: positions and typed arrays, built in one pass.
// At 10⁷ ratings the families spent most of their time looking titles and users up by string id
// per rating, building a genre list per rating and a string per (user, title) pair; with this
// index each rating costs a few array reads. Sums are still taken in data order, so every mean
// and share comes out bit for bit as before.
import type { Ratings, Title } from '../types.ts';
import { compareNames } from './factKeys.ts';

export interface RatingIndex {
  /** Every genre any title lists (a missing-genre marker included), sorted by name. */
  genres: string[];
  /** Title ids by position: the catalogue's, then ids rated but not in it (they have no genres). */
  titleIds: string[];
  /** Title id → position (the catalogue's last title of that id, as a Map of the titles has it). */
  titlePos: Map<string, number>;
  /** Each title's distinct genres (positions in `genres`), in the title's order. */
  titleGenres: Int32Array[];
  /** Each title's genres as listed, repeats included (what "a user's top genres" counts). */
  titleGenreList: Int32Array[];
  /** Rating i → its title's position. */
  ratingTitle: Int32Array;
  /** User id → position, for users with ratings, in order of their first rating. */
  userPos: Map<string, number>;
  /** User u's ratings are `byUser[start[u]]` … `byUser[start[u + 1] - 1]`, in data order. */
  start: Int32Array;
  byUser: Int32Array;
}

export function indexRatings(titles: readonly Title[], ratings: Ratings): RatingIndex {
  const genres = [...new Set(titles.flatMap((t) => t.genres))].sort(compareNames);
  const genrePos = new Map(genres.map((g, i) => [g, i]));
  const titlePos = new Map<string, number>();
  const titleIds: string[] = [];
  const titleGenres: Int32Array[] = [];
  const titleGenreList: Int32Array[] = [];
  for (const t of titles) {
    let at = titlePos.get(t.id);
    if (at === undefined) {
      titlePos.set(t.id, (at = titleIds.length));
      titleIds.push(t.id);
    }
    // a repeated id takes the later title's genres, as a Map of the titles keeps the later title
    titleGenres[at] = Int32Array.from(new Set(t.genres), (g) => genrePos.get(g)!);
    titleGenreList[at] = Int32Array.from(t.genres, (g) => genrePos.get(g)!);
  }
  // positions of the ratings' own dictionaries: one lookup per distinct id, not per rating
  const titleAt = Int32Array.from(ratings.titleIds, (id) => {
    let t = titlePos.get(id);
    if (t === undefined) {
      t = titleIds.length;
      titlePos.set(id, t);
      titleIds.push(id);
      titleGenres.push(new Int32Array(0));
      titleGenreList.push(new Int32Array(0));
    }
    return t;
  });
  const userAt = new Int32Array(ratings.userIds.length).fill(-1);
  const ratingTitle = new Int32Array(ratings.length);
  const ratingUser = new Int32Array(ratings.length);
  const userPos = new Map<string, number>();
  for (let i = 0; i < ratings.length; i++) {
    ratingTitle[i] = titleAt[ratings.title[i]];
    const d = ratings.user[i];
    if (userAt[d] < 0) {
      userAt[d] = userPos.size;
      userPos.set(ratings.userIds[d], userAt[d]);
    }
    ratingUser[i] = userAt[d];
  }
  // A stable counting sort by user: each user's ratings stay in data order.
  const start = new Int32Array(userPos.size + 1);
  for (let i = 0; i < ratings.length; i++) start[ratingUser[i] + 1]++;
  for (let k = 0; k < userPos.size; k++) start[k + 1] += start[k];
  const next = start.slice(0, userPos.size);
  const byUser = new Int32Array(ratings.length);
  for (let i = 0; i < ratings.length; i++) byUser[next[ratingUser[i]]++] = i;
  return { genres, titleIds, titlePos, titleGenres, titleGenreList, ratingTitle, userPos, start, byUser };
}
