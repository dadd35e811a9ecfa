// Directives → nodes: reads an editor's Markdown into text, outputs ({{ … }}) and blocks
// ({% claim %}, {% if %}), checking every name against the fact catalogue, the chart registry
// (build/charts/index.ts) and the strategy ids, in every branch. The syntax is documented in
// bind.ts and in the README's editor guide.
import { REPORT_CHART_IDS } from '../charts/index.ts';
import { FactLookupError, type FactCatalogue } from '../insights/catalogue.ts';
import { checkNames, ConditionError, parseCondition, type Condition } from '../insights/condition.ts';
import { nearestNames } from '../insights/factKeys.ts';
import { FormatError, parseFormat, type FormatSpec } from '../insights/format.ts';
import { STRATEGY_IDS } from '../insights/strategy.ts';

/** What parsing checks names against: the facts and the charts of this build. */
export interface ParseContext {
  facts: FactCatalogue;
  charts: Map<string, string>;
}

export type Out =
  | { k: 'fact'; name: string; format: FormatSpec | null }
  | { k: 'chart'; id: string }
  | { k: 'strategy'; id: string; part: 'item' | 'headline' | 'body' | 'figure' }
  | { k: 'strategies' };

export type Node =
  | { k: 'text'; text: string }
  | { k: 'out'; out: Out; line: number }
  | { k: 'claim'; cond: Condition; src: string; line: number; children: Node[] }
  | { k: 'if'; line: number; branches: { cond: Condition | null; children: Node[] }[] };

const DIRECTIVE = /\\(\{\{|\{%)|\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const TAGS = ['claim', 'endclaim', 'if', 'elif', 'else', 'endif'];

export function parse(source: string, ctx: ParseContext, lineAt: (o: number) => number, fail: (line: number, d: string) => never): Node[] {
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

function parseOut(body: string, ctx: ParseContext, fail: (d: string) => never): Out {
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
