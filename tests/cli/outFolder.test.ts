// Issue 15 through the real CLI: `--out` replaces only its own output. A folder of someone else's
// files, a file, or the project itself is refused with one line and exit 2 before the pipeline
// runs (no "data:" line), and every byte stays as it was; --force replaces a foreign folder; a
// folder the tool wrote is rebuilt without asking.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashTree, leftovers, pool, runBuild, treeDiff } from './run.ts';
import { MARKER_FILE } from '../../build/site/outputFolder.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'out-folder-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const docs = path.join(dir, 'docs');
mkdirSync(path.join(docs, 'drafts'), { recursive: true });
writeFileSync(path.join(docs, 'notes.md'), '# my notes\n');
writeFileSync(path.join(docs, 'drafts', 'letter.txt'), 'dear …\n');
const notes = path.join(dir, 'notes.txt');
writeFileSync(notes, 'not a folder\n');
const config = path.join(dir, 'force.json');
writeFileSync(config, '{"force": true}');

interface Refusal {
  args: string[];
  message: RegExp;
}
const R = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const refusals: Refusal[] = [
  { args: ['--out', docs], message: new RegExp(`^error: --out ${R(docs)}: the folder is not empty and was not written by this tool \\(no \\.streaming-reco-report\\.json\\); choose another folder, empty it, or pass --force to replace it$`) },
  { args: ['--out', notes], message: new RegExp(`^error: --out ${R(notes)}: is a file; --out names the folder the site is written to$`) },
  { args: ['--out', notes, '--force'], message: /: is a file; / },
  { args: ['--out', '.'], message: /^error: --out \.: refusing to replace a folder that contains the project$/ },
  { args: ['--out', '..', '--force'], message: /^error: --out \.\.: refusing to replace a folder that contains the project$/ },
  { args: ['--out', '/'], message: /^error: --out \/: refusing to replace the file system root$/ },
  { args: ['--out', '.git', '--force'], message: /^error: --out \.git: refusing to write into the project's \.git\/ folder$/ },
  { args: ['--out', 'README.md', '--force'], message: /^error: --out README\.md: is a file; / },
  { args: ['--config', config], message: /force\.json: "force" is a flag only \(--force\), not a setting$/ },
];

test('refused targets: exit 2, one line, before the pipeline, every byte untouched', async () => {
  const before = [hashTree(docs), readFileSync(notes, 'utf8')] as const;
  const results = await pool(refusals, 2, (r) => runBuild(r.args));
  const failures: string[] = [];
  refusals.forEach((r, i) => {
    const { status, stdout, stderr } = results[i];
    const lines = stderr.split('\n').filter((l) => l !== '');
    const name = r.args.join(' ');
    if (status !== 2) failures.push(`${name}: exit ${status}, stderr ${JSON.stringify(stderr)}`);
    else if (lines.length !== 1 || !r.message.test(lines[0])) failures.push(`${name}: stderr ${JSON.stringify(stderr)} does not match ${r.message}`);
    // Refused before the pipeline ran: it would have logged its data counts first.
    else if (stdout !== '') failures.push(`${name}: the build started (stdout ${JSON.stringify(stdout.slice(0, 80))})`);
  });
  assert.equal(failures, []);
  assert.equal(treeDiff(before[0], hashTree(docs)), [], 'the folder of notes is byte-for-byte intact');
  assert.is(readFileSync(notes, 'utf8'), before[1]);
  assert.equal(leftovers(docs), []);
  assert.equal(leftovers(notes), []);
});

test('a second build into the folder the first one wrote replaces it without --force', async () => {
  const out = path.join(dir, 'site');
  const first = await runBuild(['--out', out]);
  assert.is(first.status, 0, first.stderr);
  assert.ok(existsSync(path.join(out, MARKER_FILE)), 'the site carries the marker');
  const second = await runBuild(['--seed', '7', '--out', out]);
  assert.is(second.status, 0, second.stderr);
  assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /--seed 7/);
});

test('--force replaces a folder of someone else\'s files with the site', async () => {
  const result = await runBuild(['--out', docs, '--force']);
  assert.is(result.status, 0, result.stderr);
  assert.ok(existsSync(path.join(docs, 'index.html')) && existsSync(path.join(docs, MARKER_FILE)));
  assert.not.ok(existsSync(path.join(docs, 'notes.md')), 'the replaced files are gone, as --force asked');
  assert.not.match(readFileSync(path.join(docs, 'index.html'), 'utf8'), /--force/, '--force is not part of the reproduce command');
});

test.run();
