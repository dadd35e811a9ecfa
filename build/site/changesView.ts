// A comparison (compare.ts) as the "What changed" page and the home page's line read it: every
// figure formatted the way the rest of the report writes numbers, so the templates compute
// nothing (templates/view.ts ChangesView).
import type { ChangeRow, ChangesView } from '../../templates/index.ts';
import { formatCount, formatFixed, listText, plural } from '../util/numbers.ts';
import type { BuildRecord, Comparison, MetricChange } from '../compare/compare.ts';
import { changeText, METRIC_NAMES, metricChangeText, recordedValue } from '../compare/values.ts';

function metricRow(m: MetricChange): ChangeRow {
  return {
    name: METRIC_NAMES[m.metric] ?? m.metric,
    meaning: m.label,
    old: formatFixed(m.old, 3),
    new: formatFixed(m.new, 3),
    change: metricChangeText(m.delta),
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
  // a changed top title or genre is not a figure: counted apart from the numbers
  const numbers = cmp.moved.filter((f) => f.delta !== null);
  const names = cmp.moved.length - numbers.length;
  const noisy = numbers.filter((f) => f.noise).length;
  if (numbers.length > 0) parts.push(`${plural(numbers.length, 'figure')} moved${noisy > 0 ? ` (${formatCount(noisy)} within the noise of the evaluation's sample)` : ''}`);
  if (names > 0) parts.push(`${plural(names, 'name or list', 'names or lists')} changed`);
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
