// How sure a lift is: a paired bootstrap over the evaluated users (issue 11, item 2). Each
// replicate draws as many users as were evaluated, with replacement, and recomputes the
// published model's mean metric against the baseline's on the same users; the 2.5th and 97.5th
// percentiles of the replicates' lifts are the 95 % interval. Paired, because both models are
// scored on the same users: what varies between replicates is who was sampled, not the models.
// Seeded from the protocol's seed, so the same split always prints the same interval.
import seedrandom from 'seedrandom';

export const BOOTSTRAP_REPLICATES = 1000;
export const BOOTSTRAP_LEVEL = 0.95;

export interface LiftInterval {
  /** Relative lift of the model over the baseline at the interval's ends (0.1 = 10 % higher). */
  low: number;
  high: number;
  level: number;
  replicates: number;
}

/**
 * The interval of mean(model) / mean(baseline) − 1, from per-user scores in the same user order.
 * Null when the baseline scores 0 on every user (a relative lift is then undefined) or no user
 * was evaluated.
 */
export function bootstrapLift(model: Float64Array, baseline: Float64Array, seed: number, replicates = BOOTSTRAP_REPLICATES): LiftInterval | null {
  const n = model.length;
  if (n === 0 || n !== baseline.length) return null;
  let baseSum = 0;
  for (let i = 0; i < n; i++) baseSum += baseline[i];
  if (baseSum === 0) return null;
  const rng = seedrandom.alea(`${seed}/bootstrap`);
  const lifts = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const u = Math.floor(rng() * n);
      a += model[u];
      b += baseline[u];
    }
    // a replicate in which the baseline never scores has no relative lift: it counts as the
    // largest possible one when the model scores, and as none when neither does
    lifts[r] = b > 0 ? a / b - 1 : a > 0 ? Infinity : 0;
  }
  lifts.sort();
  const at = (q: number) => lifts[Math.round(q * (replicates - 1))];
  const tail = (1 - BOOTSTRAP_LEVEL) / 2;
  const high = at(1 - tail);
  // more than the tail's share of replicates drew no baseline score: the sample cannot bound it
  if (!Number.isFinite(high)) return null;
  return { low: at(tail), high, level: BOOTSTRAP_LEVEL, replicates };
}
