// `npm run bench [-- --runs N --scales seed,1k,10k[,ml10m-parquet,ml10m-csv,prize-1e6,prize-1e7,prize,prize-plays-1e6,prize-plays-1e7] --data-cache DIR --load-users 20000 --json --skip-similarity]`: see build/bench.ts.
import { parseArgs } from 'node:util';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATA_SCALES, SCALES, prepareData, benchLoad, benchScale, benchSimilarity, formatGrowth, formatTable, type LoadResult, type ScaleResult } from '../build/bench.ts';
import { runCli } from './cli.ts';
import { InputError } from '../build/types.ts';

await runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        runs: { type: 'string', default: '3' },
        scales: { type: 'string', default: 'seed,1k,10k' },
        json: { type: 'boolean', default: false },
        'skip-similarity': { type: 'boolean', default: false },
        // 20,000 users × 50 ratings + 10 plays: 10⁶ ratings and 2 × 10⁵ plays through --data; 0 skips it
        'load-users': { type: 'string', default: '20000' },
        movielens: { type: 'string', default: '../shared/data/ml-latest-small' },
        // where the opt-in scales' inputs are prepared and kept (default: a temporary folder, deleted)
        'data-cache': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0], { cause: err });
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new InputError(`--runs: invalid value "${values.runs}": expected a whole number ≥ 1`);
  const keys = new Map([['seed', SCALES[0]], ['1k', SCALES[1]], ['10k', SCALES[2]], ['ml10m-parquet', DATA_SCALES[0]], ['ml10m-csv', DATA_SCALES[1]], ['prize-1e6', DATA_SCALES[2]], ['prize-1e7', DATA_SCALES[3]], ['prize', DATA_SCALES[4]], ['prize-plays-1e6', DATA_SCALES[5]], ['prize-plays-1e7', DATA_SCALES[6]]]);
  const scales = values.scales.split(',').map((s) => {
    const scale = keys.get(s.trim());
    if (!scale) throw new InputError(`--scales: unknown scale "${s}" (known: ${[...keys.keys()].join(', ')})`);
    return scale;
  });
  const log = (l: string) => (values.json ? process.stderr : process.stdout).write(`${l}\n`);
  const results: ScaleResult[] = [];
  let load: LoadResult | null = null;
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  try {
    for (const scale of scales) {
      log(`building ${scale.name} × ${runs}…`);
      const data = scale.data ? await prepareData(scale, values['data-cache'] ?? workDir) : null;
      results.push(benchScale(process.cwd(), scale, runs, workDir, data));
    }
    const loadUsers = Number(values['load-users']);
    if (!Number.isInteger(loadUsers) || loadUsers < 0) throw new InputError(`--load-users: invalid value "${values['load-users']}": expected a whole number ≥ 0`);
    if (loadUsers > 0) {
      log(`loading --data of ${loadUsers} users from CSV and Parquet × ${runs}…`);
      load = await benchLoad(loadUsers, runs, workDir);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  let similarity = null;
  const ml = values.movielens;
  if (!values['skip-similarity'] && existsSync(`${ml}/ratings.csv`)) {
    similarity = await benchSimilarity(`${ml}/ratings.csv`, `${ml}/movies.csv`, 50, 5);
  }
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        runs,
        scales: results.map((r) => ({
          name: r.scale.name,
          users: r.scale.users,
          titles: r.scale.titles,
          ratingsPerUser: r.scale.ratingsPerUser,
          medianMs: Object.fromEntries(r.median),
          minMs: Object.fromEntries(r.min),
          maxMs: Object.fromEntries(r.max),
          peakRssMB: Math.round(r.peakRssMB),
        })),
        similarity,
        load,
      })}\n`,
    );
    return;
  }
  log(`\nmedian of ${runs} cold builds per scale (seconds; total = the whole process, start-up included)\n`);
  log(formatTable(results));
  const k1 = results.find((r) => r.scale.users === 1000);
  const k10 = results.find((r) => r.scale.users === 10000);
  const growth = formatGrowth(results);
  if (growth) log(`\ngrowth per stage on the Netflix Prize's shape (each step 10× the users and ratings)\n\n${growth}`);
  if (k1 && k10) log(`\ngrowth 1,000 → 10,000 users: ${(k10.median.get('total')! / k1.median.get('total')!).toFixed(1)}× the time for 10× the users`);
  if (load) {
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    log(
      `\n--data load of ${load.ratings.toLocaleString('en-US')} ratings and ${load.plays.toLocaleString('en-US')} plays: ` +
        `CSV ${(load.medianMs.csv / 1000).toFixed(2)} s (${mb(load.bytes.csv)} MB), Parquet ${(load.medianMs.parquet / 1000).toFixed(2)} s (${mb(load.bytes.parquet)} MB), median of ${runs}`,
    );
  }
  if (similarity) {
    log(
      `\nitem–item cosine top-${similarity.k} on ml-latest-small (${similarity.titles.toLocaleString('en-US')} rated titles, ` +
        `${similarity.ratings.toLocaleString('en-US')} ratings): median ${similarity.medianMs.toFixed(0)} ms of ${similarity.runs.length} ` +
        `(${similarity.runs.map((t) => t.toFixed(0)).join(', ')})`,
    );
  }
});
