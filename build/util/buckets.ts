// Rows grouped by an integer key with a counting sort: O(rows + keys), stable (rows keep their
// order inside a key), and no object or array per key — the way every stage that visits data
// user by user or title by title walks 10⁸ rows.

export interface Buckets {
  /** start[k] … start[k + 1] − 1 are the positions in `order` of the rows with key k. */
  start: Int32Array;
  /** Row numbers, grouped by key, in row order within a key. */
  order: Int32Array;
}

/** How many rows have each key (0 ≤ key < keyCount; negative keys are not counted). */
export function countPer(keys: Int32Array, keyCount: number): Int32Array {
  const counts = new Int32Array(keyCount);
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) counts[keys[i]]++;
  return counts;
}

/** A column copied into a longer one of the same type (the builders' growth step). */
export function widened<A extends Int32Array | Uint8Array | Float64Array>(column: A, size: number): A {
  const out = new (column.constructor as new (n: number) => A)(size);
  out.set(column);
  return out;
}

/** Groups rows 0 … keys.length − 1 by keys[row] (0 ≤ key < keyCount; a negative key drops the row). */
export function bucketBy(keys: Int32Array, keyCount: number): Buckets {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) start[keys[i] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const next = start.slice(0, keyCount);
  const order = new Int32Array(start[keyCount]);
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) order[next[keys[i]]++] = i;
  return { start, order };
}

/**
 * Finds the row of a (user, title) pair among rows given as two index columns, each pair at most
 * once: rows are grouped by user and sorted by title inside each user, so a look-up is a binary
 * search in one user's rows. 4 bytes a row, where a Map per user would take about 50.
 */
export class PairIndex {
  private readonly start: Int32Array;
  private readonly order: Int32Array;

  constructor(
    private readonly user: Int32Array,
    private readonly title: Int32Array,
    userCount: number,
  ) {
    ({ start: this.start, order: this.order } = bucketBy(user, userCount));
    for (let u = 0; u < userCount; u++) {
      const from = this.start[u];
      const to = this.start[u + 1];
      if (to - from > 1) this.order.subarray(from, to).sort((a, b) => title[a] - title[b]);
    }
  }

  /** The row of (u, t), or −1. */
  find(u: number, t: number): number {
    if (u < 0 || t < 0 || u + 1 >= this.start.length) return -1;
    let lo = this.start[u];
    let hi = this.start[u + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const row = this.order[mid];
      const at = this.title[row];
      if (at === t) return row;
      if (at < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
