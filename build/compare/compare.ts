// What changed between two builds of the report (issue 16): read a previous build's record
// (data/facts.json, build/site/record.ts), compare it with this build's, and guard against a
// recommender that got worse. The comparison is plain data; summary.ts writes it as Markdown.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../types.ts';
import { quoted } from '../util/quote.ts';
import type { RegressionGuard } from './guard.ts';
import { READABLE_RECORD_VERSIONS, RECORD_FORMAT, RECORD_PATH } from '../site/record.ts';
import { EVAL_MIN_TEST_ITEMS } from '../insights/recommenderFacts.ts';

/** A claim as the record keeps it. */
export interface ClaimRecord {
  file: string;
  line: number;
  claim: string;
  holds: boolean;
}

/** A record as read back: only the parts the comparison uses are typed. */
export interface BuildRecord {
  format: string;
  version: number;
  generator: string;
  provenance: { source: string; description: string; seed: number | null };
  counts: { titles: number; users: number; ratings: number; sessions: number | null };
  facts: Record<string, { kind: string; value: unknown; meaning: string; chart?: string }>;
  absent: Record<string, { kind: string; reason: string }>;
  /** Version 2 on: every title's name by id, every user's id, the claims and the strategy items. */
  titles?: Record<string, string>;
  users?: string[];
  claims?: ClaimRecord[];
  strategy?: { id: string; headline: string; figure: string }[];
  evaluation: null | {
    protocol: { k: number; testItems: number; usersEvaluated: number; liked?: { usersEvaluated: number; testItems: number } };
    models: { name: string; label: string; metrics: Record<string, number | null>; liked?: Record<string, number | null> }[];
  };
}

/** A record is a few hundred kB even for MovieLens; anything far larger is not one. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** `--compare` given a URL: the published site (its data/facts.json is fetched) or the file itself. */
export const isUrl = (given: string): boolean => /^https?:\/\//i.test(given);

/** How a previous build is named in messages and on the site: a URL without credentials or query. */
export function urlLabel(given: string): string {
  try {
    const u = new URL(given);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return given;
  }
}

/** Where a previous site's record is, given its URL: a .json URL as it is, else data/facts.json under it. */
export function recordUrl(given: string): URL {
  const u = new URL(given);
  if (u.pathname.endsWith('.json')) return u;
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return new URL(RECORD_PATH, u);
}

/** Seconds a fetch of the previous record may take: CI must not hang on a dead server. */
export const FETCH_TIMEOUT_S = 30;

/**
 * The record of a previous build: its site folder, its facts.json, or (for CI, which has the
 * published site and not its files) a URL of either. Anything that is not a record this version
 * can compare is a one-line input error, raised before the build does any work.
 */
export async function loadRecord(given: string, flag = '--compare', fetchImpl: typeof fetch = fetch): Promise<BuildRecord> {
  if (!isUrl(given)) return readRecord(given, flag);
  let target: URL;
  try {
    target = recordUrl(given);
  } catch {
    throw new InputError(`${flag} ${quoted(given)}: not a valid URL`);
  }
  const where = `${flag} ${urlLabel(target.href)}`;
  let text: string;
  try {
    const res = await fetchImpl(target, { signal: AbortSignal.timeout(FETCH_TIMEOUT_S * 1000), redirect: 'follow' });
    if (!res.ok) throw new InputError(`${where}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}; is a report published there?`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_RECORD_BYTES) throw new InputError(`${where}: ${declared} bytes is too large for a report record`);
    text = await readCapped(res, where);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_S} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new InputError(`${where}: cannot fetch it (${why})`);
  }
  return parseRecord(text, where);
}

