// Issue 5, item 2: a build that fails late — inside Eleventy's second pass, after Vite has written
// the staging folder — leaves the previous site byte-for-byte intact and no staging folder behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../build/config.ts';
import { runPipeline } from '../../build/pipeline.ts';
import { assembleSite } from '../../build/site/assemble.ts';
import { bindContent } from '../../build/site/content.ts';
import { CONTENT_DIR, publishSite } from '../../build/site/publish.ts';
import { generatorName } from '../../build/buildReport.ts';
import { writeMarker } from '../../build/site/outputFolder.ts';
import { hashTree, leftovers, ROOT, runBuild, treeDiff } from '../cli/run.ts';

/** Runs `f` with what it writes to stdout and stderr (console and warnings included) captured. */
async function capturingOutput(f: () => Promise<void>): Promise<{ output: string }> {
  let output = '';
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((s) => s.write);
  for (const s of streams) {
    s.write = ((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    }) as typeof s.write;
  }
  try {
    await f();
  } finally {
    streams.forEach((s, i) => (s.write = writes[i]));
  }
  return { output };
}

const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
const out = path.join(dir, 'site');
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a failure in the last Eleventy pass keeps the previous site and removes the staging folder', async () => {
  const first = await runBuild(['--out', out]);
  assert.is(first.status, 0, first.stderr);
  const before = hashTree(out);
  assert.is(before.size, 70, "the default case's files, as listed in tests/site/golden/default/");

  // The same stages buildReport runs, with a content binding that fails once pass 1 is done.
  const { config } = resolveConfig(['--out', out, '--drafts'], { cwd: dir });
  const pipeline = await runPipeline(config);
  const content = await bindContent(path.join(ROOT, CONTENT_DIR), ROOT, { pipeline, drafts: config.drafts, pathPrefix: config.pathPrefix });
  const site = assembleSite({
    config,
    dataset: pipeline.dataset,
    model: pipeline.model,
    recommendations: pipeline.recommendations,
    evaluation: pipeline.evaluation,
    charts: pipeline.charts,
    userCharts: pipeline.userCharts,
    matrixDownloads: pipeline.matrixDownloads,
    warnings: content.warnings,
    generator: generatorName(ROOT),
    command: 'npm run build',
  });
  const sections = readdirSync(path.join(ROOT, CONTENT_DIR)).filter((n) => n.endsWith('.md')).length;
  let calls = 0;
  const failLate = (source: string, file: string, line: number) => {
    calls++;
    if (calls > sections) throw new Error('injected failure in the user-pages pass');
    return content.bind(source, file, line);
  };
  let error: unknown;
  // Eleventy logs the error it is about to throw ("[11ty] Problem writing …" and its stack) and
  // its pass summaries: a green run prints no stack, so that output is captured and checked here.
  const { output } = await capturingOutput(async () => {
    try {
      await publishSite(site, { out, root: ROOT, bind: failLate, slots: content.slots });
    } catch (err) {
      error = err;
    }
  });
  assert.ok(!/\n\s+at /.test(output) || output.includes('injected failure'), `a stack printed is the injected failure's:\n${output}`);
  // Eleventy wraps the error; the injected one is somewhere down its originalError/cause chain.
  const chain: string[] = [];
  for (let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined; e && chain.length < 10; e = (e.originalError ?? e.cause) as typeof e) {
    chain.push(String(e.message));
  }
  assert.ok(chain.some((m) => m.includes('injected failure')), chain.join(' <- '));
  assert.ok(calls > sections, 'the failure happened in the second pass, after pass 1 wrote the staging folder');
  assert.equal(treeDiff(before, hashTree(out)), [], 'the previous site is byte-for-byte intact');
  assert.equal(leftovers(out), [], 'no staging, vite or old folders left beside the output');
});

test('a successful rebuild swaps the new site in, and the replaced one goes, also one a dead build left', async () => {
  // A replaced site whose build was killed before deleting it (no process has this pid). It has
  // the marker every site gets: the sweep deletes nothing without it (tests/site/outputFolder.test.ts).
  const stale = `${out}.old-999999999`;
  mkdirSync(stale, { recursive: true });
  writeFileSync(path.join(stale, 'index.html'), 'stale');
  writeMarker(stale, ROOT);
  const rebuilt = await runBuild(['--seed', '7', '--drafts', '--out', out]);
  assert.is(rebuilt.status, 0, rebuilt.stderr);
  assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /--seed 7/, 'the new site is in place');
  // The replaced sites are deleted in the background: wait for that, within reason.
  for (let i = 0; i < 100 && leftovers(out).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(leftovers(out), [], 'the replaced site and the stale one are gone');
});

test.run();
