// `npm run dev` behaves (issue 13): it serves the report, and SIGTERM stops it and everything it
// started (no Eleventy left listening), without touching _site/ (npm run build's folder).
// Runs `npm run dev` on a free port, writing into a temporary folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../cli/run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dev-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Every process below `pid`, from ps. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const [c, pp] of rows) if (pp === p && !found.includes(c)) (found.push(c), queue.push(c));
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Files under a folder with their size and modification time: what "untouched" compares. */
function snapshot(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .map((e) => path.join(e.parentPath, e.name))
    .map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`)
    .sort();
}

async function until<T>(what: string, ms: number, probe: () => T | Promise<T>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('npm run dev serves the report; SIGTERM stops every process of it and closes the port; _site/ untouched', async () => {
  const port = await freePort();
  const out = path.join(dir, 'site');
  const siteBefore = snapshot(path.join(ROOT, '_site'));
  // `npm run dev` itself, as a user starts it (npm, then the script's shell: the signal has to get
  // through both), with a port and output of the test's own
  const dev = spawn('npm', ['run', '--silent', 'dev', '--', `--port=${port}`, `--output=${out}`], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  dev.stdout.on('data', (d) => (log += d));
  dev.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
  let pids: number[] = [];
  try {
    await until('the server', 90_000, () => {
      if (dev.exitCode !== null) throw new Error(`npm run dev exited early:\n${log}`);
      return /Server at/.test(log);
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    assert.is(res.status, 200);
    assert.match(await res.text(), /<h1/);
    pids = descendants(dev.pid!);
    assert.ok(pids.length >= 1, 'the server runs as a child process');
    dev.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    assert.is(code, 0, `npm run dev exits 0 on SIGTERM\n${log.slice(-2000)}`);
    await until('every child process to end', 5000, () => pids.every((p) => !alive(p)));
    assert.not.ok(await portOpen(port), `port ${port} is closed`);
  } finally {
    for (const p of [dev.pid!, ...pids]) if (alive(p)) process.kill(p, 'SIGKILL');
  }
  assert.ok(existsSync(path.join(out, 'index.html')), 'it wrote into its own folder');
  assert.equal(snapshot(path.join(ROOT, '_site')), siteBefore, '_site/ untouched');
});

test.run();
