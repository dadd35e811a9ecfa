// Seeded random draws for the simulation. Every draw goes through a `Rng` made by `streams()`,
// all derived from one seed, so the same seed gives the same dataset and each stage (titles,
// users, ratings, sessions) has its own sub-stream: changing how many sessions are drawn does
// not shift the ratings.
import seedrandom from 'seedrandom';

/** A uniform [0, 1) source. */
export type Rng = () => number;

/** Sub-stream `name` of `seed`: independent of the others, reproducible. */
export function stream(seed: number, name: string): Rng {
  // Alea (shipped with seedrandom) rather than the default ARC4: same determinism, about six
  // times faster, which matters at 500k ratings.
  const prng = seedrandom.alea(`${seed}/${name}`);
  return () => prng();
}

export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Standard normal via Box–Muller (one value per call keeps the stream simple to reason about). */
export function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the x·U^(1/a) boost. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    let u = rng();
    while (u === 0) u = rng();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Dirichlet draw with concentration `alpha` (one entry per component). */
export function dirichlet(rng: Rng, alpha: readonly number[]): number[] {
  const g = alpha.map((a) => gamma(rng, a));
  const sum = g.reduce((s, x) => s + x, 0);
  // All-zero can only happen through underflow with tiny alphas; fall back to uniform.
  return sum > 0 ? g.map((x) => x / sum) : alpha.map(() => 1 / alpha.length);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let scratch = { scaled: new Float64Array(64), small: new Int32Array(64), large: new Int32Array(64) };

/**
 * Walker/Vose alias table: O(n) to build, O(1) per draw. Used wherever one distribution is
 * drawn from many times (a genre's titles by popularity, a user's genres).
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    if (!(total > 0)) throw new Error('AliasTable needs a positive total weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    // Scratch space shared by all tables: thousands of small tables (one per user) are built,
    // and typed-array allocation dominated their cost.
    if (scratch.scaled.length < n) scratch = { scaled: new Float64Array(n), small: new Int32Array(n), large: new Int32Array(n) };
    const { scaled, small, large } = scratch;
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const l = large[--nl];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) this.prob[large[--nl]] = 1;
    while (ns > 0) this.prob[small[--ns]] = 1; // rounding leftovers
  }

  draw(rng: Rng): number {
    const i = Math.floor(rng() * this.size);
    return rng() < this.prob[i] ? i : this.alias[i];
  }
}

/**
 * Splits `total` into integer parts proportional to `weights`, each at least `min` and at most
 * `max` (largest-remainder rounding, ties by index), so totals are exact: the default simulation
 * has exactly 50 ratings and 100 sessions like the case study.
 */
export function apportion(total: number, weights: readonly number[], min: number, max: number): number[] {
  const n = weights.length;
  const counts = new Array<number>(n).fill(min);
  let left = Math.min(total, n * max) - n * min;
  let open = weights.map((_, i) => i).filter((i) => counts[i] < max);
  while (left > 0 && open.length > 0) {
    const wsum = open.reduce((s, i) => s + weights[i], 0);
    const share = (i: number): number => (wsum > 0 ? weights[i] / wsum : 1 / open.length);
    const shares = open.map((i) => ({ i, exact: left * share(i) }));
    let given = 0;
    for (const s of shares) {
      const add = Math.min(Math.floor(s.exact), max - counts[s.i]);
      counts[s.i] += add;
      given += add;
    }
    let rest = left - given;
    shares.sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i);
    for (const s of shares) {
      if (rest === 0) break;
      if (counts[s.i] < max) {
        counts[s.i]++;
        rest--;
      }
    }
    left = rest;
    open = open.filter((i) => counts[i] < max);
  }
  return counts;
}
