// A comparison (compare.ts) as the "What changed" page and the home page's line read it: every
// figure formatted the way the rest of the report writes numbers, so the templates compute
// nothing (templates/view.ts ChangesView).
import type { ChangeRow, ChangesView } from '../../templates/index.ts';
import type { FactKind } from '../insights/catalogue.ts';
import { formatPlain } from '../insights/format.ts';
import { formatCount, formatFixed, groupDigits, listText, plural } from '../util/numbers.ts';
import type { BuildRecord, Comparison, MetricChange } from '../compare/compare.ts';

/** What the metrics are called on the page, in the evaluation table's order. */
const METRIC_NAMES: Record<string, string> = {
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
const sign = (v: number, text: string): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);

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

function metricRow(m: MetricChange): ChangeRow {
  return {
    name: METRIC_NAMES[m.metric] ?? m.metric,
    meaning: m.label,
    old: formatFixed(m.old, 3),
    new: formatFixed(m.new, 3),
    change: m.delta === 0 ? 'same' : sign(m.delta, formatFixed(Math.abs(m.delta), 3)),
    noise: m.delta !== 0 && m.noise,
    numeric: true,
  };
}

/** "12 facts moved, 1 claim flipped and 2 strategy items changed": the home page's line. */
export function changesHeadline(cmp: Comparison): string {
  if (cmp.unchanged) return 'Nothing changed since the previous build: every figure, claim and recommendation is the same.';
  const parts: string[] = [];
  const dataMoved = cmp.counts.length > 0 || cmp.titlesAdded.length + cmp.titlesRemoved.length + cmp.usersAdded.length + cmp.usersRemoved.length > 0;
  if (dataMoved) parts.push('the data changed');
  const real = cmp.moved.filter((f) => !f.noise).length;
  const noisy = cmp.moved.length - real;
  if (cmp.moved.length > 0) parts.push(`${plural(cmp.moved.length, 'figure')} moved${noisy > 0 ? ` (${formatCount(noisy)} within the noise of the evaluation's sample)` : ''}`);
  if (cmp.claimsFlipped.length > 0) parts.push(`${plural(cmp.claimsFlipped.length, 'claim')} flipped`);
  if (cmp.strategy.length > 0) parts.push(`${plural(cmp.strategy.length, 'strategy item')} changed`);
  const published = cmp.metrics.find((m) => m.model === 'default' && m.view === 'all' && m.metric === 'ndcg');
  if (published && published.delta !== 0) {
    parts.push(`the published model's NDCG went from ${formatFixed(published.old, 3)} to ${formatFixed(published.new, 3)}${published.noise ? ', within the noise' : ''}`);
  }
  if (parts.length === 0) parts.push('only facts were added or removed');
  const text = listText(parts);
  return `Since the previous build, ${text}.`;
}

/** The previous build in one sentence: its own description of its data, and what built it. */
function describe(r: BuildRecord): string {
  const text = r.provenance.description.trim().replace(/[.\s]+$/, '');
  const seed = r.provenance.seed !== null && !/\bseed\b/i.test(text) ? ` (seed ${r.provenance.seed})` : '';
  return `${text}${seed}; built by ${r.generator}`;
}

export function changesView(cmp: Comparison, prev: BuildRecord, next: BuildRecord, opts: { previous: string; userSlugs: Map<string, string> }): ChangesView {
  const kindOf = (name: string) => next.facts[name]?.kind ?? prev.facts[name]?.kind ?? 'text';
  const views = [
    { view: 'all' as const, title: 'Every held-out rating relevant', users: [prev.evaluation?.protocol.usersEvaluated, next.evaluation?.protocol.usersEvaluated] },
    { view: 'liked' as const, title: 'Only held-out ratings at or above the liked bar relevant', users: [prev.evaluation?.protocol.liked?.usersEvaluated, next.evaluation?.protocol.liked?.usersEvaluated] },
  ];
  return {
    previous: opts.previous,
    previousDescription: describe(prev),
    unchanged: cmp.unchanged,
    headline: changesHeadline(cmp),
    counts: cmp.counts.map((c) => ({
      name: c.what,
      meaning: `${c.what} in the data`,
      old: c.old === null ? '—' : formatCount(c.old),
      new: c.new === null ? '—' : formatCount(c.new),
      change: c.old === null || c.new === null ? 'changed' : changeText('count', c.new - c.old),
      noise: false,
      numeric: true,
    })),
    titles: { added: cmp.titlesAdded.map((t) => t.name), removed: cmp.titlesRemoved.map((t) => t.name) },
    users: { added: cmp.usersAdded.map((id) => ({ id, slug: opts.userSlugs.get(id) ?? null })), removed: cmp.usersRemoved },
    metrics: views
      .map((v) => {
        const inView = cmp.metrics.filter((m) => m.view === v.view);
        // the published model first, then the others in the evaluation's order
        const models = [...new Set(inView.map((m) => m.model))].sort((a, b) => Number(b === 'default') - Number(a === 'default'));
        return {
          view: v.title,
          sample: `users evaluated: ${v.users.map((n) => (n === undefined ? '—' : formatCount(n))).join(' → ')}`,
          models: models.map((model) => {
            const own = inView.filter((m) => m.model === model);
            return {
              label: own[0].label,
              rows: own.filter((m) => m.delta !== 0).map(metricRow),
              unchanged: own.filter((m) => m.delta === 0).map((m) => METRIC_NAMES[m.metric] ?? m.metric),
            };
          }),
        };
      })
      .filter((v) => v.models.length > 0),
    claims: cmp.claimsFlipped,
    strategy: cmp.strategy,
    facts: cmp.moved.map((f) => ({
      name: f.name,
      meaning: f.meaning,
      old: recordedValue(f.kind, f.old),
      new: recordedValue(kindOf(f.name), f.new),
      change: f.delta === null ? 'changed' : changeText(f.kind, f.delta),
      noise: f.noise,
      numeric: f.delta !== null,
    })),
    appeared: cmp.appeared,
    disappeared: cmp.disappeared,
    notRecorded: cmp.notRecorded,
  };
}
