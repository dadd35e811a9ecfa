// The narrative checked against the data before Eleventy runs: every content/*.md file is bound
// (facts, claims, charts) once, so an unknown fact or a claim the data no longer supports fails
// the build early with file and line, and --drafts warnings are known before any page renders.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bindMarkdown, type ClaimWarning } from '../narrative/bind.ts';
import { SlotTable } from '../insights/slots.ts';
import type { PipelineResult } from '../pipeline.ts';
import { chartFigure } from '../../templates/chart.ts';
import { chartView } from './assemble.ts';
import type { SiteView } from '../../templates/view.ts';

export interface BoundContent {
  warnings: SiteView['warnings'];
  /** For the Eleventy preprocessor: the bound Markdown of a file (re-bound when it changed). */
  bind: (source: string, file: string, bodyLine: number) => string;
  /** The HTML of every binding, for the Markdown library to put in after rendering. */
  slots: SlotTable;
}

/** Splits off YAML front matter; returns the body and the 1-based line it starts on. */
export function splitFrontMatter(text: string): { body: string; bodyLine: number } {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? { body: text.slice(m[0].length), bodyLine: m[0].split('\n').length } : { body: text, bodyLine: 1 };
}

export function bindContent(
  dir: string,
  root: string,
  opts: { pipeline: PipelineResult; drafts: boolean; pathPrefix: string },
): BoundContent {
  const charts = new Map(
    opts.pipeline.charts.map((c) => [c.id, chartFigure({ pathPrefix: opts.pathPrefix }, chartView(c)).value]),
  );
  const slots = new SlotTable();
  const ctx = { facts: opts.pipeline.facts, charts, drafts: opts.drafts, slots };
  const cache = new Map<string, string>();
  const warnings: SiteView['warnings'] = [];
  const bindOne = (body: string, file: string, bodyLine: number): { markdown: string; warnings: ClaimWarning[] } =>
    bindMarkdown(body, file, { ...ctx, firstLine: bodyLine });
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const full = path.join(dir, name);
    const file = path.relative(root, full);
    const { body, bodyLine } = splitFrontMatter(readFileSync(full, 'utf8'));
    const result = bindOne(body, file, bodyLine);
    cache.set(`${file}\0${body}`, result.markdown);
    for (const w of result.warnings) warnings.push({ file: w.file, line: w.line, message: w.message });
  }
  return {
    warnings,
    slots,
    bind(source, file, bodyLine) {
      const hit = cache.get(`${file}\0${source}`);
      if (hit !== undefined) return hit;
      // The dev server re-renders edited files: bind them afresh (errors surface in its log).
      const result = bindOne(source, file, bodyLine);
      cache.set(`${file}\0${source}`, result.markdown);
      return result.markdown;
    },
  };
}
