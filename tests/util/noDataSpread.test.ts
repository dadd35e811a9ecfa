// No spread into a call (issue 14, item 3). `f(...xs)`, `new X(...xs)`, `list.push(...xs)` and
// `f.apply(t, xs)` put every element of xs on the stack as an argument, so once xs holds a few
// hundred thousand values the build dies with "Maximum call stack size exceeded" (it did, at
// `--users 50000 --titles 5000`, on `Math.min(...starts)`). Use minOf/maxOf from
// build/util/numbers.ts or a loop instead. Spreads into array literals (`[...xs]`) iterate and
// are not limited, so they are not checked.
//
// A spread of a small array whose size is fixed by our own code may stay, listed in ALLOWED with
// why; a listed spread that no longer occurs fails too, so the list can only shrink.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['build', 'scripts'];

/** `file: spread text` (the expression after `...`, or the array passed to apply), each with why it stays small. */
const ALLOWED = new Set([
  // The path components below the longest existing ancestor of one --out path: bounded by the
  // depth of a path, never by the data.
  'build/site/outputFolder.ts: rest',
  // One row per (model, metric) of this build's own evaluation: the models and metrics are fixed
  // lists in build/evaluate, a few dozen rows at most.
  'build/compare/summary.ts: metricChanges.map(metricRow)',
  // At most MAX_FACTS (15) rows, whatever the number of facts that moved.
  'build/compare/summary.ts: cmp.moved.slice(0, MAX_FACTS).map(factRow)',
]);

export interface ArgumentSpread {
  line: number;
  /** The spread expression (`xs` in `f(...xs)`), or the array passed to `apply`. */
  spread: string;
  /** The whole call, shortened, for the failure message. */
  call: string;
}

const isApply = (callee: ts.Expression, sf: ts.SourceFile): boolean =>
  ts.isPropertyAccessExpression(callee) &&
  (callee.name.text === 'apply' || (callee.name.text === 'construct' && callee.expression.getText(sf) === 'Reflect'));

/** Every spread into a call's or `new`'s arguments in one source file, and every `.apply(t, xs)` / `Reflect.apply|construct(f, t|xs, xs)`. */
export function argumentSpreads(fileName: string, text: string): ArgumentSpread[] {
  const kind = /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: ArgumentSpread[] = [];
  const report = (arg: ts.Node, call: ts.Node, spread: string) =>
    found.push({ line: sf.getLineAndCharacterOfPosition(arg.getStart(sf)).line + 1, spread, call: call.getText(sf).replace(/\s+/g, ' ').slice(0, 100) });
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      for (const arg of node.arguments ?? []) if (ts.isSpreadElement(arg)) report(arg, node, arg.expression.getText(sf));
      // f.apply(t, xs), Reflect.apply(f, t, xs), Reflect.construct(C, xs): the same stack limit, spelled differently.
      if (ts.isCallExpression(node) && isApply(node.expression, sf)) {
        const last = node.arguments[node.arguments.length - 1];
        if (node.arguments.length >= 2 && !ts.isSpreadElement(last)) report(last, node, last.getText(sf));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return walk(rel);
    return /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

function treeSpreads(): { key: string; where: string }[] {
  return SCANNED.flatMap(walk).flatMap((file) =>
    argumentSpreads(file, readFileSync(path.join(ROOT, file), 'utf8')).map((s) => ({ key: `${file}: ${s.spread}`, where: `${file}:${s.line}: ${s.call}` })),
  );
}

test('the scanner finds a spread in a call, a new, a push, super and apply, at its line', () => {
  const source = [
    'const lo = Math.min(...starts);', // 1
    'train.push(a, ...list.slice(n));', // 2
    'const d = new Date(...parts);', // 3
    'class B extends A { constructor(...xs: number[]) { super(...xs); } }', // 4
    'f.apply(null, xs); Reflect.apply(f, null, ys); Reflect.construct(C, zs);', // 5
    'outer(inner(...deep));', // 6
  ].join('\n');
  assert.equal(
    argumentSpreads('x.ts', source).map((s) => `${s.line}: ${s.spread}`),
    ['1: starts', '2: list.slice(n)', '3: parts', '4: xs', '5: xs', '5: ys', '5: zs', '6: deep'],
  );
});

test('the scanner leaves alone what does not pass elements as arguments', () => {
  const source = [
    'const all = [...a, ...b];', // array literal: iterated, no argument limit
    'const o = { ...base, x: 1 };', // object spread
    'function f(...rest: number[]) { return rest; }', // rest parameter
    'const [head, ...tail] = xs; const { a, ...others } = o;', // rest in destructuring
    'const m = Math.max(a, b); g.call(t, x);', // plain arguments
    'list.push(x);',
  ].join('\n');
  assert.equal(argumentSpreads('x.ts', source), []);
});

test('JavaScript files are scanned too', () => {
  assert.equal(argumentSpreads('x.mjs', 'spawn(cmd, ...args);').map((s) => s.spread), ['args']);
});

test('no spread into a call anywhere in build/ or scripts/ but the allowed ones', () => {
  const bad = treeSpreads()
    .filter((s) => !ALLOWED.has(s.key))
    .map((s) => s.where);
  assert.equal(bad, [], `spread of a possibly data-sized array into a call (use minOf/maxOf from build/util/numbers.ts or a loop):\n${bad.join('\n')}`);
});

test('every allowed spread still occurs (the list only shrinks)', () => {
  const present = new Set(treeSpreads().map((s) => s.key));
  const stale = [...ALLOWED.keys()].filter((k) => !present.has(k));
  assert.equal(stale, [], `remove from ALLOWED: ${stale.join(', ')}`);
});

test.run();
