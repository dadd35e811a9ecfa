// The sparse user × title rating matrix, stored twice: by user rows (CSR) for "what did this
// user rate" and by title columns (CSC) for "who rated this title". Both are built with two
// stable counting sorts, so each row is ordered by title position and each column by user
// position — the order the similarity kernels and merge-based dot products rely on.
import type { Dataset } from '../types.ts';

export interface RatingMatrix {
  nUsers: number;
  nTitles: number;
  /** CSR: entries of user u are rowPtr[u] .. rowPtr[u+1]-1, title positions in colIdx. */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  rowVal: Float32Array;
  /** CSC: entries of title t are colPtr[t] .. colPtr[t+1]-1, user positions in rowIdx. */
  colPtr: Int32Array;
  rowIdx: Int32Array;
  colVal: Float32Array;
  /** For each CSC entry, the position of the same (user, title) entry in the CSR arrays. */
  cscToCsr: Int32Array;
}

export interface IndexMaps {
  userIds: string[];
  titleIds: string[];
  userPos: Map<string, number>;
  titlePos: Map<string, number>;
}

/**
 * Users in dataset order, then any user who only appears in ratings (first appearance order);
 * titles in catalogue order. A rating for a title missing from the catalogue is a programming
 * error upstream (the loaders validate), so it throws rather than inventing a title.
 */
export function indexMaps(ds: Pick<Dataset, 'users' | 'titles' | 'ratings'>): IndexMaps {
  const userIds: string[] = [];
  const userPos = new Map<string, number>();
  const addUser = (id: string) => {
    if (!userPos.has(id)) {
      userPos.set(id, userIds.length);
      userIds.push(id);
    }
  };
  for (const u of ds.users) addUser(u.id);
  // the ratings' own dictionaries, in order of first appearance: one lookup per id, not per rating
  const { ratings } = ds;
  const firstSeen = new Int32Array(ratings.userIds.length).fill(-1);
  for (let i = 0; i < ratings.length; i++) if (firstSeen[ratings.user[i]] < 0) firstSeen[ratings.user[i]] = i;
  const unlisted = [...firstSeen.keys()].filter((u) => firstSeen[u] >= 0 && !userPos.has(ratings.userIds[u]));
  unlisted.sort((a, b) => firstSeen[a] - firstSeen[b]);
  for (const u of unlisted) addUser(ratings.userIds[u]);
  const titleIds: string[] = [];
  const titlePos = new Map<string, number>();
  for (const t of ds.titles) {
    if (titlePos.has(t.id)) throw new Error(`duplicate title id ${JSON.stringify(t.id)} in catalogue`);
    titlePos.set(t.id, titleIds.length);
    titleIds.push(t.id);
  }
  const rated = ratings.countByTitle();
  ratings.titleIds.forEach((id, t) => {
    if (rated[t] > 0 && !titlePos.has(id)) throw new Error(`rating for unknown title ${JSON.stringify(id)}`);
  });
  return { userIds, titleIds, userPos, titlePos };
}

/** Stable counting sort of entry ids by key; returns the pointer array and the permutation. */
function bucket(keys: Int32Array, nKeys: number, order: Int32Array): { ptr: Int32Array; perm: Int32Array } {
  const ptr = new Int32Array(nKeys + 1);
  for (let i = 0; i < order.length; i++) ptr[keys[order[i]] + 1]++;
  for (let k = 0; k < nKeys; k++) ptr[k + 1] += ptr[k];
  const next = ptr.slice(0, nKeys);
  const perm = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    perm[next[keys[e]]++] = e;
  }
  return { ptr, perm };
}

/**
 * Builds CSR + CSC from (user, title, value) triples. A repeated (user, title) pair keeps the
 * last value given, as a re-rating replaces the earlier one.
 */
export function buildMatrix(nUsers: number, nTitles: number, users: Int32Array, titles: Int32Array, values: Float32Array): RatingMatrix {
  const n = users.length;
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  // by title, then stably by user: rows come out sorted by title, ties in input order
  const byTitle = bucket(titles, nTitles, identity).perm;
  const byUser = bucket(users, nUsers, byTitle);
  // drop all but the last of each repeated (user, title)
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const e = byUser.perm[i];
    const nextE = i + 1 < n ? byUser.perm[i + 1] : -1;
    if (nextE >= 0 && users[nextE] === users[e] && titles[nextE] === titles[e]) continue;
    keep[m++] = e;
  }
  const rowPtr = new Int32Array(nUsers + 1);
  const colIdx = new Int32Array(m);
  const rowVal = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const e = keep[i];
    rowPtr[users[e] + 1]++;
    colIdx[i] = titles[e];
    rowVal[i] = values[e];
  }
  for (let u = 0; u < nUsers; u++) rowPtr[u + 1] += rowPtr[u];
  // CSC from CSR: walking rows in user order fills each column in user order
  const colPtr = new Int32Array(nTitles + 1);
  for (let i = 0; i < m; i++) colPtr[colIdx[i] + 1]++;
  for (let t = 0; t < nTitles; t++) colPtr[t + 1] += colPtr[t];
  const next = colPtr.slice(0, nTitles);
  const rowIdx = new Int32Array(m);
  const colVal = new Float32Array(m);
  const cscToCsr = new Int32Array(m);
  for (let u = 0; u < nUsers; u++) {
    for (let p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
      const q = next[colIdx[p]]++;
      rowIdx[q] = u;
      colVal[q] = rowVal[p];
      cscToCsr[q] = p;
    }
  }
  return { nUsers, nTitles, rowPtr, colIdx, rowVal, colPtr, rowIdx, colVal, cscToCsr };
}

