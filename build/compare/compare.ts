// What changed between two builds of the report (issue 16): read a previous build's record
// (data/facts.json, build/site/record.ts), compare it with this build's, and guard against a
// recommender that got worse. The comparison is plain data; summary.ts writes it as Markdown.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../types.ts';
import { quoted } from '../util/quote.ts';
import { RECORD_FORMAT, RECORD_PATH, RECORD_VERSION } from '../site/record.ts';
import { EVAL_MIN_TEST_ITEMS } from '../insights/recommenderFacts.ts';

/** A record as read back: only the parts the comparison uses are typed. */
export interface BuildRecord {
  format: string;
  version: number;
  generator: string;
  provenance: { source: string; description: string; seed: number | null };
  counts: { titles: number; users: number; ratings: number; sessions: number | null };
  facts: Record<string, { kind: string; value: unknown; meaning: string; chart?: string }>;
  absent: Record<string, { kind: string; reason: string }>;
  evaluation: null | {
    protocol: { k: number; testItems: number; usersEvaluated: number };
    models: { name: string; label: string; metrics: Record<string, number | null>; liked?: Record<string, number | null> }[];
  };
}

/** A record is a few hundred kB even for MovieLens; anything far larger is not one. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The record of a previous build: its site folder, or its facts.json. */
export function readRecord(given: string, flag = '--compare'): BuildRecord {
  let file = given;
  try {
    if (statSync(given).isDirectory()) file = path.join(given, RECORD_PATH);
  } catch {
    throw new InputError(`${flag} ${quoted(given)}: no such file or folder`);
  }
  const where = file === given ? `${flag} ${quoted(given)}` : `${flag} ${quoted(given)} (${RECORD_PATH})`;
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${where}: not a regular file`);
    if (st.size > MAX_RECORD_BYTES) throw new InputError(`${where}: ${st.size} bytes is too large for a report record`);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, buf, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    text = buf.subarray(0, at).toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${where}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'}); give a previous site folder or its ${RECORD_PATH}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${where}: not valid JSON, so not a report record`);
  }
  return checkRecord(json, where);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Refuses anything that is not a record this version can compare: a tampered file fails here, whole. */
export function checkRecord(json: unknown, where: string): BuildRecord {
  const bad = (why: string): never => {
    throw new InputError(`${where}: not a report record this version can compare: ${why}`);
  };
  if (!isObject(json)) bad('not a JSON object');
  const r = json as Record<string, unknown>;
  if (r.format !== RECORD_FORMAT) bad(`"format" is ${quoted(r.format)}, expected "${RECORD_FORMAT}"`);
  if (r.version !== RECORD_VERSION) bad(`"version" is ${typeof r.version === 'number' ? r.version : quoted(r.version)}, expected ${RECORD_VERSION}`);
  if (!isObject(r.facts)) bad('"facts" is missing');
  for (const [name, f] of Object.entries(r.facts as Record<string, unknown>)) {
    if (!isObject(f) || typeof f.kind !== 'string' || !('value' in f)) bad(`fact ${quoted(name)} has no kind or value`);
  }
  if (!isObject(r.absent)) bad('"absent" is missing');
  if (!isObject(r.counts) || !['titles', 'users', 'ratings'].every((k) => typeof (r.counts as Record<string, unknown>)[k] === 'number')) bad('"counts" is missing or not numbers');
  if (r.evaluation !== null) {
    const e = r.evaluation;
    if (!isObject(e) || !isObject(e.protocol) || !Array.isArray(e.models)) bad('"evaluation" is neither null nor an evaluation');
    for (const m of (e as { models: unknown[] }).models) {
      if (!isObject(m) || typeof m.name !== 'string' || !isObject(m.metrics)) bad('an evaluated model has no name or metrics');
    }
  }
  return r as unknown as BuildRecord;
}

export interface FactChange {
  name: string;
  kind: string;
  old: unknown;
  new: unknown;
  /** new − old, for numbers. */
  delta: number | null;
  /** |delta| relative to |old| (a change from 0 counts as 1): what the ordering uses. */
  relative: number | null;
  /** An evaluation figure measured on fewer held-out ratings than the report calls a winner on. */
  noise: boolean;
}

export interface MetricChange {
  model: string;
  label: string;
  metric: string;
  old: number;
  new: number;
  delta: number;
}

export interface Comparison {
  /** Facts whose value changed: names first (a different top genre), then numbers by relative size. */
  moved: FactChange[];
  appeared: string[];
  disappeared: string[];
  counts: { what: string; old: number | null; new: number | null }[];
  /** Every metric of every model evaluated in both builds. */
  metrics: MetricChange[];
  /** Both builds' held-out sample sizes (0 without an evaluation). */
  testItems: { old: number; new: number };
  unchanged: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareRecords(prev: BuildRecord, next: BuildRecord): Comparison {
  const testItems = { old: prev.evaluation?.protocol.testItems ?? 0, new: next.evaluation?.protocol.testItems ?? 0 };
  const smallSample = Math.min(testItems.old, testItems.new) < EVAL_MIN_TEST_ITEMS;
  const moved: FactChange[] = [];
  for (const [name, f] of Object.entries(next.facts)) {
    const before = prev.facts[name];
    if (!before || same(before.value, f.value)) continue;
    const numeric = typeof before.value === 'number' && typeof f.value === 'number';
    const delta = numeric ? (f.value as number) - (before.value as number) : null;
    const relative = delta === null ? null : before.value === 0 ? 1 : Math.abs(delta / (before.value as number));
    moved.push({ name, kind: f.kind, old: before.value, new: f.value, delta, relative, noise: numeric && name.startsWith('eval.') && smallSample });
  }
  // a changed name or list (the top genre, the best model) matters more than any number
  moved.sort((a, b) => Number(a.relative !== null) - Number(b.relative !== null) || (b.relative ?? 0) - (a.relative ?? 0) || byName(a.name, b.name));
  const appeared = Object.keys(next.facts).filter((n) => !(n in prev.facts)).sort(byName);
  const disappeared = Object.keys(prev.facts).filter((n) => !(n in next.facts)).sort(byName);
  const counts = (['titles', 'users', 'ratings', 'sessions'] as const)
    .map((what) => ({ what, old: prev.counts[what] ?? null, new: next.counts[what] ?? null }))
    .filter((c) => c.old !== c.new);
  const metrics: MetricChange[] = [];
  for (const m of next.evaluation?.models ?? []) {
    const before = prev.evaluation?.models.find((p) => p.name === m.name);
    if (!before) continue;
    for (const [metric, v] of Object.entries(m.metrics)) {
      const o = before.metrics[metric];
      if (typeof v === 'number' && typeof o === 'number') metrics.push({ model: m.name, label: m.label, metric, old: o, new: v, delta: v - o });
    }
  }
  const unchanged = moved.length === 0 && appeared.length === 0 && disappeared.length === 0 && counts.length === 0 && metrics.every((m) => m.delta === 0);
  return { moved, appeared, disappeared, counts, metrics, testItems, unchanged };
}

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

/** The published model's drops beyond what the guard allows (the published model is "default"). */
export function regressions(cmp: Comparison, guard: RegressionGuard, model = 'default'): MetricChange[] {
  return cmp.metrics.filter((m) => m.model === model && guard.has(m.metric) && -m.delta > guard.get(m.metric)! + 1e-12);
}
