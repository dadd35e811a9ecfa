// The narrative checked against the data before Eleventy runs: every content/*.md file is bound
// (facts, claims, charts) once, so an unknown fact or a claim the data no longer supports fails
// the build early with file and line, and --drafts warnings are known before any page renders.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { escapeHtml } from '../util/html.ts';
import { checkSections, readFrontMatter, splitFrontMatter, type SectionMeta } from './frontMatter.ts';
import { bindMarkdown, type ClaimOutcome, type ClaimWarning } from '../narrative/bind.ts';
import { SlotTable } from '../insights/slots.ts';
import type { PipelineResult } from '../pipeline.ts';
import { chartView } from './assemble.ts';
import { chartFigure, type SiteView } from '../../templates/index.ts';

export interface BoundContent {
  warnings: SiteView['warnings'];
  /** Every claim the build's branches reached, in file order, with whether it held. */
  claims: ClaimOutcome[];
  /** For the Eleventy preprocessor: the bound Markdown of a file (re-bound when it changed). */
  bind: (source: string, file: string, bodyLine: number) => string;
  /** The HTML of every binding, for the Markdown library to put in after rendering. */
  slots: SlotTable;
}

export { splitFrontMatter } from './frontMatter.ts';

export function bindContent(
  dir: string,
  root: string,
  opts: {
    pipeline: PipelineResult;
    drafts: boolean;
    pathPrefix: string;
    /**
     * The dev server: a user error in a file (front matter, an unknown fact, a failed claim)
     * becomes a readable error box in place of that section, and is passed here (to print one
     * line), instead of stopping the server. Unset (the build): the error is thrown.
     */
    onError?: (err: UserError) => void;
  },
): BoundContent {
  const charts = new Map(
    opts.pipeline.charts.map((c) => [c.id, chartFigure({ pathPrefix: opts.pathPrefix }, chartView(c)).value]),
  );
  const slots = new SlotTable();
  const ctx = { facts: opts.pipeline.facts, charts, drafts: opts.drafts, slots };
  const cache = new Map<string, string>();
  const warnings: SiteView['warnings'] = [];
  const claims: ClaimOutcome[] = [];
  const bindOne = (body: string, file: string, bodyLine: number): { markdown: string; warnings: ClaimWarning[]; claims: ClaimOutcome[] } =>
    bindMarkdown(body, file, { ...ctx, firstLine: bodyLine });
  const sections = new Map<string, SectionMeta>();
  /** In the dev server, a user error becomes the section's content; elsewhere it is thrown. */
  const guarded = (file: string, make: () => string): string => {
    try {
      return make();
    } catch (err) {
      if (!opts.onError || !(err instanceof UserError)) throw err;
      opts.onError(err);
      return slots.block(errorBox(err), err.message, file, 1);
    }
  };
  const names = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  for (const name of names) {
    const full = path.join(dir, name);
    const file = path.relative(root, full);
    const text = readFileSync(full, 'utf8');
    const { body, bodyLine } = splitFrontMatter(text);
    // An error box is not cached: each render checks again, so the fixed file shows at once.
    guarded(file, () => {
      sections.set(file, readFrontMatter(text, file));
      const result = bindOne(body, file, bodyLine);
      for (const w of result.warnings) warnings.push({ file: w.file, line: w.line, message: w.message });
      for (const c of result.claims) claims.push(c);
      cache.set(`${file}\0${body}`, result.markdown);
      return result.markdown;
    });
  }
  guarded('', () => (checkSections([...sections.values()]), ''));
  return {
    warnings,
    claims,
    slots,
    bind(source, file, bodyLine) {
      const hit = cache.get(`${file}\0${source}`);
      if (hit !== undefined) return hit;
      // The dev server re-renders edited files: check and bind them afresh. An error is not
      // cached, so saving the fixed file shows the section again.
      return guarded(file, () => {
        sections.set(file, readFrontMatter(readFileSync(path.resolve(root, file), 'utf8'), file));
        checkSections([...sections.values()]);
        const markdown = bindOne(source, file, bodyLine).markdown;
        cache.set(`${file}\0${source}`, markdown);
        return markdown;
      });
    },
  };
}

/** What the dev server shows in place of a section that does not build. */
function errorBox(err: UserError): string {
  return (
    `<div class="build-error" role="alert"><p><strong>This section does not build.</strong> ` +
    `Fix the file and save it: the page reloads.</p><pre>${escapeHtml(err.message)}</pre></div>`
  );
}
