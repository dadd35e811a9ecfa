// `npm run bench`: wall time per stage (median of N runs) and peak memory of whole builds at
// three scales, each build a fresh child process (a cold start, as a user runs it), plus the
// item–item similarity kernel alone on real MovieLens ratings. Numbers, not assertions: the
// machines are shared and noisy, so medians and the spread are reported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMovieLens } from './data/movielens.ts';
import { loadService } from './data/service.ts';
import { exportData } from './data/exportData.ts';
import { simulate, DEFAULT_SIMULATION } from './data/simulate.ts';
import { NETFLIX_PRIZE, writePrizeShape } from './benchShapes.ts';
import { indexMaps, ratingMatrix, itemCosineTopK } from './model/index.ts';
import { maxOf, minOf } from './util/numbers.ts';

export interface Scale {
  name: string;
  users: number;
  titles: number;
  ratingsPerUser: number;
  /**
   * Build from this data in the --data schema instead of simulating (issue 14's MovieLens-10M
   * shape): prepared once by `prepareData`, not timed. Every user gets a page.
   */
  data?: { format: 'csv' | 'parquet'; shape?: 'simulation' | 'netflix-prize' | 'netflix-prize-plays' };
}

export const SCALES: Scale[] = [
  { name: 'seed (10 × 20)', users: 10, titles: 20, ratingsPerUser: 5 },
  { name: '1,000 × 500', users: 1000, titles: 500, ratingsPerUser: 50 },
  { name: '10,000 × 2,000', users: 10000, titles: 2000, ratingsPerUser: 50 },
];

/**
 * Opt-in scales (`--scales ml10m-parquet`): MovieLens-10M-shaped data, 70,000 × 10,700 × 10⁷
 * ratings, simulated; and the Netflix Prize's shape (build/benchShapes.ts) at 10⁶, 10⁷ and 10⁸
 * ratings — the same 17,770 titles and spread of ratings per user, a tenth of the users each step
 * down — for the growth per stage. Those get pages for the default sample (USER_PAGE_LIMIT).
 */
export const DATA_SCALES: Scale[] = [
  { name: 'ML-10M shape, Parquet', users: 70000, titles: 10700, ratingsPerUser: 143, data: { format: 'parquet' } },
  { name: 'ML-10M shape, CSV', users: 70000, titles: 10700, ratingsPerUser: 143, data: { format: 'csv' } },
  { name: 'Netflix Prize shape / 100, Parquet', users: 4802, titles: 17770, ratingsPerUser: 209, data: { format: 'parquet', shape: 'netflix-prize' } },
  { name: 'Netflix Prize shape / 10, Parquet', users: 48019, titles: 17770, ratingsPerUser: 209, data: { format: 'parquet', shape: 'netflix-prize' } },
  { name: 'Netflix Prize shape, Parquet', users: NETFLIX_PRIZE.users, titles: NETFLIX_PRIZE.titles, ratingsPerUser: 209, data: { format: 'parquet', shape: 'netflix-prize' } },
  { name: 'Netflix Prize shape / 100 as plays, Parquet', users: 4802, titles: 17770, ratingsPerUser: 209, data: { format: 'parquet', shape: 'netflix-prize-plays' } },
  { name: 'Netflix Prize shape / 10 as plays, Parquet', users: 48019, titles: 17770, ratingsPerUser: 209, data: { format: 'parquet', shape: 'netflix-prize-plays' } },
];

/**
 * Writes `scale`'s input in the --data schema under `workDir` (once per shape: a folder already
 * there is used as it is; untimed): simulated, or drawn in DuckDB for the Netflix Prize's shape.
 */
