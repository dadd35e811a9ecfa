// `npm run dev`: the Eleventy dev server with Vite, restarted when build/, templates/ or
// report.config.json change (their code and data are loaded once per server process), while
// edits to content/*.md are picked up by Eleventy's own watcher without a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';

const args = ['--import', 'tsx', 'node_modules/@11ty/eleventy/cmd.cjs', '--serve', '--config=.eleventy.js', ...process.argv.slice(2)];
let child: ChildProcess | null = null;
let timer: NodeJS.Timeout | null = null;

function start(): void {
  child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
}
function restart(reason: string): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    process.stdout.write(`\n[dev] ${reason} changed: restarting the report server\n`);
    child?.once('exit', start);
    child?.kill('SIGINT');
  }, 200);
}
for (const dir of ['build', 'templates']) watch(dir, { recursive: true }, (_e, f) => restart(`${dir}/${f ?? ''}`));
watch('.', (_e, f) => {
  if (f === 'report.config.json') restart(f);
});
process.on('SIGINT', () => {
  child?.kill('SIGINT');
  process.exit(0);
});
start();
