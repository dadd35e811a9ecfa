// Issue 15: which folders a build may replace (build/site/outputFolder.ts). Each case builds its
// situation in a temp folder and checks the verdict, and that a refusal touched nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { checkOutputTarget, hasMarker, MARKER_FILE, sweepLeftovers, writeMarker } from '../../build/site/outputFolder.ts';
import { hashTree, ROOT } from '../cli/run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'output-folder-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const at = (...parts: string[]) => path.join(dir, ...parts);
const opts = { root: ROOT };
let caseNo = 0;
/** A fresh folder per case, holding `files` (name → content). */
function folder(files: Record<string, string> = {}): string {
  const f = at(`case-${++caseNo}`);
  mkdirSync(f);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(f, name), content);
  return f;
}
/** The one-line InputError `check` throws; fails the test when it does not throw. */
function refusal(check: () => unknown): string {
  try {
    check();
  } catch (err) {
    assert.is((err as Error).name, 'InputError');
    assert.not.match((err as Error).message, /\n/);
    return (err as Error).message;
  }
  assert.unreachable('expected a refusal');
  return '';
}
const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
};

test('the marker names the generator and the version from package.json', () => {
  const f = folder();
  writeMarker(f, ROOT);
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(JSON.parse(readFileSync(path.join(f, MARKER_FILE), 'utf8')), { generator: 'streaming-reco-report', version });
  assert.ok(hasMarker(f));
});

test('missing, empty and marked folders may be replaced', () => {
  assert.equal(checkOutputTarget(at('not-yet', 'site'), opts), { path: at('not-yet', 'site'), state: 'missing' });
  const empty = folder();
  assert.is(checkOutputTarget(empty, opts).state, 'empty');
  const ours = folder({ 'index.html': 'old site' });
  writeMarker(ours, ROOT);
  assert.is(checkOutputTarget(ours, opts).state, 'ours');
});

test('a folder of someone else\'s files is refused and untouched; --force allows it', () => {
  const foreign = folder({ 'notes.md': 'mine', 'todo.txt': 'also mine' });
  const before = hashTree(foreign);
  assert.match(refusal(() => checkOutputTarget(foreign, opts)), /^--out \S+: the folder is not empty and was not written by this tool \(no \.streaming-reco-report\.json\); .*--force/);
  assert.equal(hashTree(foreign), before);
  assert.is(checkOutputTarget(foreign, { ...opts, force: true }).state, 'forced');
});

test('a marker that is not ours does not count: another generator, a folder, not JSON', () => {
  for (const marker of ['{"generator":"someone-else"}', 'not json']) {
    const f = folder({ 'index.html': 'x', [MARKER_FILE]: marker });
    assert.not.ok(hasMarker(f));
    refusal(() => checkOutputTarget(f, opts));
  }
  const f = folder({ 'index.html': 'x' });
  mkdirSync(path.join(f, MARKER_FILE));
  refusal(() => checkOutputTarget(f, opts));
});

test('a file is refused, also with --force, and keeps its bytes', () => {
  const file = at('notes.txt');
  writeFileSync(file, 'my notes');
  for (const force of [false, true]) assert.match(refusal(() => checkOutputTarget(file, { ...opts, force })), /: is a file; --out names the folder/);
  assert.is(readFileSync(file, 'utf8'), 'my notes');
  for (const name of ['package.json', 'README.md']) assert.match(refusal(() => checkOutputTarget(name, { ...opts, force: true })), /is a file/);
});

test('a FIFO is refused as not a folder', () => {
  const fifo = at('pipe');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo on this system
  }
  assert.match(refusal(() => checkOutputTarget(fifo, { ...opts, force: true })), /is not a folder/);
});

