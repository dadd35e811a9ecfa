// Content bindings: turns an editor's Markdown with directives into plain Markdown, before
// marked renders it (an Eleventy preprocessor; Liquid/Nunjucks stay off for content). What a
// binding shows never enters the Markdown: it becomes a placeholder whose HTML is put in after
// marked ran (slots.ts), so no string from data is ever parsed as Markdown or HTML. The
// syntax, documented for editors in the README's editor guide:
//
//   {{ top_genre }}                     a fact, in its kind's default format
//   {{ top_genre_share | percent:1 }}   … in a named format (percent, number, integer, rating,
//                                        list, title, text; decimals after ":")
//   {{ chart genre-popularity }}        a chart, alone on its line
//   {{ strategy acquisition-gap }}      a generated strategic recommendation, alone on its line
//   {{ strategy cold-start headline }}  … or just its headline / body / figure, inline
//   {{ strategies }}                    every generated recommendation, alone on its line
//   {% claim COND %}…{% endclaim %}     text that is only true while COND holds (condition.ts)
//   {% if COND %}…{% elif COND %}…{% else %}…{% endif %}   text shown only when COND holds
//   \{{  \{%                            a literal "{{" / "{%"
//
// The whole file is checked, including branches not shown for this data, so a typo fails
// every build, not just the one whose data takes that branch. Every error is one line naming
// file:line (line numbers count from the top of the file, front matter included: the caller
// passes `firstLine`, the 1-based line the body starts on).
import { escapeHtml, html, raw, type Raw } from '../util/html.ts';
import { FactLookupError, type FactCatalogue } from './catalogue.ts';
import { actualValues, checkNames, ConditionError, evaluateCondition, parseCondition, type Condition } from './condition.ts';
import { formatHtml, FormatError, formatPlain, parseFormat, type FormatSpec } from './format.ts';
import { InsightError } from './insightError.ts';
import { SlotTable } from './slots.ts';
import { nearestNames } from './factKeys.ts';
import { missingFor, strategyItems, STRATEGY_IDS, type StrategyItem, type StrategyPart } from './strategy.ts';

export interface BindContext {
  facts: FactCatalogue;
  /** Chart id → ready HTML (a figure whose id is `chart-<id>`, or it is wrapped in one). */
  charts: Map<string, string>;
  /** Failed claims become warnings (and are marked in the text) instead of errors. */
  drafts: boolean;
  /** 1-based line of the file on which `source` starts (after front matter); default 1. */
  firstLine?: number;
  /** Where bindings keep their HTML until marked has run; a new table when not given. */
  slots?: SlotTable;
}

export interface ClaimWarning {
  file: string;
  line: number;
  /** The condition as written. */
  claim: string;
  /** "top_genre is "Crime"": the values that made it fail. */
  actual: string;
  /** One line without file:line, e.g. `claim no longer holds: top_genre == "Drama" (top_genre is "Crime")`. */
  message: string;
}

export { InsightError };

type Out =
  | { k: 'fact'; name: string; format: FormatSpec | null }
  | { k: 'chart'; id: string }
  | { k: 'strategy'; id: string; part: 'item' | 'headline' | 'body' | 'figure' }
  | { k: 'strategies' };

type Node =
  | { k: 'text'; text: string }
  | { k: 'out'; out: Out; line: number }
  | { k: 'claim'; cond: Condition; src: string; line: number; children: Node[] }
  | { k: 'if'; line: number; branches: { cond: Condition | null; children: Node[] }[] };

