// Bounded top-k selection with a deterministic order: higher value first, then lower position.
// A size-k min-heap keeps selection O(n log k): picking a user's 10 best of thousands of titles.

/** Sparse per-row top-k lists: row r's entries are ptr[r] .. ptr[r+1]-1, strongest first. */
export interface Neighbours {
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

/** Is (va, a) ranked below (vb, b)? Lower value, or equal value and larger position. */
function below(va: number, a: number, vb: number, b: number): boolean {
  return va < vb || (va === vb && a > b);
}

/** A reusable heap; `select` returns positions strongest first. */
export class TopK {
  private readonly pos: Int32Array;
  private readonly vals: Float64Array;
  private size = 0;
  constructor(readonly k: number) {
    this.pos = new Int32Array(Math.max(1, k));
    this.vals = new Float64Array(Math.max(1, k));
  }

  clear(): void {
    this.size = 0;
  }

  /** Full, with (weakestValue, weakestPos) as the entry the next push must beat. */
  get full(): boolean {
    return this.size === this.k;
  }

  get weakestValue(): number {
    return this.vals[0];
  }

  get weakestPos(): number {
    return this.pos[0];
  }

  push(p: number, v: number): void {
    const { pos, vals, k } = this;
    if (k === 0) return;
    if (this.size < k) {
      let i = this.size++;
      // sift up: the root holds the weakest kept entry
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!below(v, p, vals[parent], pos[parent])) break;
        pos[i] = pos[parent];
        vals[i] = vals[parent];
        i = parent;
      }
      pos[i] = p;
      vals[i] = v;
      return;
    }
    if (!below(vals[0], pos[0], v, p)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && below(vals[r], pos[r], vals[l], pos[l]) ? r : l;
      if (!below(vals[c], pos[c], v, p)) break;
      pos[i] = pos[c];
      vals[i] = vals[c];
      i = c;
    }
    pos[i] = p;
    vals[i] = v;
  }

  /** Kept entries strongest first (and the heap is emptied). */
  drain(): { pos: number[]; vals: number[] } {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.vals[b] - this.vals[a] || this.pos[a] - this.pos[b]);
    const out = { pos: order.map((i) => this.pos[i]), vals: order.map((i) => this.vals[i]) };
    this.size = 0;
    return out;
  }
}