export async function prepareData(scale: Scale, workDir: string): Promise<string> {
  if (scale.data?.shape === 'netflix-prize' || scale.data?.shape === 'netflix-prize-plays') {
    const plays = scale.data.shape === 'netflix-prize-plays';
    const dir = path.join(workDir, `prize-${plays ? 'plays-' : ''}${scale.users}x${scale.titles}`);
    await writePrizeShape({ ...NETFLIX_PRIZE, users: scale.users, titles: scale.titles, interactions: plays ? 'plays' : 'ratings' }, dir, path.join(workDir, 'duckdb-spill'));
    return dir;
  }
  const dir = path.join(workDir, `data-${scale.users}x${scale.titles}x${scale.ratingsPerUser}`);
  if (!existsSync(dir)) {
    const ds = simulate({ ...DEFAULT_SIMULATION, users: scale.users, titles: scale.titles, ratingsPerUser: scale.ratingsPerUser, sessionsPerUser: 0 });
    await exportData({ ...ds, sessions: null }, dir);
  }
  return path.join(dir, scale.data!.format);
}

/** Bench stage → the build's own stage names that make it up. */
export const STAGES: [string, string[]][] = [
  ['simulate', ['load/simulate']],
  ['model', ['model']],
  ['recommend', ['recommend']],
  ['evaluate', ['evaluate']],
  ['insights', ['insights', 'narrative bindings']],
  ['charts', ['charts', 'charts (evaluation)']],
  ['site data', ['site data', 'matrix downloads', 'downloads']],
  ['eleventy', ['eleventy (asset entry)', 'eleventy (pages)', 'user pages']],
  ['vite', ['vite']],
];

export interface ScaleResult {
  scale: Scale;
  runs: number;
  /** Median ms per bench stage, plus "total" (the child's wall time, cold start included). */
  median: Map<string, number>;
  min: Map<string, number>;
  max: Map<string, number>;
  peakRssMB: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Builds `scale` `runs` times, each into a new folder under `workDir`. The folders are left for
 * the caller to delete after the last measurement: on our machines a large delete slows every
 * file creation for half a minute after it, which would be charged to the next build.
 */
export function benchScale(root: string, scale: Scale, runs: number, workDir: string, dataDir: string | null = null): ScaleResult {
  const samples = new Map<string, number[]>();
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(workDir, 'run-'));
    const timings = path.join(dir, 'timings.json');
    const t0 = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        // as `npm run build` runs it: at 10⁸ ratings the recommendations alone outgrow V8's default 4 GB heap
        '--max-old-space-size=16384',
        'scripts/launch.mjs',
        'scripts/build.ts',
        ...(dataDir !== null
          ? ['--data', dataDir, ...(scale.data?.shape?.startsWith('netflix-prize') ? [] : ['--user-pages', String(scale.users)])]
          : ['--users', String(scale.users), '--titles', String(scale.titles), '--ratings-per-user', String(scale.ratingsPerUser)]),
        '--out',
        path.join(dir, 'site'),
      ],
      { cwd: root, env: { ...process.env, REPORT_TIMINGS_FILE: timings }, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const wall = performance.now() - t0;
    if (run.status !== 0) throw new Error(`build at ${scale.name} failed: ${run.stderr.trim().split('\n').pop()}`);
    const { stages, maxRssKB } = JSON.parse(readFileSync(timings, 'utf8')) as { stages: [string, number][]; maxRssKB: number };
    const own = new Map(stages);
    for (const [bench, parts] of STAGES) push(samples, bench, parts.reduce((s, p) => s + (own.get(p) ?? 0), 0));
    push(samples, 'total', wall);
    peak = Math.max(peak, maxRssKB / 1024);
  }
  const agg = (f: (xs: number[]) => number) => new Map([...samples].map(([k, xs]) => [k, f(xs)]));
  return { scale, runs, median: agg(median), min: agg((xs) => minOf(xs)), max: agg((xs) => maxOf(xs)), peakRssMB: peak };
}

function push(m: Map<string, number[]>, k: string, v: number) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export interface SimilarityResult {
  titles: number;
  ratings: number;
  k: number;
  medianMs: number;
  runs: number[];
}

