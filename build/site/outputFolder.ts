// Which folders a build may replace (issue 15). Publishing swaps a whole folder in for `--out`,
// so whatever was there is deleted: that must only ever be a site this tool wrote. Every site
// gets a marker file at its root; an existing target is replaced only when it is missing, empty
// or holds the marker. `--force` may replace a foreign non-empty folder, but never a file, the
// file system root, the project or anything above it, the project's own folders, the home
// folder, or a folder holding the build's input files.
//
// Symlinks are resolved: `--out link` writes the site where the link points (the link stays),
// and every rule applies to that real folder, so a link cannot smuggle a protected folder past
// the checks. A link that points nowhere is refused.
//
// Node built-ins only: the CLI runs this check before it loads Eleventy and Vite.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { InputError } from '../types.ts';

/** The marker file at the root of every site this tool writes. */
export const MARKER_FILE = '.streaming-reco-report.json';
export const GENERATOR = 'streaming-reco-report';
/** Project folders that are never an output, whatever the flags say. */
export const PROJECT_FOLDERS = ['content', 'templates', 'build', 'scripts', 'tests', 'node_modules', '.git'];

export interface TargetOptions {
  /** The project root; a relative `out` is resolved against it. */
  root: string;
  /** Replace a non-empty folder that has no marker (`--force`). */
  force?: boolean;
  /** Input files (--ratings, --movies, --catalog): their folders are never replaced. */
  inputs?: string[];
}

export interface Target {
  /** The real absolute path the site will be swapped into (symlinks resolved). */
  path: string;
  /** What is there now; 'forced' is a foreign folder that --force allows replacing. */
  state: 'missing' | 'empty' | 'ours' | 'forced';
}

/**
 * Decides whether `out` may be replaced by a new site, touching nothing. Throws an InputError
 * (one line, exit 2) naming the reason otherwise.
 */
export function checkOutputTarget(out: string, opts: TargetOptions): Target {
  const refuse = (why: string): never => {
    throw new InputError(`--out ${out}: ${why}`, { field: 'out' });
  };
  const root = realPath(opts.root);
  const target = realPath(path.resolve(opts.root, out));
  if (target === path.parse(target).root) refuse('refusing to replace the file system root');
  if (contains(target, root)) refuse('refusing to replace a folder that contains the project');
  if (contains(target, realPath(process.cwd()))) refuse('refusing to replace a folder that contains the current folder');
  if (contains(target, realPath(homedir()))) refuse('refusing to replace the home folder or a folder above it');
  for (const keep of PROJECT_FOLDERS) {
    if (contains(path.join(root, keep), target)) refuse(`refusing to write into the project's ${keep}/ folder`);
  }
  for (const input of opts.inputs ?? []) {
    if (contains(target, realPath(path.dirname(path.resolve(input))))) refuse(`refusing to replace a folder holding the input file ${input}`);
  }

  let stat;
  try {
    stat = lstatSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: target, state: 'missing' };
    return refuse(`cannot use it as the output folder (${code ?? 'error'})`);
  }
  if (stat.isSymbolicLink()) refuse('is a symbolic link that points nowhere; point it at a folder or remove it');
  if (!stat.isDirectory()) refuse(`is ${stat.isFile() ? 'a file' : 'not a folder'}; --out names the folder the site is written to`);
  if (readdirSync(target).length === 0) return { path: target, state: 'empty' };
  if (hasMarker(target)) return { path: target, state: 'ours' };
  if (opts.force) return { path: target, state: 'forced' };
  return refuse(`the folder is not empty and was not written by this tool (no ${MARKER_FILE}); choose another folder, empty it, or pass --force to replace it`);
}

/** True when `folder` holds a marker this tool wrote (a regular file naming the generator). */
export function hasMarker(folder: string): boolean {
  const file = path.join(folder, MARKER_FILE);
  try {
    // lstat first: reading a FIFO or a huge file under the marker's name would hang or waste time.
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > 4096) return false;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { generator?: unknown };
    return parsed !== null && typeof parsed === 'object' && parsed.generator === GENERATOR;
  } catch {
    return false;
  }
}

/** Writes the marker into `folder` (created if missing), with the version from `root`'s package.json. */
export function writeMarker(folder: string, root: string): void {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, MARKER_FILE), `${JSON.stringify({ generator: GENERATOR, version })}\n`);
}

/**
 * Removes what interrupted builds left beside `out`: `<out>.staging-<pid>`, `<out>.vite-<pid>`
 * and `<out>.old-<pid>`, by exact name only, only when that pid is not a running process, and
 * (for staging and old, which hold a whole site) only when they carry the marker: a user's
 * `_site.old-backup` or a markerless `_site.old-123` is never deleted. This process's own
 * `.old-` folder is skipped: its background deletion may still be running.
 */
export function sweepLeftovers(out: string): string[] {
  const parent = path.dirname(out);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(out))}\\.(staging|vite|old)-(\\d+)$`);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const [, kind, digits] = m;
    const pid = Number(digits);
    const own = pid === process.pid;
    if (own ? kind === 'old' : isRunning(pid)) continue;
    const full = path.join(parent, name);
    if (kind !== 'vite' && !hasMarker(full)) continue;
    // Our own pid's staging folder is about to be reused: it must be gone before we go on.
    if (own) rmSync(full, { recursive: true, force: true });
    else removeInBackground(full);
    removed.push(full);
  }
  return removed;
}

/**
 * Deletes a folder without making the build wait for it. Deleting a replaced site (50,000 files
 * at 10,000 users) took longer than building it on our machines, where every file system
 * operation is slow; sweepLeftovers finishes the job if the deleter dies.
 */
export function removeInBackground(dir: string): void {
  const inForeground = () => rmSync(dir, { recursive: true, force: true });
  if (process.platform === 'win32') return inForeground();
  try {
    const child = spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' });
    child.on('error', inForeground);
    child.unref();
  } catch {
    inForeground();
  }
}

function isRunning(pid: number): boolean {
  // pid 0 would signal our own process group: never treat it as a dead build.
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `outer` equals `inner` or is a folder above it. */
function contains(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The absolute path with every symlink resolved, also for a path that does not exist yet: the
 * longest existing ancestor is resolved and the rest appended.
 */
function realPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let head = abs; ; ) {
    try {
      return path.join(realpathSync(head), ...rest);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      rest.unshift(path.basename(head));
      head = parent;
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
