// One build, end to end: the pipeline's values, the narrative checked against the facts, the
// site view, and the atomic publish. Used by scripts/build.ts, the benchmark and the site tests.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { checkRecord, compareRecords, isUrl, loadRecord, regressions, urlLabel } from './compare/compare.ts';
import { parseGuard } from './compare/guard.ts';
import { changesView } from './site/changesView.ts';
import { comparisonLine, comparisonMarkdown } from './compare/summary.ts';
import { RECORD_PATH } from './site/record.ts';
import { UserError } from './util/errors.ts';
import { quoted } from './util/quote.ts';
import { InputError } from './types.ts';

/** Exit code of a build stopped by --fail-on-regression (2 is a bad input, 1 a bug). */
export const EXIT_REGRESSION = 3;
import path from 'node:path';
import type { ReportConfig } from './config.ts';
import { runPipeline, type PipelineResult } from './pipeline.ts';
import { exportData } from './data/exportData.ts';
import { exportStages } from './handoff/stages.ts';
import { assembleFromPipeline, downloadText } from './site/assemble.ts';
import { bindContent } from './site/content.ts';
import { publishSite, CONTENT_DIR } from './site/publish.ts';
import { readCohort } from './site/cohortFile.ts';
import { describeUserPages, selectUserPages } from './site/userPages.ts';
import { stageTimer, type StageTimer } from './timing.ts';

export interface BuildOptions {
  /** Project root holding content/, templates/ and node_modules/. */
  root: string;
  /** CI's step-summary file ($GITHUB_STEP_SUMMARY): the comparison is appended to it. */
  stepSummary?: string | null;
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
const INPUT_FLAGS = ['--ratings', '--movies', '--catalog', '--config', '--data', '--stages'];

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

/** `--user-pages` takes a file (a cohort) or a value (`all`, a number), which stays as typed. */
const USER_PAGES_FLAG = '--user-pages';
const notAFile = (value: string) => value === 'all' || /^\s*-?\d+\s*$/.test(value);

/** `argv` with the value of every input-path flag (`--ratings F` or `--ratings=F`) made public. */
function publicInputs(argv: string[], root: string, cwd?: string): string[] {
  const isInput = (flag: string, value: string) => INPUT_FLAGS.includes(flag) || (flag === USER_PAGES_FLAG && !notAFile(value));
  return argv.map((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && isInput(a.slice(0, eq), a.slice(eq + 1))) return `${a.slice(0, eq + 1)}${publicInputPath(a.slice(eq + 1), root, cwd)}`;
    return i > 0 && isInput(argv[i - 1], a) ? publicInputPath(a, root, cwd) : a;
  });
}

/** Flags that say where the bytes go or what they are compared with, not what they are. */
const NOT_REPRODUCED_WITH_VALUE = ['--out', '--compare', '--summary', '--fail-on-regression', '--export-data', '--export-stages'];

/**
 * The command that reproduces a build: the same flags, shell-quoted. The output folder, --force,
 * the exports and the comparison flags are left out: they say where the bytes go or what they are compared
 * with, not what they are, and naming them would make two builds of the same inputs differ
 * (issue 5, reproducibility) or publish a local path (issue 15).
 */