/** The rating matrix of a dataset under the given index maps. */
export function ratingMatrix(ds: Pick<Dataset, 'ratings'>, maps: IndexMaps): RatingMatrix {
  const { ratings } = ds;
  const n = ratings.length;
  const userAt = Int32Array.from(ratings.userIds, (id) => maps.userPos.get(id) ?? -1);
  const titleAt = Int32Array.from(ratings.titleIds, (id) => maps.titlePos.get(id) ?? -1);
  const users = new Int32Array(n);
  const titles = new Int32Array(n);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    users[i] = userAt[ratings.user[i]];
    titles[i] = titleAt[ratings.title[i]];
    values[i] = ratings.value[i];
  }
  return buildMatrix(maps.userIds.length, maps.titleIds.length, users, titles, values);
}

/** The value at (u, t), or 0 when unrated (binary search in the sorted row). */
export function entry(m: RatingMatrix, u: number, t: number): number {
  let lo = m.rowPtr[u];
  let hi = m.rowPtr[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.colIdx[mid];
    if (c === t) return m.rowVal[mid];
    if (c < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * Pair updates (Σ over users of their ratings²) the item–item kernels may spend: what they cost
 * is that sum, not the number of ratings, and on the Netflix Prize's shape (10⁸ ratings, users
 * with up to 17,000) it is about 10¹¹, several minutes per kernel. Below this budget (MovieLens-10M's
 * shape is about 1.5·10⁹) nothing changes.
 */
export const PAIR_BUDGET = 2.5e9;

/** Σ_u min(deg u, cap)². */
function pairCost(m: RatingMatrix, cap: number): number {
  let s = 0;
  for (let u = 0; u < m.nUsers; u++) {
    const d = Math.min(cap, m.rowPtr[u + 1] - m.rowPtr[u]);
    s += d * d;
  }
  return s;
}

/** A well-mixed 32-bit hash of (user, title) positions: which of a user's ratings are kept. */
function pairHash(u: number, t: number): number {
  let h = Math.imul(u ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(t + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * The matrix the item–item weights learn from: `m` itself while its pair cost is within
 * `budget`; else every user's ratings beyond the largest cap that fits, a fixed pseudo-random
 * choice of `cap` of them (by a hash of user and title, so the same data keeps the same ones).
 * Heavy users then still count, each as much as a typical one; scoring and the site read the
 * whole history.
 */
export function learningMatrix(m: RatingMatrix, budget = PAIR_BUDGET): { matrix: RatingMatrix; cap: number | null } {
  if (pairCost(m, Infinity) <= budget) return { matrix: m, cap: null };
  let lo = 1;
  let hi = 1;
  for (let u = 0; u < m.nUsers; u++) hi = Math.max(hi, m.rowPtr[u + 1] - m.rowPtr[u]);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pairCost(m, mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const cap = lo;
  let kept = 0;
  for (let u = 0; u < m.nUsers; u++) kept += Math.min(cap, m.rowPtr[u + 1] - m.rowPtr[u]);
  const users = new Int32Array(kept);
  const titles = new Int32Array(kept);
  const values = new Float32Array(kept);
  const hashes = new Float64Array(hi);
  const order = new Int32Array(hi);
  let at = 0;
  for (let u = 0; u < m.nUsers; u++) {
    const from = m.rowPtr[u];
    const n = m.rowPtr[u + 1] - from;
    if (n <= cap) {
      for (let p = from; p < from + n; p++) {
        users[at] = u;
        titles[at] = m.colIdx[p];
        values[at++] = m.rowVal[p];
      }
      continue;
    }
    for (let q = 0; q < n; q++) {
      hashes[q] = pairHash(u, m.colIdx[from + q]);
      order[q] = q;
    }
    const chosen = order.subarray(0, n).sort((a, b) => hashes[a] - hashes[b] || a - b).subarray(0, cap).sort();
    for (const q of chosen) {
      users[at] = u;
      titles[at] = m.colIdx[from + q];
      values[at++] = m.rowVal[from + q];
    }
  }
  return { matrix: buildMatrix(m.nUsers, m.nTitles, users, titles, values), cap };
}