/** The item–item cosine top-k kernel alone on real MovieLens ratings (loading not timed). */
export async function benchSimilarity(ratingsPath: string, moviesPath: string, k: number, runs: number): Promise<SimilarityResult> {
  const ds = await loadMovieLens(ratingsPath, moviesPath);
  const maps = indexMaps(ds);
  const m = ratingMatrix(ds, maps);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    itemCosineTopK(m, k);
    times.push(performance.now() - t0);
  }
  const rated = ds.ratings.countsByTitleId().size;
  return { titles: rated, ratings: ds.ratings.length, k, medianMs: median(times), runs: times };
}

/** A Markdown table, the first column left-aligned and the others right. */
function markdownTable(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => maxOf(rows.map((row) => row[i].length), h.length));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
  return [line(head), `|${width.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatTable(results: ScaleResult[]): string {
  const cols = [...STAGES.map(([s]) => s), 'total'];
  const head = ['scale', ...cols.map((c) => `${c} s`), 'peak RSS MB'];
  const rows = results.map((r) => [r.scale.name, ...cols.map((c) => ((r.median.get(c) ?? 0) / 1000).toFixed(2)), r.peakRssMB.toFixed(0)]);
  return markdownTable(head, rows);
}

/**
 * Growth per stage across the Netflix-Prize-shaped scales run (10⁶ → 10⁷ → 10⁸ ratings): each
 * stage's median at each, and the factor from one to the next (10× the ratings, 10× the users).
 * Empty when fewer than two ran.
 */
export function formatGrowth(results: ScaleResult[]): string {
  const prize = results.filter((r) => r.scale.data?.shape === 'netflix-prize').sort((a, b) => a.scale.users - b.scale.users);
  if (prize.length < 2) return '';
  const cols = [...STAGES.map(([s]) => s), 'total'];
  const head = ['stage', ...prize.map((r) => `${r.scale.users.toLocaleString('en-US')} users s`), ...prize.slice(1).map((_, i) => `growth ${i + 1}→${i + 2}`)];
  const rows = cols.map((c) => {
    const t = prize.map((r) => (r.median.get(c) ?? 0) / 1000);
    return [c, ...t.map((x) => x.toFixed(2)), ...t.slice(1).map((x, i) => (t[i] > 0.05 ? `${(x / t[i]).toFixed(1)}×` : '–'))];
  });
  rows.push(['peak RSS MB', ...prize.map((r) => r.peakRssMB.toFixed(0)), ...prize.slice(1).map((r, i) => `${(r.peakRssMB / prize[i].peakRssMB).toFixed(1)}×`)]);
  return markdownTable(head, rows);
}

export interface LoadResult {
  ratings: number;
  plays: number;
  /** Median ms to load the --data folder, by format. */
  medianMs: { csv: number; parquet: number };
  bytes: { csv: number; parquet: number };
}

/**
 * The --data loader alone (issue 14): a simulation of `users` users × 50 ratings and 10 plays,
 * exported once (not timed), then loaded from CSV and from Parquet `runs` times each.
 */
export async function benchLoad(users: number, runs: number, workDir: string): Promise<LoadResult> {
  const ds = simulate({ ...DEFAULT_SIMULATION, users, titles: 5000, ratingsPerUser: 50, sessionsPerUser: 10 });
  const dir = path.join(workDir, `load-${users}`);
  await exportData(ds, dir);
  const times = { csv: [] as number[], parquet: [] as number[] };
  const bytes = { csv: 0, parquet: 0 };
  for (const format of ['csv', 'parquet'] as const) {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const back = await loadService(path.join(dir, format));
      times[format].push(performance.now() - t0);
      bytes[format] = back.source.files.reduce((s, f) => s + f.bytes, 0);
    }
  }
  return { ratings: ds.ratings.length, plays: ds.sessions!.length, medianMs: { csv: median(times.csv), parquet: median(times.parquet) }, bytes };
}
