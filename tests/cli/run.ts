// Shared by the CLI and whole-site tests: run the real build command as a child process (as a
// user would), and fingerprint an output folder so "untouched" can be checked byte for byte.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node scripts/launch.mjs scripts/build.ts ...args` from the project root: what `npm run build` runs. */
/** Runs a script of the project as the CLI does; `env` adds to (or overrides) the test's environment. */
export function runBuild(args: string[], script = 'scripts/build.ts', env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/launch.mjs', script, ...args], {
      cwd: ROOT,
      // GITHUB_STEP_SUMMARY cleared: a test build must never write into the real CI summary
      env: { ...process.env, TZ: 'UTC', NO_COLOR: '1', DEBUG: '', GITHUB_STEP_SUMMARY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `jobs` with at most `limit` at a time (each CLI start loads the whole build graph). */
export async function pool<T, R>(items: T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every file under `dir` (relative path, '/'-separated) → SHA-256 of its bytes. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Names of the differing files between two fingerprints (added, removed or changed). */
export function treeDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

/** Leftover staging/vite/old folders a build would have made beside `out`. */
export function leftovers(out: string): string[] {
  const base = path.basename(out);
  return readdirSync(path.dirname(out)).filter((n) => n.startsWith(`${base}.`));
}