test('symlinks are resolved: the rules apply to where they point', () => {
  const ours = folder({ 'index.html': 'x' });
  writeMarker(ours, ROOT);
  symlinkSync(ours, at('to-ours'));
  assert.equal(checkOutputTarget(at('to-ours'), opts), { path: ours, state: 'ours' });
  symlinkSync(folder({ 'notes.md': 'mine' }), at('to-foreign'));
  refusal(() => checkOutputTarget(at('to-foreign'), opts));
  writeFileSync(at('a-file'), 'x');
  symlinkSync(at('a-file'), at('to-file'));
  assert.match(refusal(() => checkOutputTarget(at('to-file'), { ...opts, force: true })), /is a file/);
  symlinkSync(at('nowhere'), at('dangling'));
  assert.match(refusal(() => checkOutputTarget(at('dangling'), { ...opts, force: true })), /symbolic link that points nowhere/);
  // A link cannot smuggle a project folder past the checks.
  symlinkSync(path.join(ROOT, 'content'), at('to-content'));
  assert.match(refusal(() => checkOutputTarget(at('to-content'), { ...opts, force: true })), /project's content\/ folder/);
});

test('never, whatever --force says: /, ., .., the project, its own folders, .git, the home folder', () => {
  const force = { ...opts, force: true };
  assert.match(refusal(() => checkOutputTarget('/', force)), /^--out \/: refusing to replace the file system root$/);
  assert.match(refusal(() => checkOutputTarget('.', force)), /^--out \.: refusing to replace a folder that contains the project$/);
  assert.match(refusal(() => checkOutputTarget('..', force)), /^--out \.\.: refusing to replace a folder that contains the project$/);
  assert.match(refusal(() => checkOutputTarget(ROOT, force)), /contains the project/);
  for (const keep of ['content', 'templates', 'build', 'scripts', 'tests', 'node_modules', '.git']) {
    assert.match(refusal(() => checkOutputTarget(keep, force)), new RegExp(`project's ${keep.replace('.', '\\.')}/ folder`));
  }
  assert.match(refusal(() => checkOutputTarget('tests/somewhere/site', force)), /project's tests\/ folder/);
  assert.match(refusal(() => checkOutputTarget(homedir(), force)), /home folder/);
});

test('never a folder holding the input files, nor one above it', () => {
  const inputs = folder({ 'ratings.csv': 'userId,movieId,rating,timestamp\n' });
  const force = { ...opts, force: true, inputs: [path.join(inputs, 'ratings.csv')] };
  assert.match(refusal(() => checkOutputTarget(inputs, force)), /holding the input file .*ratings\.csv$/);
  assert.match(refusal(() => checkOutputTarget(dir, force)), /holding the input file/);
  assert.is(checkOutputTarget(path.join(inputs, 'site'), force).state, 'missing', 'a site beside the inputs is fine');
});

test('leftovers: a dead build\'s marked staging/old and its vite folder go; everything else stays', async () => {
  const parent = folder();
  const out = path.join(parent, 'site');
  const DEAD = 999999999; // above any pid_max: no such process
  const live = process.ppid;
  const marked = (name: string) => {
    mkdirSync(path.join(parent, name));
    writeMarker(path.join(parent, name), ROOT);
  };
  for (const kind of ['staging', 'old']) {
    marked(`site.${kind}-${DEAD}`);
    marked(`site.${kind}-${live}`);
  }
  mkdirSync(path.join(parent, `site.vite-${DEAD}`));
  mkdirSync(path.join(parent, `site.vite-${live}`));
  // A user's folders that only look like leftovers.
  marked('site.old-backup');
  mkdirSync(path.join(parent, 'site.old-123456789'));
  writeFileSync(path.join(parent, 'site.old-123456789', 'notes.md'), 'no marker: not ours');
  mkdirSync(path.join(parent, `site.old-${DEAD}0`));
  marked(`other.old-${DEAD}`);
  const removed = sweepLeftovers(out).map((p) => path.basename(p)).sort();
  assert.equal(removed, [`site.old-${DEAD}`, `site.staging-${DEAD}`, `site.vite-${DEAD}`]);
  await until(() => removed.every((n) => !existsSync(path.join(parent, n))));
  for (const n of removed) assert.not.ok(existsSync(path.join(parent, n)), `${n} removed`);
  for (const n of [`site.staging-${live}`, `site.old-${live}`, `site.vite-${live}`, 'site.old-backup', 'site.old-123456789', `site.old-${DEAD}0`, `other.old-${DEAD}`]) {
    assert.ok(existsSync(path.join(parent, n)), `${n} kept`);
  }
  assert.is(readFileSync(path.join(parent, 'site.old-123456789', 'notes.md'), 'utf8'), 'no marker: not ours');
});

test.run();
