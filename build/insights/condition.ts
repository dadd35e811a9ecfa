// Conditions for `{% claim … %}` and `{% if … %}`: a tiny expression language over facts.
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | "(" expr ")" | "has" NAME | operand (OP operand)?
//   OP      := == | != | > | >= | < | <= | in
//   operand := NAME (a fact) | NUMBER (12, 0.3, 30% = 0.3) | "string" | [ literal, … ]
//
// A bare operand must be a comparison, except `has NAME`, which is true when the data has that
// capability (sessions, plans, regions, evaluation, truth) or that fact. Mixed types (a genre
// compared with a number) are an error, not false: the editor meant something else.
import { CAPABILITIES, type FactCatalogue, type FactValue } from './catalogue.ts';
import { describeValue } from './format.ts';
import { nearestNames } from './factKeys.ts';

export type Operand =
  | { t: 'fact'; name: string }
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'list'; items: (number | string)[] };
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in';
export type Condition =
  | { t: 'or' | 'and'; a: Condition; b: Condition }
  | { t: 'not'; e: Condition }
  | { t: 'has'; name: string }
  | { t: 'cmp'; op: CompareOp; l: Operand; r: Operand };

/** A malformed or unevaluable condition; the binder adds file:line. */
export class ConditionError extends Error {}

type Token = { k: 'name' | 'num' | 'str' | 'op' | 'punct'; v: string };

const TOKEN = /\s*(?:(-?\d+(?:\.\d+)?%?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(==|!=|>=|<=|>|<)|([()[\],])|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new ConditionError(`cannot read condition at "${src.slice(pos).trim()}"`);
    pos = TOKEN.lastIndex;
    if (m[1]) out.push({ k: 'num', v: m[1] });
    else if (m[2]) out.push({ k: 'str', v: m[2] });
    else if (m[3]) out.push({ k: 'op', v: m[3] });
    else if (m[4]) out.push({ k: 'punct', v: m[4] });
    else out.push({ k: 'name', v: m[5] });
  }
  return out;
}

function literal(tok: Token): number | string {
  if (tok.k === 'num') return tok.v.endsWith('%') ? Number(tok.v.slice(0, -1)) / 100 : Number(tok.v);
  return JSON.parse(tok.v.startsWith("'") ? `"${tok.v.slice(1, -1).replace(/"/g, '\\"')}"` : tok.v) as string;
}

export function parseCondition(src: string): Condition {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const isWord = (w: string) => peek()?.k === 'name' && peek()!.v === w;
  const expect = (v: string) => {
    if (peek()?.v !== v) throw new ConditionError(`expected "${v}" in condition "${src.trim()}"`);
    i++;
  };
  const operand = (): Operand => {
    const tok = toks[i++];
    if (!tok) throw new ConditionError(`condition "${src.trim()}" ends too early`);
    if (tok.k === 'num' || tok.k === 'str') {
      const v = literal(tok);
      return typeof v === 'number' ? { t: 'num', v } : { t: 'str', v };
    }
    if (tok.k === 'name' && !['and', 'or', 'not', 'in', 'has'].includes(tok.v)) return { t: 'fact', name: tok.v };
    if (tok.v === '[') {
      const items: (number | string)[] = [];
      while (peek() && peek()!.v !== ']') {
        const t = toks[i++];
        if (t.k !== 'num' && t.k !== 'str') throw new ConditionError(`lists hold only numbers and "strings", found "${t.v}"`);
        items.push(literal(t));
        if (peek()?.v === ',') i++;
      }
      expect(']');
      return { t: 'list', items };
    }
    throw new ConditionError(`unexpected "${tok.v}" in condition "${src.trim()}"`);
  };
  const unary = (): Condition => {
    if (isWord('not')) {
      i++;
      return { t: 'not', e: unary() };
    }
    if (peek()?.v === '(') {
      i++;
      const e = or();
      expect(')');
      return e;
    }
    if (isWord('has')) {
      i++;
      const tok = toks[i++];
      if (!tok || tok.k !== 'name') throw new ConditionError(`"has" needs a capability or fact name, e.g. has sessions`);
      return { t: 'has', name: tok.v };
    }
    const l = operand();
    const op = peek();
    if (!op || !(op.k === 'op' || (op.k === 'name' && op.v === 'in'))) {
      throw new ConditionError(`condition "${src.trim()}" needs a comparison (==, !=, >, >=, <, <=, in) after "${l.t === 'fact' ? l.name : JSON.stringify(l.t === 'list' ? l.items : l.v)}"`);
    }
    i++;
    return { t: 'cmp', op: op.v as CompareOp, l, r: operand() };
  };
  const and = (): Condition => {
    let e = unary();
    while (isWord('and')) {
      i++;
      e = { t: 'and', a: e, b: unary() };
    }
    return e;
  };
  const or = (): Condition => {
    let e = and();
    while (isWord('or')) {
      i++;
      e = { t: 'or', a: e, b: and() };
    }
    return e;
  };
  if (toks.length === 0) throw new ConditionError('empty condition');
  const e = or();
  if (i < toks.length) throw new ConditionError(`unexpected "${toks[i].v}" in condition "${src.trim()}"`);
  return e;
}

