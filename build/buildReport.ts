// One build, end to end: the pipeline's values, the narrative checked against the facts, the
// site view, and the atomic publish. Used by scripts/build.ts, the benchmark and the site tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportConfig } from './config.ts';
import { runPipeline, type PipelineResult } from './pipeline.ts';
import { assembleFromPipeline } from './site/assemble.ts';
import { bindContent } from './site/content.ts';
import { publishSite, CONTENT_DIR } from './site/publish.ts';
import { stageTimer, type StageTimer } from './timing.ts';

export interface BuildOptions {
  /** Project root holding content/, templates/ and node_modules/. */
  root: string;
  /** The flags as given, for the "reproduce" line. */
  argv: string[];
  log?: (line: string) => void;
  time?: StageTimer;
}

export interface BuildResult {
  pipeline: PipelineResult;
  stages: [string, number][];
  warnings: number;
  summary: string;
}

export function generatorName(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

/** Flags whose value is an input file: published relative to the project, or by base name only. */
const INPUT_FLAGS = ['--ratings', '--movies', '--catalog', '--config'];

/**
 * An input path as the published page may show it: relative to the project root when inside it,
 * otherwise its base name only, so a page never reveals the builder's folders (issue 15).
 */
export function publicInputPath(file: string, root: string, cwd = process.cwd()): string {
  const full = path.resolve(cwd, file);
  const rel = path.relative(path.resolve(root), full);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return inside ? rel.split(path.sep).join('/') : path.basename(full);
}

/** `argv` with the value of every input-path flag (`--ratings F` or `--ratings=F`) made public. */
function publicInputs(argv: string[], root: string, cwd?: string): string[] {
  return argv.map((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && INPUT_FLAGS.includes(a.slice(0, eq))) return `${a.slice(0, eq + 1)}${publicInputPath(a.slice(eq + 1), root, cwd)}`;
    return i > 0 && INPUT_FLAGS.includes(argv[i - 1]) ? publicInputPath(a, root, cwd) : a;
  });
}

/**
 * The command that reproduces a build: the same flags, shell-quoted. The output folder and
 * --force are left out: they say where the bytes go, not what they are, and naming them would
 * make two builds of the same inputs into two folders differ (issue 5, reproducibility).
 */
export function reproduceCommand(argv: string[], root = process.cwd(), cwd = process.cwd()): string {
  const quote = (a: string) => (/^[A-Za-z0-9_./:=@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const flags = argv.filter((a, i) => !(a === '--out' || a === '--force' || a.startsWith('--out=') || (i > 0 && argv[i - 1] === '--out')));
  const shown = publicInputs(flags, root, cwd);
  return ['npm run build', ...(shown.length > 0 ? ['--', ...shown.map(quote)] : [])].join(' ');
}

export async function buildReport(config: ReportConfig, opts: BuildOptions): Promise<BuildResult> {
  const time = opts.time ?? stageTimer();
  const log = opts.log ?? (() => {});
  const pipeline = await runPipeline(config, time);
  const counts = [...pipeline.dataset.counts].map(([what, n]) => `${what} ${n.toLocaleString('en-US')}`);
  if (counts.length > 0) log(`data: ${counts.join(', ')}`);
  const content = await time('narrative bindings', async () =>
    bindContent(path.join(opts.root, CONTENT_DIR), opts.root, { pipeline, drafts: config.drafts, pathPrefix: config.pathPrefix }),
  );
  for (const w of content.warnings) log(`warning: ${w.file}:${w.line}: ${w.message}`);
  const site = await time('site data', async () =>
    assembleFromPipeline(pipeline, { warnings: content.warnings, generator: generatorName(opts.root), command: reproduceCommand(opts.argv, opts.root) }),
  );
  const inputs = [config.ratings, config.movies, config.catalog].filter((f): f is string => f !== null);
  await publishSite(site, { out: config.out, root: opts.root, force: config.force, inputs, bind: content.bind, slots: content.slots, time, log });
  const ds = pipeline.dataset;
  const summary =
    `built ${config.out}: ${ds.users.length} user pages, ${ds.titles.length} titles, ${ds.ratings.length} ratings, ` +
    `${site.charts.size} report charts${content.warnings.length > 0 ? `, ${content.warnings.length} claim warning(s) on /drafts/` : ''}`;
  log(`stages: ${time.stages.map(([s, ms]) => `${s} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
  return { pipeline, stages: time.stages, warnings: content.warnings.length, summary };
}
