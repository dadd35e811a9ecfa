// What the dev server shows: the default pipeline from report.config.json (no flags), with
// drafts on so a broken claim shows on /drafts/ instead of stopping the preview, and any other
// content error (front matter, an unknown fact) shown in place of its section.
import { resolveConfig } from '../config.ts';
import { runPipeline } from '../pipeline.ts';
import { assembleFromPipeline, downloadText } from './assemble.ts';
import { readCohort } from './cohortFile.ts';
import { selectUserPages } from './userPages.ts';
import { bindContent } from './content.ts';
import { CLIENT_SOURCE_ASSETS, CONTENT_DIR } from './publish.ts';
import { generatorName } from '../buildReport.ts';
import { checkOutputTarget, writeMarker } from './outputFolder.ts';
import path from 'node:path';
import type { UserError } from '../util/errors.ts';

/** Where `npm run dev` writes (git-ignored): never _site/, which is `npm run build`'s. */
export const DEV_OUTPUT = '.cache/dev-site';

/**
 * The dev server writes into its output folder in place, so the rule of `--out` applies before
 * it writes: missing, empty or marked as ours, else a one-line refusal (no --force here).
 */
export function prepareDevOutput(output: string, root: string): void {
  const { path: folder } = checkOutputTarget(output, { root });
  writeMarker(folder, root);
}

export async function devSite(root: string) {
  const { config } = resolveConfig(process.env.REPORT_FLAGS ? process.env.REPORT_FLAGS.split(/\s+/).filter(Boolean) : []);
  config.drafts = true;
  const cohort = config.userPages.kind === 'cohort' ? readCohort(config.userPages.file) : null;
  const pipeline = await runPipeline(config);
  const userPages = selectUserPages(pipeline.dataset.users.map((u) => u.id), config.userPages, config.seed, cohort);
  // A section that does not build shows its error in the browser, in its place, and one line
  // here, instead of a stack trace and the last good page.
  const onError = (err: UserError) => process.stderr.write(`[dev] error: ${err.message.split('\n')[0]}\n`);
  const content = bindContent(path.join(root, CONTENT_DIR), root, { pipeline, drafts: true, pathPrefix: config.pathPrefix, onError });
  const site = assembleFromPipeline(pipeline, { warnings: content.warnings, claims: content.claims, generator: generatorName(root), command: 'npm run dev', userPages });
  // each download as one string: the dev server renders them as pages
  const downloads = new Map([...site.downloads].map(([rel, d]) => [rel, downloadText(d)]));
  return { site, downloads, bind: content.bind, slots: content.slots, assets: CLIENT_SOURCE_ASSETS };
}
