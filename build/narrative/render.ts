// Nodes → Markdown: evaluates conditions and claims against the facts and turns every output
// into a placeholder whose HTML the slot table keeps until marked has run (slots.ts), so no
// string from data is ever parsed as Markdown or HTML.
import { escapeHtml, html, raw, type Raw } from '../util/html.ts';
import { chartShowing } from '../charts/index.ts';
import { FactLookupError, type FactCatalogue } from '../insights/catalogue.ts';
import { actualValues, ConditionError, evaluateCondition, type Condition } from '../insights/condition.ts';
import { formatHtml, FormatError, formatPlain, parseFormat } from '../insights/format.ts';
import type { SlotTable } from '../insights/slots.ts';
import { missingFor, strategyItems, type StrategyItem, type StrategyPart } from '../insights/strategy.ts';
import type { BindContext, ClaimOutcome, ClaimWarning } from './bind.ts';
import type { Node, Out } from './parse.ts';

export interface RenderState extends BindContext {
  slots: SlotTable;
  file: string;
  warnings: ClaimWarning[];
  /** Every claim this data's branches reached, held or not (the build's record compares them). */
  claims: ClaimOutcome[];
  fail: (line: number, detail: string) => never;
  strategy?: StrategyItem[];
}

export function render(nodes: Node[], st: RenderState): string {
  let out = '';
  for (const node of nodes) {
    if (node.k === 'text') out += node.text;
    else if (node.k === 'out') out += renderOut(node.out, node.line, st);
    else if (node.k === 'if') {
      const branch = node.branches.find((b) => b.cond === null || holds(b.cond, node.line, st));
      if (branch) out += render(branch.children, st);
    } else out += renderClaim(node, st);
  }
  return out;
}

function holds(cond: Condition, line: number, st: RenderState): boolean {
  try {
    return evaluateCondition(cond, st.facts);
  } catch (err) {
    if (err instanceof ConditionError || err instanceof FactLookupError) return st.fail(line, err.message);
    throw err;
  }
}

function renderClaim(node: Extract<Node, { k: 'claim' }>, st: RenderState): string {
  const content = render(node.children, st);
  const held = holds(node.cond, node.line, st);
  st.claims.push({ file: st.file, line: node.line, claim: node.src, holds: held });
  if (held) return content;
  const actual = actualValues(node.cond, st.facts);
  const message = `claim no longer holds: ${node.src}${actual ? ` (${actual})` : ''}`;
  if (!st.drafts) return st.fail(node.line, message);
  st.warnings.push({ file: st.file, line: node.line, claim: node.src, actual, message });
  // the note names values from data: a placeholder, resolved as attribute text after marked
  const title = st.slots.inline('', `${st.file}:${node.line}: ${message}`, st.file, node.line);
  // a claim spanning paragraphs (or holding a chart) needs a block wrapper that keeps its Markdown
  if (/\n\s*\n/.test(content)) return `\n\n<div class="claim-failed" title="${title}">\n\n${content.trim()}\n\n</div>\n\n`;
  return `<mark class="claim-failed" title="${title}">${content}</mark>`;
}

function lookup(name: string, line: number, st: RenderState) {
  try {
    return st.facts.get(name);
  } catch (err) {
    if (err instanceof FactLookupError) return st.fail(line, err.message);
    throw err;
  }
}

function renderOut(out: Out, line: number, st: RenderState): string {
  const inline = (markup: string, text: string) => st.slots.inline(markup, text, st.file, line);
  const block = (markup: string, text: string) => st.slots.block(markup, text, st.file, line);
  switch (out.k) {
    case 'fact': {
      const fact = lookup(out.name, line, st);
      try {
        return inline(formatHtml(fact, out.format), formatPlain(fact, out.format));
      } catch (err) {
        if (err instanceof FormatError) return st.fail(line, err.message);
        throw err;
      }
    }
    case 'chart': {
      const markup = st.charts.get(out.id);
      if (markup === undefined) return st.fail(line, `chart "${out.id}" is not in this build: the data lacks what it shows (guard it with {% if has … %})`);
      return block(chartBlock(out.id, markup), out.id);
    }
    case 'strategies': {
      const items = strategies(st);
      return block(items.map((it) => strategyHtml(it, st.facts).value).join('\n'), items.map((it) => it.headline).join('; '));
    }
    case 'strategy': {
      const item = strategies(st).find((s) => s.id === out.id);
      if (!item) {
        const missing = missingFor(st.facts, out.id);
        if (missing) return st.fail(line, `strategy "${out.id}" is not available for this data: ${missing}`);
        return ''; // its facts exist but its trigger does not hold for this data (strategy.ts): nothing to recommend
      }
      if (out.part === 'item') return block(strategyHtml(item, st.facts).value, item.headline);
      if (out.part === 'figure') return inline(escapeHtml(item.figure), item.figure);
      return out.part === 'headline' ? inline(partsHtml(item.headlineParts, st), item.headline) : inline(partsHtml(item.bodyParts, st), item.body);
    }
  }
}

function strategies(st: RenderState): StrategyItem[] {
  st.strategy ??= strategyItems(st.facts);
  return st.strategy;
}

function partsHtml(parts: StrategyPart[], st: RenderState): string {
  return parts.map((p) => (typeof p === 'string' ? escapeHtml(p) : formatHtml(st.facts.get(p.fact), parseFormat(p.format)))).join('');
}

/** A chart as an HTML block, with the `chart-<id>` anchor strategy items link to unless the markup has it. */
function chartBlock(id: string, markup: string): string {
  if (markup.includes(`id="chart-${id}"`)) return markup;
  return html`<div class="report-chart" id="chart-${id}">\n${raw(markup)}\n</div>`.value;
}

/**
 * The chart a strategy item links to: the registry's chart that shows its figure fact, else the
 * item's own `chart` (kept where no chart shows the figure; issue #11 revisits those links).
 */
export function strategyChart(item: StrategyItem): string | undefined {
  return chartShowing(item.figureFact) ?? item.chart;
}

/**
 * One strategic recommendation. Only the figure the item rests on is bold: bolding every number
 * ("NDCG@10", "out of 5", "1 of 20") hid the one that matters. Every other number still carries
 * `data-fact`, so tests can match each to `npm run facts`.
 */
export function strategyHtml(item: StrategyItem, facts: FactCatalogue): Raw {
  const parts = (ps: StrategyPart[], figures: boolean) =>
    ps.map((p) => {
      if (typeof p === 'string') return p;
      const fact = facts.get(p.fact);
      const value = formatPlain(fact, parseFormat(p.format)); // escaped by `html`
      const numeric = typeof fact.value === 'number';
      if (!figures || !numeric) return value;
      return p.fact === item.figureFact
        ? html`<strong class="figure" data-fact="${p.fact}" data-value="${String(fact.value)}">${value}</strong>`
        : html`<span class="fact" data-fact="${p.fact}" data-value="${String(fact.value)}">${value}</span>`;
    });
  const chart = strategyChart(item);
  return html`<article class="strategy-item" id="strategy-${item.id}" data-figure-fact="${item.figureFact}">
<h3 class="strategy-headline">${parts(item.headlineParts, false)}</h3>
<p>${parts(item.bodyParts, true)}${chart ? html` <a class="strategy-chart-link" href="#chart-${chart}">See the chart</a>` : ''}</p>
</article>`;
}