/** A response body as text, refused past MAX_RECORD_BYTES whatever the server declared. */
async function readCapped(res: Response, where: string): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RECORD_BYTES) {
      await reader.cancel();
      throw new InputError(`${where}: more than ${MAX_RECORD_BYTES} bytes is too large for a report record`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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
  return parseRecord(text, where);
}

function parseRecord(text: string, where: string): BuildRecord {
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
  if (typeof r.version !== 'number' || !READABLE_RECORD_VERSIONS.includes(r.version)) {
    bad(`"version" is ${typeof r.version === 'number' ? r.version : quoted(r.version)}, expected ${READABLE_RECORD_VERSIONS.join(' or ')}`);
  }
  if (!isObject(r.facts)) bad('"facts" is missing');
  for (const [name, f] of Object.entries(r.facts as Record<string, unknown>)) {
    if (!isObject(f) || typeof f.kind !== 'string' || !('value' in f)) bad(`fact ${quoted(name)} has no kind or value`);
  }
  if (!isObject(r.absent)) bad('"absent" is missing');
  if (!isObject(r.counts) || !['titles', 'users', 'ratings'].every((k) => typeof (r.counts as Record<string, unknown>)[k] === 'number')) bad('"counts" is missing or not numbers');
  if ((r.version as number) >= 2) {
    if (!isObject(r.titles) || !Object.values(r.titles).every((n) => typeof n === 'string')) bad('"titles" is missing or not names');
    if (!Array.isArray(r.users) || !r.users.every((u) => typeof u === 'string')) bad('"users" is missing or not ids');
    if (!Array.isArray(r.claims) || !r.claims.every((c) => isObject(c) && typeof c.file === 'string' && typeof c.claim === 'string' && typeof c.holds === 'boolean')) bad('"claims" is missing or malformed');
    if (!Array.isArray(r.strategy) || !r.strategy.every((i) => isObject(i) && typeof i.id === 'string' && typeof i.headline === 'string')) bad('"strategy" is missing or malformed');
  }
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
  /** What the fact means, from this build's record. */
  meaning: string;
  old: unknown;
  new: unknown;
  /** new − old, for numbers. */
  delta: number | null;
  /** How much the change matters, for the ordering (see `importance`); null for names and lists. */
  relative: number | null;
  /** An evaluation figure whose change is within the noise of its sample (see `withinNoise`). */
  noise: boolean;
}

export interface MetricChange {
  model: string;
  label: string;
  /** 'all': every held-out rating is relevant; 'liked': only those at or above the liked bar. */
  view: 'all' | 'liked';
  metric: string;
  old: number;
  new: number;
  delta: number;
  /** Smaller than twice its standard error (see `withinNoise`). */
  noise: boolean;
}

export interface ClaimFlip {
  file: string;
  /** The claim's line in this build's content (the previous build's when it is gone). */
  line: number;
  claim: string;
  /** Whether it held before and now. */
  was: boolean;
  now: boolean;
}

export interface StrategyChange {
  id: string;
  /** null: the item was not generated by that build. */
  old: string | null;
  new: string | null;
}

export interface Comparison {
  /** Facts whose value changed: names first (a different top genre), then numbers by relative size. */
  moved: FactChange[];
  appeared: string[];
  disappeared: string[];
  counts: { what: string; old: number | null; new: number | null }[];
  /** Every metric of every model evaluated in both builds, both views. */
  metrics: MetricChange[];
  /** Both builds' held-out sample sizes (0 without an evaluation). */
  testItems: { old: number; new: number };
  /** Claims both builds reached whose truth differs. */
  claimsFlipped: ClaimFlip[];
  /** Strategy items that appeared, went, or now say something else. */
  strategy: StrategyChange[];
  /** Titles (id and name) and users (ids) only one build has. */
  titlesAdded: { id: string; name: string }[];
  titlesRemoved: { id: string; name: string }[];
  usersAdded: string[];
  usersRemoved: string[];
  /** Parts the previous record (version 1) does not hold, so they could not be compared. */
  notRecorded: string[];
  unchanged: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether a change of a figure averaged over users is inside its sampling noise. Each user's
 * value lies in [0, 1], so its variance is at most v(1 − v) (v the mean): the standard error of
 * a build's figure is at most √(v(1 − v)/n), and a difference smaller than twice the two
 * builds' combined error is not told from chance. An upper bound, so it errs towards "noise".
 */
export function withinNoise(old: number, now: number, nOld: number, nNew: number): boolean {
  if (!(nOld > 0 && nNew > 0)) return true;
  const v = (x: number) => Math.min(1, Math.max(0, x));
  const se = Math.sqrt((v(old) * (1 - v(old))) / nOld + (v(now) * (1 - v(now))) / nNew);
  return Math.abs(now - old) < 2 * se;
}

/**
 * How much a numeric change matters, on one scale for every kind: a share moves by its
 * difference (0.17 = 17 percentage points, whatever it started from: a gap going from −1 % to
 * −3 % is not a "200 %" change), anything else by its change relative to the larger of the two
 * values (so 0 → 5 and 5 → 0 both count 1, and no change counts more than 2).
 */
export function importance(kind: string, old: number, now: number): number {
  if (kind === 'share') return Math.abs(now - old);
  const scale = Math.max(Math.abs(old), Math.abs(now));
  return scale === 0 ? 0 : Math.abs(now - old) / scale;
}

/** A record's evaluation sample: users in the all-ratings view and in the liked view. */
function samples(r: BuildRecord): { all: number; liked: number; testItems: number } {
  const p = r.evaluation?.protocol;
  return { all: p?.usersEvaluated ?? 0, liked: p?.liked?.usersEvaluated ?? 0, testItems: p?.testItems ?? 0 };
}

/** Metrics that are a mean over users of a value in [0, 1] (coverage is one figure of the catalogue). */
const PER_USER_METRICS = new Set(['precision', 'recall', 'ndcg', 'hitRate', 'genreMatch', 'genreMatchTruth']);

function claimKey(c: { file: string; claim: string }, nth: number): string {
  return `${c.file}\0${c.claim}\0${nth}`;
}

/** Claims keyed by file, condition and which occurrence: lines move when an editor adds a paragraph. */
function claimsByKey(claims: ClaimRecord[]): Map<string, ClaimRecord> {
  const seen = new Map<string, number>();
  const out = new Map<string, ClaimRecord>();
  for (const c of claims) {
    const base = `${c.file}\0${c.claim}`;
    const nth = seen.get(base) ?? 0;
    seen.set(base, nth + 1);
    out.set(claimKey(c, nth), c);
  }
  return out;
}

export function compareRecords(prev: BuildRecord, next: BuildRecord): Comparison {
  const sp = samples(prev);
  const sn = samples(next);
  const testItems = { old: sp.testItems, new: sn.testItems };
  const smallSample = Math.min(testItems.old, testItems.new) < EVAL_MIN_TEST_ITEMS;
  const moved: FactChange[] = [];
  for (const [name, f] of Object.entries(next.facts)) {
    const before = prev.facts[name];
    if (!before || same(before.value, f.value)) continue;
    const numeric = typeof before.value === 'number' && typeof f.value === 'number';
    const delta = numeric ? (f.value as number) - (before.value as number) : null;
    const relative = delta === null ? null : importance(f.kind, before.value as number, f.value as number);
    let noise = false;
    if (numeric && name.startsWith('eval.') && f.kind !== 'count') {
      // a lift is a ratio of two noisy figures: called only on a large enough sample; a metric
      // in [0, 1] is judged by its standard error
      const liked = name.includes('.liked.');
      noise = name.startsWith('eval.lift.') || !(f.kind === 'share' || f.kind === 'number')
        ? smallSample
        : withinNoise(before.value as number, f.value as number, liked ? sp.liked : sp.all, liked ? sn.liked : sn.all);
    }
    moved.push({ name, kind: f.kind, meaning: f.meaning, old: before.value, new: f.value, delta, relative, noise });
  }
  // a changed name or list (the top genre, the best model) matters more than any number; a
  // change inside the noise matters less than one outside it
  moved.sort(
    (a, b) =>
      Number(a.relative !== null) - Number(b.relative !== null) || Number(a.noise) - Number(b.noise) || (b.relative ?? 0) - (a.relative ?? 0) || byName(a.name, b.name),
  );
  const appeared = Object.keys(next.facts).filter((n) => !(n in prev.facts)).sort(byName);
  const disappeared = Object.keys(prev.facts).filter((n) => !(n in next.facts)).sort(byName);
  const counts = (['titles', 'users', 'ratings', 'sessions'] as const)
    .map((what) => ({ what, old: prev.counts[what] ?? null, new: next.counts[what] ?? null }))
    .filter((c) => c.old !== c.new);
  const metrics: MetricChange[] = [];
  for (const m of next.evaluation?.models ?? []) {
    const before = prev.evaluation?.models.find((p) => p.name === m.name);
    if (!before) continue;
    const views = [['all', m.metrics, before.metrics, sp.all, sn.all], ['liked', m.liked, before.liked, sp.liked, sn.liked]] as const;
    for (const [view, now, then, nOld, nNew] of views) {
      for (const [metric, v] of Object.entries(now ?? {})) {
        const o = then?.[metric];
        if (typeof v !== 'number' || typeof o !== 'number' || metric === 'users' || metric === 'testItems') continue;
        const noise = PER_USER_METRICS.has(metric) ? withinNoise(o, v, nOld, nNew) : false;
        metrics.push({ model: m.name, label: m.label, view, metric, old: o, new: v, delta: v - o, noise });
      }
    }
  }
  const notRecorded: string[] = [];
  const claimsFlipped: ClaimFlip[] = [];
  if (prev.claims && next.claims) {
    const before = claimsByKey(prev.claims);
    for (const [key, c] of claimsByKey(next.claims)) {
      const b = before.get(key);
      if (b && b.holds !== c.holds) claimsFlipped.push({ file: c.file, line: c.line, claim: c.claim, was: b.holds, now: c.holds });
    }
  } else notRecorded.push('claims');
  const strategy: StrategyChange[] = [];
  if (prev.strategy && next.strategy) {
    const before = new Map(prev.strategy.map((i) => [i.id, i.headline]));
    const now = new Map(next.strategy.map((i) => [i.id, i.headline]));
    for (const [id, headline] of now) if (before.get(id) !== headline) strategy.push({ id, old: before.get(id) ?? null, new: headline });
    for (const [id, headline] of before) if (!now.has(id)) strategy.push({ id, old: headline, new: null });
  } else notRecorded.push('strategy items');
  const titlesAdded: Comparison['titlesAdded'] = [];
  const titlesRemoved: Comparison['titlesRemoved'] = [];
  if (prev.titles && next.titles) {
    for (const [id, name] of Object.entries(next.titles)) if (!Object.hasOwn(prev.titles, id)) titlesAdded.push({ id, name });
    for (const [id, name] of Object.entries(prev.titles)) if (!Object.hasOwn(next.titles, id)) titlesRemoved.push({ id, name });
  } else notRecorded.push('title lists');
  let usersAdded: string[] = [];
  let usersRemoved: string[] = [];
  if (prev.users && next.users) {
    const before = new Set(prev.users);
    const now = new Set(next.users);
    usersAdded = next.users.filter((u) => !before.has(u));
    usersRemoved = prev.users.filter((u) => !now.has(u));
  } else notRecorded.push('user lists');
  const unchanged =
    moved.length === 0 && appeared.length === 0 && disappeared.length === 0 && counts.length === 0 && metrics.every((m) => m.delta === 0) &&
    claimsFlipped.length === 0 && strategy.length === 0 && titlesAdded.length + titlesRemoved.length + usersAdded.length + usersRemoved.length === 0;
  return { moved, appeared, disappeared, counts, metrics, testItems, claimsFlipped, strategy, titlesAdded, titlesRemoved, usersAdded, usersRemoved, notRecorded, unchanged };
}

/** The published model's drops beyond what the guard allows (the published model is "default"). */
export function regressions(cmp: Comparison, guard: RegressionGuard, model = 'default'): MetricChange[] {
  return cmp.metrics.filter((m) => m.model === model && m.view === 'all' && guard.has(m.metric) && -m.delta > guard.get(m.metric)! + 1e-12);
}