const DIRECTIVE = /\\(\{\{|\{%)|\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const TAGS = ['claim', 'endclaim', 'if', 'elif', 'else', 'endif'];
/**
 * Every chart the report can have. Some are left out of a build whose data lacks them (no
 * device chart without sessions), so a directive naming one of these is valid everywhere and
 * only fails when it is rendered for such data — guard it with {% if has sessions %}.
 */
export const REPORT_CHART_IDS = ['genre-popularity', 'ratings-by-genre', 'genre-cloud', 'device-engagement', 'title-similarity', 'user-genre-sankey', 'model-comparison'] as const;

export interface BoundMarkdown {
  /** Markdown in which every binding is a placeholder. */
  markdown: string;
  warnings: ClaimWarning[];
  /** Resolves the placeholders once marked has rendered `markdown`. */
  slots: SlotTable;
}

export function bindMarkdown(source: string, file: string, ctx: BindContext): BoundMarkdown {
  const first = ctx.firstLine ?? 1;
  const lineAt = (offset: number): number => {
    let n = first;
    for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) n++;
    return n;
  };
  const fail = (line: number, detail: string): never => {
    throw new InsightError(file, line, detail);
  };
  const nodes = parse(source, ctx, lineAt, fail);
  const warnings: ClaimWarning[] = [];
  const slots = ctx.slots ?? new SlotTable();
  const markdown = render(nodes, { ...ctx, slots, file, warnings, fail });
  return { markdown, warnings, slots };
}

// ---------------------------------------------------------------- parse and check

function parse(source: string, ctx: BindContext, lineAt: (o: number) => number, fail: (line: number, d: string) => never): Node[] {
  const root: Node[] = [];
  // open claims and ifs, innermost last; `into` is where the next node goes
  const stack: { node: Extract<Node, { k: 'claim' | 'if' }>; into: Node[] }[] = [];
  const into = (): Node[] => (stack.length ? stack[stack.length - 1].into : root);
  const text = (s: string, offset: number) => {
    const stray = /\{\{|\{%/.exec(s);
    if (stray) fail(lineAt(offset + stray.index), `"${stray[0]}" is never closed (add "${stray[0] === '{{' ? '}}' : '%}'}", or write "\\${stray[0]}" for a literal)`);
    if (s) into().push({ k: 'text', text: s });
  };
  const condition = (src: string, line: number): Condition => {
    try {
      const c = parseCondition(src);
      checkNames(c, ctx.facts);
      return c;
    } catch (err) {
      if (err instanceof ConditionError || err instanceof FactLookupError) return fail(line, err.message);
      throw err;
    }
  };

  let last = 0;
  for (const m of source.matchAll(DIRECTIVE)) {
    const start = m.index!;
    const end = start + m[0].length;
    text(source.slice(last, start), last);
    last = end;
    const line = lineAt(start);
    if (m[1]) {
      into().push({ k: 'text', text: m[1] });
      continue;
    }
    if (m[2] !== undefined) {
      const out = parseOut(m[2], ctx, (d) => fail(line, d));
      if (out.k === 'strategies' || out.k === 'chart' || (out.k === 'strategy' && out.part === 'item')) ownLine(source, start, end, () => fail(line, `{{${m[2]}}} must stand alone on its line`));
      into().push({ k: 'out', out, line });
      continue;
    }
    // a tag alone on its line takes the line with it, so block tags leave no blank lines
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = source.indexOf('\n', end);
    if (!source.slice(lineStart, start).trim() && !source.slice(end, lineEnd === -1 ? undefined : lineEnd).trim()) {
      const before = into();
      const prev = before[before.length - 1];
      if (prev?.k === 'text' && start - lineStart > 0) prev.text = prev.text.slice(0, prev.text.length - (start - lineStart));
      last = lineEnd === -1 ? source.length : lineEnd + 1;
    }
    const body = m[3].trim();
    const [word] = body.split(/\s+/, 1);
    const rest = body.slice(word.length).trim();
    const top = stack[stack.length - 1];
    switch (word) {
      case 'claim': {
        if (stack.some((s) => s.node.k === 'claim')) fail(line, 'a claim cannot contain another claim');
        const node: Node = { k: 'claim', cond: condition(rest, line), src: rest, line, children: [] };
        into().push(node);
        stack.push({ node, into: node.children });
        break;
      }
      case 'endclaim':
        if (!top || top.node.k !== 'claim') fail(line, `{% endclaim %} without an open {% claim %}${top ? ` (the {% if %} of line ${top.node.line} is still open)` : ''}`);
        stack.pop();
        break;
      case 'if': {
        const node: Node = { k: 'if', line, branches: [{ cond: condition(rest, line), children: [] }] };
        into().push(node);
        stack.push({ node, into: node.branches[0].children });
        break;
      }
      case 'elif':
      case 'else': {
        if (!top || top.node.k !== 'if') fail(line, `{% ${word} %} without an open {% if %}`);
        const node = top!.node as Extract<Node, { k: 'if' }>;
        if (node.branches[node.branches.length - 1].cond === null) fail(line, `{% ${word} %} after {% else %} (the {% if %} is on line ${node.line})`);
        if (word === 'else' && rest) fail(line, '{% else %} takes no condition (use {% elif … %})');
        const branch = { cond: word === 'elif' ? condition(rest, line) : null, children: [] as Node[] };
        node.branches.push(branch);
        top!.into = branch.children;
        break;
      }
      case 'endif':
        if (!top || top.node.k !== 'if') fail(line, `{% endif %} without an open {% if %}${top ? ` (the {% claim %} of line ${top.node.line} is still open)` : ''}`);
        stack.pop();
        break;
      default: {
        const near = nearestNames(word ?? '', TAGS);
        fail(line, `unknown directive "{% ${word} %}"${near.length ? ` — did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ` (directives: ${TAGS.join(', ')})`}`);
      }
    }
  }
  text(source.slice(last), last);
  const open = stack[stack.length - 1];
  if (open) fail(open.node.line, `{% ${open.node.k} %} is never closed (add {% end${open.node.k} %})`);
  return root;
}

function ownLine(source: string, start: number, end: number, fail: () => never): void {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', end);
  if (source.slice(lineStart, start).trim() || source.slice(end, lineEnd === -1 ? undefined : lineEnd).trim()) fail();
}

function parseOut(body: string, ctx: BindContext, fail: (d: string) => never): Out {
  const text = body.trim();
  let m = /^chart\s+(\S+)$/.exec(text);
  if (m) {
    const known = new Set([...REPORT_CHART_IDS, ...ctx.charts.keys()]);
    if (!known.has(m[1])) {
      const near = nearestNames(m[1], known);
      fail(`unknown chart "${m[1]}"${near.length ? ` — did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ` (charts: ${[...known].join(', ')})`}`);
    }
    return { k: 'chart', id: m[1] };
  }
  if (text === 'strategies') return { k: 'strategies' };
  m = /^strategy\s+(\S+)(?:\s+(\S+))?$/.exec(text);
  if (m) {
    if (!STRATEGY_IDS.includes(m[1])) {
      const near = nearestNames(m[1], STRATEGY_IDS);
      fail(`unknown strategy "${m[1]}"${near.length ? ` — did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ` (strategies: ${STRATEGY_IDS.join(', ')})`}`);
    }
    const part = m[2] ?? 'item';
    if (!['headline', 'body', 'figure', 'item'].includes(part)) fail(`{{ strategy ${m[1]} ${part} }}: the part is headline, body or figure (or nothing for the whole item)`);
    return { k: 'strategy', id: m[1], part: part as 'item' };
  }
  m = /^([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\|\s*(.*))?$/.exec(text);
  if (!m) return fail(`cannot read "{{${body}}}": expected {{ fact_name }} or {{ fact_name | format }}`);
  if (m[1] === 'chart' || m[1] === 'strategy') fail(`{{ ${m[1]} }} needs an id, e.g. {{ ${m[1]} ${m[1] === 'chart' ? 'genre-popularity' : STRATEGY_IDS[0]} }}`);
  if (!ctx.facts.isPossible(m[1])) {
    try {
      ctx.facts.get(m[1]);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  try {
    return { k: 'fact', name: m[1], format: parseFormat(m[2]) };
  } catch (err) {
    if (err instanceof FormatError) return fail(err.message);
    throw err;
  }
}

// ---------------------------------------------------------------- render

interface RenderState extends BindContext {
  slots: SlotTable;
  file: string;
  warnings: ClaimWarning[];
  fail: (line: number, detail: string) => never;
  strategy?: StrategyItem[];
}

function render(nodes: Node[], st: RenderState): string {
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
  if (holds(node.cond, node.line, st)) return content;
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
      if (!item) return st.fail(line, `strategy "${out.id}" is not available for this data: ${missingFor(st.facts, out.id)}`);
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

/** One strategic recommendation; every figure carries `data-fact` so tests can match `npm run facts`. */
export function strategyHtml(item: StrategyItem, facts: FactCatalogue): Raw {
  const parts = (ps: StrategyPart[], figures: boolean) =>
    ps.map((p) => {
      if (typeof p === 'string') return p;
      const fact = facts.get(p.fact);
      const value = formatPlain(fact, parseFormat(p.format)); // escaped by `html`
      const numeric = typeof fact.value === 'number';
      return figures && numeric ? html`<strong class="figure" data-fact="${p.fact}" data-value="${String(fact.value)}">${value}</strong>` : value;
    });
  return html`<article class="strategy-item" id="strategy-${item.id}" data-figure-fact="${item.figureFact}">
<h3 class="strategy-headline">${parts(item.headlineParts, false)}</h3>
<p>${parts(item.bodyParts, true)} <a class="strategy-chart-link" href="#chart-${item.chart}">See the chart</a></p>
</article>`;
}
