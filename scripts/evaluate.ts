// `npm run evaluate`: flags → dataset → the protocol's evaluation → a table (or one JSON object
// with --json). Thin on purpose: the logic lives in build/evaluate/.
import { helpText, resolveConfig, type ExtraFlag } from '../build/config.ts';
import { loadDataset } from '../build/data/load.ts';
import { evaluate } from '../build/evaluate/index.ts';
import { InputError, type EvaluationResult } from '../build/types.ts';
import { formatCount, formatPercent, maxOf } from '../build/util/numbers.ts';
import { runCli } from './cli.ts';

const EXTRA: Record<string, ExtraFlag> = {
  k: { type: 'string', help: 'cut-off K of the ranking metrics (default 10)' },
  json: { type: 'boolean', help: 'print one JSON object instead of the table' },
};

const COLUMNS = ['precision', 'recall', 'ndcg', 'hitRate', 'coverage', 'genreMatch', 'genreMatchTruth'] as const;

const LIKED = ['precision', 'recall', 'ndcg', 'hitRate'] as const;

function parseK(raw: string | boolean | undefined): number {
  if (raw === undefined) return 10;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new InputError(`--k: invalid value ${JSON.stringify(raw)}: expected a whole number from 1 to 1000`);
  }
  return Number(raw);
}

function table(result: EvaluationResult): string {
  const cols = COLUMNS.filter((c) => c !== 'genreMatchTruth' || result.models.some((m) => m.metrics.genreMatchTruth !== null));
  const header = ['model', ...cols.map((c) => `${c}@${result.protocol.k}`.replace(/coverage@\d+/, 'coverage'))];
  const rows = result.models.map((m) => [m.name, ...cols.map((c) => (m.metrics[c] as number).toFixed(3))]);
  const widths = header.map((h, i) => maxOf(rows.map((r) => r[i].length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [result.protocol.description, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''];
  const liked = result.protocol.liked;
  if (liked && result.models.every((m) => m.liked)) {
    const lh = ['liked view', ...LIKED.map((c) => `${c}@${result.protocol.k}`)];
    const lr = result.models.map((m) => [m.name, ...LIKED.map((c) => m.liked![c].toFixed(3))]);
    const lw = lh.map((h, i) => maxOf(lr.map((r) => r[i].length), h.length));
    const l = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(lw[i]) : c.padStart(lw[i]))).join('  ');
    out.push(`Liked view: held-out ratings ≥ ${liked.threshold} only (${liked.testItems} ratings, ${liked.usersEvaluated} users).`, '', l(lh), l(lw.map((w) => '-'.repeat(w))));
    for (const r of lr) out.push(l(r));
    out.push('');
  }
  if (result.lift) {
    const { low, high, level, replicates } = result.lift.ndcg;
    const pct = (v: number) => `${v >= 0 ? '+' : ''}${formatPercent(v)}`;
    out.push(`NDCG lift of the published model over popularity: ${formatPercent(level)} bootstrap interval ${pct(low)} to ${pct(high)} (${formatCount(replicates)} replicates over the evaluated users).`, '');
  }
  return out.join('\n');
}

function json(result: EvaluationResult): string {
  const { description: _d, ...protocol } = result.protocol;
  const models: Record<string, Record<string, unknown>> = {};
  for (const m of result.models) {
    const { genreMatchTruth, ...rest } = m.metrics;
    const liked = m.liked && protocol.liked ? { ...m.liked, users: protocol.liked.usersEvaluated, testItems: protocol.liked.testItems } : undefined;
    models[m.name] = { ...rest, ...(genreMatchTruth === null ? {} : { genreMatchTruth }), ...(liked ? { liked } : {}) };
  }
  return `${JSON.stringify({ protocol: { ...protocol, description: result.protocol.description }, models, ...(result.lift ? { lift: result.lift } : {}) })}\n`;
}

async function main(): Promise<void> {
  const { config, help, extra } = resolveConfig(process.argv.slice(2), { extra: EXTRA });
  if (help) {
    process.stdout.write(helpText('npm run --silent evaluate --', EXTRA));
    return;
  }
  const k = parseK(extra.get('k'));
  const ds = await loadDataset(config);
  const result = evaluate(ds, { k, seed: config.seed });
  process.stdout.write(extra.get('json') === true ? json(result) : table(result));
}

await runCli(main);
