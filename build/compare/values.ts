// How a comparison writes its values, the same on the "What changed" page and in the Markdown
// summary: a recorded fact in its kind's format (a share as "34%", a count with separators), a
// change in its kind's unit (a share in percentage points), metrics to three decimals, and the
// Unicode minus the report uses for negative changes.
import type { FactKind } from '../insights/catalogue.ts';
import { formatPlain } from '../insights/format.ts';
import { formatCount, formatFixed, groupDigits } from '../util/numbers.ts';

/** What the metrics are called for readers, in the evaluation table's order. */
export const METRIC_NAMES: Record<string, string> = {
  precision: 'precision@K',
  recall: 'recall@K',
  ndcg: 'NDCG@K',
  hitRate: 'hit rate',
  coverage: 'catalogue coverage',
  genreMatch: 'genre match',
  genreMatchTruth: 'genre match with the hidden preferences',
};

const KNOWN_KINDS = new Set<string>(['share', 'count', 'number', 'rating', 'genre', 'title', 'list', 'text']);

/** A recorded value in its kind's format; a value the kind does not expect is shown as JSON. */
export function recordedValue(kind: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const k = (KNOWN_KINDS.has(kind) ? kind : 'text') as FactKind;
  const ok = typeof value === 'number' || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (!ok) return JSON.stringify(value);
  try {
    return formatPlain({ name: '', kind: k, value: value as number | string | string[], meaning: '' }, null);
  } catch {
    return String(value);
  }
}

/** Unicode minus, as the report writes negative changes. */
export const sign = (v: number, text: string): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);

/** A change of a numeric fact in its kind's unit: a share moves in percentage points. */
export function changeText(kind: string, delta: number): string {
  if (delta === 0) return 'same';
  switch (kind) {
    case 'share': {
      const points = groupDigits(Math.abs(delta) * 100, 1);
      return sign(delta, `${points} percentage ${points === '1.0' ? 'point' : 'points'}`);
    }
    case 'count':
      return sign(delta, formatCount(Math.abs(delta)));
    case 'rating':
      return sign(delta, groupDigits(Math.abs(delta), 2));
    default:
      return sign(delta, formatFixed(Math.abs(delta), Math.abs(delta) >= 100 ? 1 : 3));
  }
}

/** A metric (0–1, three decimals as in the evaluation table). */
export const metricText = (v: number): string => formatFixed(v, 3);

/** A metric's change: "same", "+0.035", "−0.046". */
export const metricChangeText = (delta: number): string => (delta === 0 ? 'same' : sign(delta, metricText(Math.abs(delta))));
