// A comparison as Markdown, short enough to read in a pull request: written to the file given by
// --summary and appended to $GITHUB_STEP_SUMMARY when CI sets it. Values from the data are
// escaped for Markdown table cells (a genre named "a|b" must not add a column).
import type { Comparison, FactChange, MetricChange } from './compare.ts';
import { formatCount, formatFixed, plural } from '../util/numbers.ts';
import { changeText, METRIC_NAMES, metricChangeText, metricText, recordedValue } from './values.ts';

/** Most moved facts listed; the rest are counted. */
const MAX_FACTS = 15;

/** Text from data in a Markdown table cell: no pipes, line breaks, HTML or emphasis markers. */
export function cell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '—' : typeof value === 'number' ? formatFixed(value, Number.isInteger(value) ? 0 : 3) : String(value);
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/([\\|`*_[\]<>#~])/g, '\\$1');
}

/** A fact name in a code span: Markdown escapes are literal there, so only backticks and breaks go. */
const code = (name: string): string => `\`${name.replace(/[`\r\n\u2028\u2029|]/g, ' ')}\``;

// the same formats as the "What changed" page (values.ts): a share as "34%", its change in points
function factRow(f: FactChange): string {
  const change = f.delta === null ? 'changed' : `${changeText(f.kind, f.delta)}${f.noise ? ' (within noise)' : ''}`;
  return `| ${code(f.name)} | ${cell(recordedValue(f.kind, f.old))} | ${cell(recordedValue(f.kind, f.new))} | ${change} |`;
}

function metricRow(m: MetricChange): string {
  const name = `${m.view === 'liked' ? 'liked ' : ''}${METRIC_NAMES[m.metric] ?? m.metric}`;
  return `| ${cell(m.label)} | ${cell(name)} | ${metricText(m.old)} | ${metricText(m.new)} | ${metricChangeText(m.delta)}${m.noise ? ' (within noise)' : ''} |`;
}

/** At most `n` items of a list, then how many more. */
function some(items: string[], n = 10): string {
  return items.slice(0, n).join(', ') + (items.length > n ? ` and ${items.length - n} more` : '');
}

export function comparisonMarkdown(cmp: Comparison, opts: { previous: string; failed?: MetricChange[] }): string {
  const out: string[] = [`## What changed since ${cell(opts.previous)}`, ''];
  if (cmp.unchanged) return [...out, 'Nothing changed: every fact, count, claim, strategy item and metric is the same.', ''].join('\n');
  if (opts.failed && opts.failed.length > 0) {
    out.push(`**Regression:** ${opts.failed.map((m) => `${cell(m.label)} ${cell(m.metric)} ${metricText(m.old)} → ${metricText(m.new)}`).join('; ')}.`, '');
  }
  if (cmp.counts.length > 0) out.push(`Data: ${cmp.counts.map((c) => `${c.what} ${c.old === null ? '—' : formatCount(c.old)} → ${c.new === null ? '—' : formatCount(c.new)}`).join(', ')}.`, '');
  const people = [
    cmp.titlesAdded.length > 0 ? `titles added: ${some(cmp.titlesAdded.map((t) => cell(t.name)))}` : '',
    cmp.titlesRemoved.length > 0 ? `titles removed: ${some(cmp.titlesRemoved.map((t) => cell(t.name)))}` : '',
    cmp.usersAdded.length > 0 ? `users added: ${some(cmp.usersAdded.map(cell))}` : '',
    cmp.usersRemoved.length > 0 ? `users removed: ${some(cmp.usersRemoved.map(cell))}` : '',
  ].filter(Boolean);
  if (people.length > 0) out.push(`${people.join('; ')}.`, '');
  if (cmp.claimsFlipped.length > 0) {
    out.push(`### Claims whose truth flipped (${cmp.claimsFlipped.length})`, '');
    for (const c of cmp.claimsFlipped) out.push(`- ${code(`${c.file}:${c.line}`)} ${code(c.claim)}: ${c.was ? 'held' : 'failed'} → ${c.now ? 'holds' : '**fails**'}`);
    out.push('');
  }
  if (cmp.strategy.length > 0) {
    out.push('### Strategy items', '');
    for (const s of cmp.strategy) out.push(`- ${s.old === null ? `new: ${cell(s.new)}` : s.new === null ? `gone: ${cell(s.old)}` : `${cell(s.new)} (was: ${cell(s.old)})`}`);
    out.push('');
  }
  // the published model and its floor: the rest are on the site's "What changed" page
  const changedMetrics = cmp.metrics.filter((m) => m.delta !== 0);
  const metricChanges = changedMetrics.filter((m) => m.model === 'default' || m.model === 'popularity');
  const others = changedMetrics.length - metricChanges.length;
  if (metricChanges.length > 0) {
    out.push(`### Recommender metrics (held-out ratings: ${cmp.testItems.old} → ${cmp.testItems.new})`, '');
    if (metricChanges.some((m) => m.noise)) out.push('A change smaller than twice its standard error is marked “within noise”.', '');
    out.push('| model | metric | before | now | change |', '| --- | --- | ---: | ---: | ---: |', ...metricChanges.map(metricRow), '');
  }
  if (others > 0) out.push(`Other models: ${others} metric changes, listed on the site's “What changed” page.`, '');
  if (cmp.moved.length > 0) {
    out.push(`### Facts that moved (${cmp.moved.length})`, '', '| fact | before | now | change |', '| --- | --- | --- | ---: |', ...cmp.moved.slice(0, MAX_FACTS).map(factRow));
    if (cmp.moved.length > MAX_FACTS) out.push('', `and ${cmp.moved.length - MAX_FACTS} more (data/facts.json holds them all).`);
    out.push('');
  }
  if (cmp.appeared.length > 0) out.push(`New facts: ${cmp.appeared.map(code).join(', ')}.`, '');
  if (cmp.disappeared.length > 0) out.push(`Facts gone: ${cmp.disappeared.map(code).join(', ')}.`, '');
  return out.join('\n');
}

/** One line for the build log. */
export function comparisonLine(cmp: Comparison, previous: string): string {
  if (cmp.unchanged) return `compared with ${previous}: nothing changed`;
  const ndcg = cmp.metrics.find((m) => m.model === 'default' && m.view === 'all' && m.metric === 'ndcg');
  return (
    `compared with ${previous}: ${cmp.moved.length} facts moved, ${cmp.appeared.length} new, ${cmp.disappeared.length} gone, ` +
    `${plural(cmp.claimsFlipped.length, "claim")} flipped, ${plural(cmp.strategy.length, "strategy item")} changed` +
    (ndcg ? `; published model NDCG ${metricText(ndcg.old)} → ${metricText(ndcg.new)}` : '')
  );
}
