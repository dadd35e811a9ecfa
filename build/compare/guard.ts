// The regression guard's flag (`--fail-on-regression ndcg=0.01,precision=0.02`), parsed on its own
// so the flag check in build/config.ts does not load the comparison (and, through it, the
// recommender's facts) before a build starts.
import { InputError } from '../types.ts';
import { quoted } from '../util/quote.ts';

/** `--fail-on-regression ndcg=0.01,precision=0.02`: metric → largest drop allowed. */
export type RegressionGuard = Map<string, number>;

/** The metrics a guard may name: those every evaluation reports. */
export const GUARDED_METRICS = ['precision', 'recall', 'ndcg', 'hitRate', 'coverage', 'genreMatch'] as const;

export function parseGuard(spec: string, flag = '--fail-on-regression'): RegressionGuard {
  const guard: RegressionGuard = new Map();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)=(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new InputError(`${flag}: ${quoted(part)} is not METRIC=DROP (for example ndcg=0.01)`);
    if (!(GUARDED_METRICS as readonly string[]).includes(m[1])) throw new InputError(`${flag}: unknown metric ${quoted(m[1])}; one of ${GUARDED_METRICS.join(', ')}`);
    guard.set(m[1], Number(m[2]));
  }
  if (guard.size === 0) throw new InputError(`${flag}: give at least one METRIC=DROP (for example ndcg=0.01)`);
  return guard;
}

