// Where a user without a page of their own is found: one of the users index's shard files,
// chosen by a hash of the id. The build writes the shards (build/site/userPages.ts, through
// templates/index.ts) and the users-index script fetches the one a searched id falls in, so both
// read this one module: the rule must agree to the bit. It imports nothing, so Vite can bundle it.

/**
 * About this many users per shard, so a search fetches one small file: at 5 recommendations each
 * a shard is about 100 KB of JSON (measured on the 50,000-user simulation, whose reasons are long).
 */
export const USERS_PER_SHARD = 100;

/** Recommendations a shard keeps per user (the top ones; every one is in data/recommendations.csv). */
export const SHARD_RECOMMENDATIONS = 5;

/** Shards for `users` users without a page (none when every user has one). */
export function shardCount(users: number): number {
  return Math.ceil(users / USERS_PER_SHARD);
}

/** FNV-1a (32 bit) over the id's UTF-16 code units, modulo the shard count. */
export function shardOf(id: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** A shard's site-relative path. */
export function userShardPath(shard: number): string {
  return `data/users/${shard}.json`;
}

/** One user in a shard: what the users index shows for a user who has no page. */
export interface ShardUser {
  id: string;
  plan: string | null;
  region: string | null;
  topGenres: string[];
  ratings: number;
  /** The top recommendations, best first: the title and the sentence that explains it. */
  recommendations: { title: string; reason: string }[];
}
