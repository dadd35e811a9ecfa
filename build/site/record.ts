// The build's own record, published as `data/facts.json` (issue 16, item 1): every fact the
// narrative can bind, with its value, kind, meaning and the chart that shows it; the facts this
// data cannot support and why; the evaluation (both views, every model, sample sizes); and the
// provenance. It is what a later build compares itself with, so the format is versioned and
// stable: keys sorted, no timestamps or absolute paths (same settings ⇒ same bytes), numbers to
// 12 significant digits (a non-finite number, which JSON cannot hold, is null).
//
// Format `streaming-report-record`, version 2 (README, "The build's record"):
//   { format, version, generator,
//     provenance: { source, description, seed, files: [{ name, bytes, sha256 }], settings: { … } },
//     counts: { titles, users, ratings, sessions },
//     titles: { <id>: <name> }, users: [<id>, …],
//     facts: { <name>: { kind, value, meaning, chart? } },
//     absent: { <name>: { kind, meaning, reason } },
//     claims: [{ file, line, claim, holds }],
//     strategy: [{ id, headline, figure }],
//     evaluation: null | { protocol: { … }, models: [{ name, label, metrics, liked? }] } }
// Version 2 added titles, users, claims and strategy (what a later build needs to say which
// titles and users came or went, which claims flipped and which strategy items appeared);
// a version-1 record can still be compared, without those parts.
import path from 'node:path';
import type { FactCatalogue, FactValue } from '../insights/catalogue.ts';
import { strategyItems } from '../insights/strategy.ts';
import type { ClaimOutcome } from '../narrative/bind.ts';
import type { Dataset, EvaluationResult } from '../types.ts';

export const RECORD_PATH = 'data/facts.json';
export const RECORD_FORMAT = 'streaming-report-record';
export const RECORD_VERSION = 2;
/** Versions a build can compare itself with. */
export const READABLE_RECORD_VERSIONS: readonly number[] = [1, 2];

export interface RecordInput {
  facts: FactCatalogue;
  evaluation: EvaluationResult | null;
  dataset: Dataset;
  generator: string;
  /** Settings that shaped the build, as shown in the page's provenance. */
  settings: [string, string][];
  /** The narrative's claims the data's branches reached, and whether each held. */
  claims: ClaimOutcome[];
}

/**
 * JSON cannot hold NaN or ±Infinity, so they are null; other numbers keep 12 significant digits,
 * enough for any comparison and free of float noise (0.07500000000000001 → 0.075).
 */
function finite(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(12)) : null;
  if (Array.isArray(value)) return value.map(finite);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, finite(v)]));
  }
  return value;
}

/** Keys in code-point order at every level, so the same record is the same bytes. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
  }
  return value;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const factValue = (v: FactValue): unknown => (Array.isArray(v) ? [...v] : v);

export function buildRecord(input: RecordInput): string {
  const { facts, evaluation, dataset: ds } = input;
  const src = ds.source;
  const factEntries: Record<string, unknown> = {};
  for (const f of facts.list()) factEntries[f.name] = { kind: f.kind, value: factValue(f.value), meaning: f.meaning, ...(f.chart ? { chart: f.chart } : {}) };
  const absent: Record<string, unknown> = {};
  for (const [name, a] of facts.absent) absent[name] = { kind: a.kind, meaning: a.meaning, reason: a.reason };
  const record = {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    generator: input.generator,
    provenance: {
      source: src.kind,
      description: src.description,
      seed: src.seed,
      // base names only: the record is published, and a local path says nothing to its readers
      files: src.files.map((f) => ({ name: path.basename(f.path), bytes: f.bytes, sha256: f.sha256 })),
      settings: Object.fromEntries(input.settings),
    },
    counts: { titles: ds.titles.length, users: ds.users.length, ratings: ds.ratings.length, sessions: ds.sessions?.length ?? null },
    titles: Object.fromEntries(ds.titles.map((t) => [t.id, t.name])),
    users: ds.users.map((u) => u.id).sort(byCodePoint),
    facts: factEntries,
    absent,
    claims: input.claims.map((c) => ({ file: c.file.split(path.sep).join('/'), line: c.line, claim: c.claim, holds: c.holds })),
    strategy: strategyItems(facts).map((item) => ({ id: item.id, headline: item.headline, figure: item.figure })),
    evaluation: evaluation ? { protocol: evaluation.protocol, models: evaluation.models } : null,
  };
  // models keep their display order (an array); everything else is keyed and sorted
  return JSON.stringify(sorted(finite(record)), null, 1) + '\n';
}
