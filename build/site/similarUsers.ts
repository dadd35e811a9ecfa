// "Users with similar taste" links: cosine similarity of users' genre-affinity vectors. Comparing
// every pair would be quadratic (10,000 users ⇒ 50M pairs), so each user is compared only with
// users who share their strongest genre, at most MAX_CANDIDATES of them, chosen deterministically.
import type { ModelView } from '../types.ts';
import { TopK } from '../model/topk.ts';

const MAX_CANDIDATES = 400;

/**
 * `accept(u, v)` (model positions) can veto a candidate: the site asks that a similar user shares
 * one of the user's top genres, so the link can say what the two have in common.
 */
export function similarUsers(model: ModelView, n: number, accept: (u: number, v: number) => boolean = () => true): Map<string, string[]> {
  const users = model.userIds.length;
  const genres = model.genres.length;
  const vec = new Float64Array(users * genres);
  const norm = new Float64Array(users);
  const top = new Int32Array(users).fill(-1);
  for (let u = 0; u < users; u++) {
    let best = 0;
    let s = 0;
    for (let g = 0; g < genres; g++) {
      const a = model.genreAffinity(u, g);
      vec[u * genres + g] = a;
      s += a * a;
      if (a > best) {
        best = a;
        top[u] = g;
      }
    }
    norm[u] = Math.sqrt(s);
  }
  const buckets = new Map<number, number[]>();
  for (let u = 0; u < users; u++) {
    if (top[u] < 0) continue;
    let b = buckets.get(top[u]);
    if (!b) buckets.set(top[u], (b = []));
    b.push(u);
  }
  // Each user's place in their bucket, and a reused top-n heap: sorting 400 candidates per
  // user was most of this stage's second at 10,000 users.
  const place = new Int32Array(users).fill(-1);
  for (const b of buckets.values()) b.forEach((u, i) => (place[u] = i));
  const heap = new TopK(n);
  const out = new Map<string, string[]>();
  for (let u = 0; u < users; u++) {
    const bucket = top[u] < 0 ? [] : buckets.get(top[u])!;
    // A window of the bucket around u keeps the work bounded and the choice deterministic.
    const at = place[u];
    const from = Math.max(0, Math.min(at - MAX_CANDIDATES / 2, bucket.length - MAX_CANDIDATES));
    const to = Math.min(bucket.length, from + MAX_CANDIDATES);
    for (let c = from; c < to; c++) {
      const v = bucket[c];
      if (v === u || norm[v] === 0 || !accept(u, v)) continue;
      let dot = 0;
      for (let g = 0; g < genres; g++) dot += vec[u * genres + g] * vec[v * genres + g];
      // ordered by similarity, then by user position, as before
      heap.push(v, dot / (norm[u] * norm[v]));
    }
    out.set(model.userIds[u], heap.drain().pos.map((v) => model.userIds[v]));
  }
  return out;
}
