// The narrative stage's entry (after charts: it places them). Content bindings: turns an editor's Markdown with directives into plain Markdown, before
// marked renders it (an Eleventy preprocessor; Liquid/Nunjucks stay off for content). What a
// binding shows never enters the Markdown: it becomes a placeholder whose HTML is put in after
// marked ran (build/insights/slots.ts), so no string from data is ever parsed as Markdown or HTML. The
// syntax, documented for editors in the README's editor guide:
//
//   {{ top_genre }}                     a fact, in its kind's default format
//   {{ top_genre_share | percent:1 }}   … in a named format (percent, number, integer, rating,
//                                        list, title, text; decimals after ":")
//   {{ chart genre-popularity }}        a chart, alone on its line
//   {{ strategy acquisition-gap }}      a generated strategic recommendation, alone on its line
//   {{ strategy cold-start headline }}  … or just its headline / body / figure, inline
//   {{ strategies }}                    every generated recommendation, alone on its line
//   {% claim COND %}…{% endclaim %}     text that is only true while COND holds (condition.ts)
//   {% if COND %}…{% elif COND %}…{% else %}…{% endif %}   text shown only when COND holds
//   \{{  \{%                            a literal "{{" / "{%"
//
// The whole file is checked, including branches not shown for this data, so a typo fails
// every build, not just the one whose data takes that branch. Every error is one line naming
// file:line (line numbers count from the top of the file, front matter included: the caller
// passes `firstLine`, the 1-based line the body starts on).
import type { FactCatalogue } from '../insights/catalogue.ts';
import { InsightError } from '../insights/insightError.ts';
import { SlotTable } from '../insights/slots.ts';
import { parse } from './parse.ts';
import { render } from './render.ts';

export interface BindContext {
  facts: FactCatalogue;
  /** Chart id → ready HTML (a figure whose id is `chart-<id>`, or it is wrapped in one). */
  charts: Map<string, string>;
  /** Failed claims become warnings (and are marked in the text) instead of errors. */
  drafts: boolean;
  /** 1-based line of the file on which `source` starts (after front matter); default 1. */
  firstLine?: number;
  /** Where bindings keep their HTML until marked has run; a new table when not given. */
  slots?: SlotTable;
}

export interface ClaimWarning {
  file: string;
  line: number;
  /** The condition as written. */
  claim: string;
  /** "top_genre is "Crime"": the values that made it fail. */
  actual: string;
  /** One line without file:line, e.g. `claim no longer holds: top_genre == "Drama" (top_genre is "Crime")`. */
  message: string;
}

/** A claim the data's branches reached, and whether it held: the record keeps these (issue 16). */
export interface ClaimOutcome {
  file: string;
  line: number;
  /** The condition as written. */
  claim: string;
  holds: boolean;
}

export { InsightError };

export interface BoundMarkdown {
  /** Markdown in which every binding is a placeholder. */
  markdown: string;
  warnings: ClaimWarning[];
  claims: ClaimOutcome[];
  /** Resolves the placeholders once marked has rendered `markdown`. */
  slots: SlotTable;
}

export function bindMarkdown(source: string, file: string, ctx: BindContext): BoundMarkdown {
  const first = ctx.firstLine ?? 1;
  const lineAt = (offset: number): number => {
    let n = first;
    for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) n++;
    return n;
  };
  const fail = (line: number, detail: string): never => {
    throw new InsightError(file, line, detail);
  };
  const nodes = parse(source, ctx, lineAt, fail);
  const warnings: ClaimWarning[] = [];
  const claims: ClaimOutcome[] = [];
  const slots = ctx.slots ?? new SlotTable();
  const markdown = render(nodes, { ...ctx, slots, file, warnings, claims, fail });
  return { markdown, warnings, claims, slots };
}

export { strategyHtml } from './render.ts';