export function reproduceCommand(argv: string[], root = process.cwd(), cwd = process.cwd()): string {
  const quote = (a: string) => (/^[A-Za-z0-9_./:=@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const flags = argv.filter(
    (a, i) =>
      !(a === '--force' || NOT_REPRODUCED_WITH_VALUE.some((f) => a === f || a.startsWith(`${f}=`)) || (i > 0 && NOT_REPRODUCED_WITH_VALUE.includes(argv[i - 1]))),
  );
  const shown = publicInputs(flags, root, cwd);
  return ['npm run build', ...(shown.length > 0 ? ['--', ...shown.map(quote)] : [])].join(' ');
}

/** A summary that cannot be written is a one-line input error, raised before anything is published. */
function writeSummary(write: () => unknown, where: string): void {
  try {
    write();
  } catch (e) {
    throw new InputError(`${where}: cannot write the comparison there (${(e as NodeJS.ErrnoException).code ?? 'error'}); the previous site is left as it was`);
  }
}

export async function buildReport(config: ReportConfig, opts: BuildOptions): Promise<BuildResult> {
  const time = opts.time ?? stageTimer();
  const log = opts.log ?? (() => {});
  // A previous record that cannot be compared fails now, before any work (a tampered file too).
  const previous = config.compare !== null ? await loadRecord(config.compare) : null;
  const guard = config.failOnRegression !== null ? parseGuard(config.failOnRegression) : null;
  // A cohort file is read now, so a bad one fails in milliseconds; its ids are checked once the data is loaded.
  const cohort = config.userPages.kind === 'cohort' ? readCohort(config.userPages.file) : null;
  const pipeline = await runPipeline(config, time);
  const userPages = selectUserPages(pipeline.dataset.users.map((u) => u.id), config.userPages, config.seed, cohort);
  log(`user pages: ${describeUserPages(userPages)}`);
  const counts = [...pipeline.dataset.counts].map(([what, n]) => `${what} ${n.toLocaleString('en-US')}`);
  if (counts.length > 0) log(`data: ${counts.join(', ')}`);
  const content = await time('narrative bindings', async () =>
    bindContent(path.join(opts.root, CONTENT_DIR), opts.root, { pipeline, drafts: config.drafts, pathPrefix: config.pathPrefix }),
  );
  for (const w of content.warnings) log(`warning: ${w.file}:${w.line}: ${w.message}`);
  const site = await time('site data', async () =>
    assembleFromPipeline(pipeline, { warnings: content.warnings, claims: content.claims, generator: generatorName(opts.root), command: reproduceCommand(opts.argv, opts.root), userPages }),
  );
  if (previous !== null) {
    // Compared and guarded before publishing: a regression leaves the previous site as it was.
    const current = checkRecord(JSON.parse(downloadText(site.downloads.get(RECORD_PATH)!)), 'this build');
    const cmp = compareRecords(previous, current);
    const failed = guard ? regressions(cmp, guard) : [];
    const shown = isUrl(config.compare!) ? urlLabel(config.compare!) : publicInputPath(config.compare!, opts.root);
    log(comparisonLine(cmp, shown));
    const markdown = comparisonMarkdown(cmp, { previous: shown, failed });
    site.changes = changesView(cmp, previous, current, { previous: shown, userSlugs: new Map(site.users.map((u) => [u.id, u.slug])) });
    writeSummary(() => config.summary !== null && writeFileSync(config.summary, markdown), `--summary ${quoted(config.summary ?? '')}`);
    writeSummary(() => opts.stepSummary && appendFileSync(opts.stepSummary, `${markdown}\n`), `$GITHUB_STEP_SUMMARY ${quoted(opts.stepSummary ?? '')}`);
    if (failed.length > 0) {
      const what = failed.map((m) => `${m.metric} ${m.old.toFixed(3)} → ${m.new.toFixed(3)} (allowed drop ${guard!.get(m.metric)})`).join(', ');
      throw new UserError(`--fail-on-regression: the published model got worse than ${shown}: ${what}; the previous site is left as it was`, { exitCode: EXIT_REGRESSION });
    }
  }
  const inputs = [config.ratings, config.movies, config.catalog, config.data, config.stages, cohort?.file ?? null].filter((f): f is string => f !== null);
  await publishSite(site, { out: config.out, root: opts.root, force: config.force, inputs, bind: content.bind, slots: content.slots, time, log });
  if (config.exportStages !== null) {
    const written = await time('export stages', () => exportStages(config.exportStages!, pipeline));
    log(`stages exported to ${config.exportStages}: ${written.join(', ')}`);
  }
  if (config.exportData !== null) {
    const written = await time('export data', () => exportData(pipeline.dataset, config.exportData!));
    log(`data exported to ${config.exportData}/csv and ${config.exportData}/parquet: ${written.join(', ')}`);
  }
  const ds = pipeline.dataset;
  const summary =
    `built ${config.out}: ${site.users.length} user pages${site.users.length < ds.users.length ? ` (of ${ds.users.length} users)` : ''}, ${ds.titles.length} titles, ${ds.ratings.length} ratings, ` +
    `${site.charts.size} report charts${content.warnings.length > 0 ? `, ${content.warnings.length} claim warning(s) on /drafts/` : ''}`;
  log(`stages: ${time.stages.map(([s, ms]) => `${s} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
  return { pipeline, stages: time.stages, warnings: content.warnings.length, summary };
}
