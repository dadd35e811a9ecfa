// User × genre affinity: the share of a user's rating weight that falls on each genre. A rating
// of a multi-genre title is split evenly over its genres, so a user's affinities sum to 1 and
// read as "x % of what this user rated (weighted by how much they liked it) is Drama".
import type { RatingMatrix } from './matrix.ts';

/** Titles' genre positions as CSR: genres of title t are idx[ptr[t]] .. idx[ptr[t+1]-1]. */
export interface TitleGenres {
  ptr: Int32Array;
  idx: Int32Array;
}

export function titleGenreIndex(titleGenres: string[][], genrePos: Map<string, number>): TitleGenres {
  const ptr = new Int32Array(titleGenres.length + 1);
  const idx: number[] = [];
  titleGenres.forEach((gs, t) => {
    for (const g of new Set(gs)) idx.push(genrePos.get(g)!);
    ptr[t + 1] = idx.length;
  });
  return { ptr, idx: Int32Array.from(idx) };
}

/** Dense users × genres (row-major) affinities; genres are few (≤ ~50), users many. */
export function genreAffinities(m: RatingMatrix, tg: TitleGenres, nGenres: number): Float64Array {
  const out = new Float64Array(m.nUsers * nGenres);
  for (let u = 0; u < m.nUsers; u++) {
    const base = u * nGenres;
    let total = 0;
    for (let p = m.rowPtr[u]; p < m.rowPtr[u + 1]; p++) {
      const t = m.colIdx[p];
      const nG = tg.ptr[t + 1] - tg.ptr[t];
      if (nG === 0) continue;
      const share = m.rowVal[p] / nG;
      for (let g = tg.ptr[t]; g < tg.ptr[t + 1]; g++) out[base + tg.idx[g]] += share;
      total += m.rowVal[p];
    }
    if (total > 0) for (let g = 0; g < nGenres; g++) out[base + g] /= total;
  }
  return out;
}
