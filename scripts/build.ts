// `npm run build`: flags → pipeline → site → _site/ (atomically). Thin on purpose: the logic
// lives in build/.
import { helpText, resolveConfig } from '../build/config.ts';
import { checkOutputTarget } from '../build/site/outputFolder.ts';
import { writeFileSync } from 'node:fs';
import { runCli } from './cli.ts';

await runCli(async () => {
  const { config, help } = resolveConfig(process.argv.slice(2));
  if (help) {
    process.stdout.write(helpText('npm run build --'));
    return;
  }
  // A target the build may not replace fails now, in milliseconds, not after the whole pipeline
  // (publishSite checks again just before its swap: the folder may change meanwhile).
  const cohort = config.userPages.kind === 'cohort' ? config.userPages.file : null;
  const inputs = [config.ratings, config.movies, config.catalog, config.data, cohort].filter((f): f is string => f !== null);
  checkOutputTarget(config.out, { root: process.cwd(), force: config.force, inputs });
  // Loaded after the flags are checked: Eleventy, Vite and jsdom take seconds to import, and a
  // bad flag should fail at once.
  const { buildReport } = await import('../build/buildReport.ts');
  const result = await buildReport(config, {
    root: process.cwd(),
    argv: process.argv.slice(2),
    log: (l) => process.stdout.write(`${l}\n`),
    stepSummary: process.env.GITHUB_STEP_SUMMARY || null,
  });
  process.stdout.write(`${result.summary}\n`);
  // For `npm run bench`, which runs builds as child processes and reads their stage timings.
  if (process.env.REPORT_TIMINGS_FILE) {
    writeFileSync(process.env.REPORT_TIMINGS_FILE, JSON.stringify({ stages: result.stages, maxRssKB: process.resourceUsage().maxRSS }));
  }
});
