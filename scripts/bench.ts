// `npm run bench [-- --runs N --scales seed,1k,10k --json --skip-similarity]`: see build/bench.ts.
import { parseArgs } from 'node:util';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCALES, benchScale, benchSimilarity, formatTable, type ScaleResult } from '../build/bench.ts';
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
        movielens: { type: 'string', default: '../shared/data/ml-latest-small' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0], { cause: err });
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new InputError(`--runs: invalid value "${values.runs}": expected a whole number ≥ 1`);
  const keys = new Map([['seed', SCALES[0]], ['1k', SCALES[1]], ['10k', SCALES[2]]]);
  const scales = values.scales.split(',').map((s) => {
    const scale = keys.get(s.trim());
    if (!scale) throw new InputError(`--scales: unknown scale "${s}" (known: seed, 1k, 10k)`);
    return scale;
  });
  const log = (l: string) => (values.json ? process.stderr : process.stdout).write(`${l}\n`);
  const results: ScaleResult[] = [];
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  try {
    for (const scale of scales) {
      log(`building ${scale.name} × ${runs}…`);
      results.push(benchScale(process.cwd(), scale, runs, workDir));
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
      })}\n`,
    );
    return;
  }
  log(`\nmedian of ${runs} cold builds per scale (seconds; total = the whole process, start-up included)\n`);
  log(formatTable(results));
  const k1 = results.find((r) => r.scale.users === 1000);
  const k10 = results.find((r) => r.scale.users === 10000);
  if (k1 && k10) log(`\ngrowth 1,000 → 10,000 users: ${(k10.median.get('total')! / k1.median.get('total')!).toFixed(1)}× the time for 10× the users`);
  if (similarity) {
    log(
      `\nitem–item cosine top-${similarity.k} on ml-latest-small (${similarity.titles.toLocaleString('en-US')} rated titles, ` +
        `${similarity.ratings.toLocaleString('en-US')} ratings): median ${similarity.medianMs.toFixed(0)} ms of ${similarity.runs.length} ` +
        `(${similarity.runs.map((t) => t.toFixed(0)).join(', ')})`,
    );
  }
});
