// `npm run dev`: the Eleventy dev server with Vite, restarted when build/, templates/ or
// report.config.json change (their code and data are loaded once per server process), while
// edits to content/*.md are picked up by Eleventy's own watcher without a restart. It writes
// into .cache/dev-site/ (build/site/dev.ts), never _site/.
//
// The server runs in its own process group (detached), so that stopping it reaches everything it
// started (Vite, esbuild): SIGINT (Ctrl-C) or SIGTERM here stops the group, waits for it to exit,
// then exits. Ctrl-C in a terminal reaches only this process for the same reason; it forwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';

const args = ['--import', 'tsx', 'node_modules/@11ty/eleventy/cmd.cjs', '--serve', '--config=.eleventy.js', ...process.argv.slice(2)];
let child: ChildProcess | null = null;
let timer: NodeJS.Timeout | null = null;
let stopping = false;

function start(): void {
  if (stopping) return;
  child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env, detached: true });
}

/** Signals the server's whole process group and resolves once the server has exited. */
function stopServer(signal: NodeJS.Signals): Promise<void> {
  const c = child;
  if (!c || c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  const pid = c.pid;
  const kill = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // the group is already gone
    }
  };
  return new Promise((resolve) => {
    c.once('exit', () => {
      kill('SIGKILL'); // anything of the group that outlived the server
      resolve();
    });
    kill(signal);
    // A server that ignores the signal is not waited for forever.
    setTimeout(() => kill('SIGKILL'), 5000).unref();
  });
}

function restart(reason: string): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    process.stdout.write(`\n[dev] ${reason} changed: restarting the report server\n`);
    void stopServer('SIGINT').then(start);
  }, 200);
}

const watchers: FSWatcher[] = [];
for (const dir of ['build', 'templates']) watchers.push(watch(dir, { recursive: true }, (_e, f) => restart(`${dir}/${f ?? ''}`)));
watchers.push(
  watch('.', (_e, f) => {
    if (f === 'report.config.json') restart(f);
  }),
);

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  await stopServer(signal);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
start();