/** Fact names a condition reads, in order of appearance (for messages and validation). */
export function factNames(c: Condition, out: string[] = []): string[] {
  const operand = (o: Operand) => o.t === 'fact' && !out.includes(o.name) && out.push(o.name);
  if (c.t === 'or' || c.t === 'and') {
    factNames(c.a, out);
    factNames(c.b, out);
  } else if (c.t === 'not') factNames(c.e, out);
  else if (c.t === 'cmp') {
    operand(c.l);
    operand(c.r);
  }
  return out;
}

/** Throws ConditionError for names that no data set could have (typos), with suggestions. */
export function checkNames(c: Condition, facts: FactCatalogue): void {
  for (const name of factNames(c)) {
    if (!facts.isPossible(name)) facts.get(name); // throws with suggestions
  }
  const walk = (x: Condition): void => {
    if (x.t === 'has' && !(CAPABILITIES as readonly string[]).includes(x.name) && !facts.isPossible(x.name)) {
      const near = nearestNames(x.name, [...CAPABILITIES, ...facts.knownNames()]);
      throw new ConditionError(`"has ${x.name}": unknown capability or fact${near.length ? ` — did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ` (capabilities: ${CAPABILITIES.join(', ')})`}`);
    }
    if (x.t === 'or' || x.t === 'and') {
      walk(x.a);
      walk(x.b);
    } else if (x.t === 'not') walk(x.e);
  };
  walk(c);
}

const EPSILON = 1e-9;

function value(o: Operand, facts: FactCatalogue): FactValue | (number | string)[] {
  if (o.t === 'fact') return facts.get(o.name).value;
  return o.t === 'list' ? o.items : o.v;
}

function show(o: Operand, facts: FactCatalogue): string {
  return o.t === 'fact' ? `${o.name} (${describeValue(facts.get(o.name).value)})` : describeValue(o.t === 'list' ? o.items.map(String) : o.v);
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= EPSILON;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => equal(x, b[k]));
  return a === b;
}

export function evaluateCondition(c: Condition, facts: FactCatalogue): boolean {
  switch (c.t) {
    case 'or':
      return evaluateCondition(c.a, facts) || evaluateCondition(c.b, facts);
    case 'and':
      return evaluateCondition(c.a, facts) && evaluateCondition(c.b, facts);
    case 'not':
      return !evaluateCondition(c.e, facts);
    case 'has':
      return facts.capabilities.has(c.name as never) || facts.has(c.name);
    case 'cmp': {
      const l = value(c.l, facts);
      const r = value(c.r, facts);
      if (c.op === 'in') {
        if (!Array.isArray(r)) throw new ConditionError(`"in" needs a list on its right, but got ${show(c.r, facts)}`);
        if (Array.isArray(l)) throw new ConditionError(`"in" needs a single value on its left, but got ${show(c.l, facts)}`);
        return r.some((x) => equal(x, l));
      }
      const kinds = [Array.isArray(l) ? 'list' : typeof l, Array.isArray(r) ? 'list' : typeof r];
      if (kinds[0] !== kinds[1]) throw new ConditionError(`cannot compare ${show(c.l, facts)} with ${show(c.r, facts)}: one is a ${kinds[0]}, the other a ${kinds[1]}`);
      if (c.op === '==') return equal(l, r);
      if (c.op === '!=') return !equal(l, r);
      if (kinds[0] !== 'number') throw new ConditionError(`"${c.op}" compares numbers only, not ${show(c.l, facts)} and ${show(c.r, facts)}`);
      const [a, b] = [l as number, r as number];
      return c.op === '>' ? a > b + EPSILON : c.op === '>=' ? a >= b - EPSILON : c.op === '<' ? a < b - EPSILON : a <= b + EPSILON;
    }
  }
}

/** "top_genre is "Crime", top_genre_share is 0.31 (31.0%)": the actual values behind a claim. */
export function actualValues(c: Condition, facts: FactCatalogue): string {
  return factNames(c)
    .filter((n) => facts.has(n))
    .map((n) => {
      const f = facts.get(n);
      return `${n} is ${describeValue(f.value, f.kind)}`;
    })
    .join(', ');
}
