// The value every chart module returns, and the one place that wraps chart bodies into a
// standalone, accessible SVG (xmlns, role="img", <title>/<desc>, viewBox sizing, page-unique ids).
//
// Theme choice: charts carry NO background and draw text, axes and outlines in `currentColor`,
// so the page's light or dark theme colours them. Data colours come from ./palette.ts and are
// chosen to stay readable on both a white and a near-black page.

import type { Dataset, EvaluationResult, ModelView } from '../types.ts';
import { escapeHtml } from '../util/html.ts';
import { FONT_FAMILY } from './palette.ts';

export interface Chart {
  /** Fixed id the narrative references (e.g. "genre-popularity"); also prefixes every SVG id. */
  id: string;
  title: string;
  /** Text alternative: what the chart shows, including the key figures (the SVG's <desc>). */
  description: string;
  /**
   * The visible caption: the one finding a reader should take away, in a sentence or two. The
   * full description stays in the SVG for screen readers and behind "Full description" on the
   * page. Without it the description is the caption (the short per-user charts).
   */
  caption?: string;
  /** One standalone-valid <svg> (xmlns, role="img", aria-labelledby → <title> + <desc>), sized by viewBox. */
  svg: string;
  /** The data behind the chart (build/util/csv.ts toCsv). */
  csv: string;
  /** Caveats a reader should see next to the chart (e.g. words the cloud dropped). */
  notes?: string[];
}

/** The stage values a chart is drawn from. */
export interface ChartData {
  dataset: Dataset;
  model: ModelView;
  evaluation: EvaluationResult | null;
}

/**
 * What a chart needs beyond ratings and the model: a chart whose need the data lacks is left out
 * of the build (no device chart without sessions, no comparison without an evaluation).
 */
export type ChartNeed = 'ratings' | 'sessions' | 'evaluation';

export function chartNeedMet(need: ChartNeed, data: { dataset: Dataset; evaluation?: EvaluationResult | null }): boolean {
  if (need === 'sessions') return data.dataset.sessions !== undefined && data.dataset.sessions !== null;
  if (need === 'evaluation') return data.evaluation !== undefined && data.evaluation !== null;
  return true;
}

interface ChartDescriptorBase {
  /** Fixed id: the directive `{{ chart <id> }}`, the anchor `#chart-<id>`, the golden's name. */
  id: string;
  /** A short name for the docs (README's chart list); the rendered chart carries its own title. */
  title: string;
  needs: ChartNeed;
  /**
   * The facts the chart shows, as names or patterns in which `*` stands for one dot-separated
   * segment (`genre.*.viewing_share`). They give the fact catalogue's chart column and the
   * strategy items' "See the chart" links.
   */
  facts: readonly string[];
}

/** A chart of the report's sections, drawn once per build. */
export interface ReportChartDescriptor extends ChartDescriptorBase {
  scope: 'report';
  render(data: ChartData): Chart;
}

/** A chart of every user page: `renderer` builds its indexes once, then draws one user's chart. */
export interface UserChartDescriptor extends ChartDescriptorBase {
  scope: 'user';
  renderer(data: Omit<ChartData, 'evaluation'>): (userId: string) => Chart;
}

/** What each chart module exports for the registry (build/charts/index.ts). */
export type ChartDescriptor = ReportChartDescriptor | UserChartDescriptor;

export interface SvgFrame {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  /** Markup inside the <svg>; every data string in it must already be escaped. */
  body: string;
}

/**
 * How far a chart may grow past its design width to fill a wide column: 1.5 × keeps 11–12 px
 * labels at 16–18 px, still text-sized.
 */
export const MAX_ZOOM = 1.5;

/**
 * Wraps a body into the standalone SVG every chart ships. `width="100%"` plus the viewBox lets
 * the chart fill its column, up to MAX_ZOOM × its design size; `min-width` is the design size, so
 * it is never shrunk below it (its smallest text, 11 px, stays 11 px): on a narrower screen the
 * page's figure scrolls sideways on its own (templates/assets/styles.css `.chart-svg`).
 */
export function standaloneSvg(frame: SvgFrame): string {
  const { id, width, height } = frame;
  const w = round(width);
  const h = round(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
    `viewBox="0 0 ${w} ${h}" width="100%" preserveAspectRatio="xMidYMid meet" ` +
    `style="min-width:${w}px;max-width:${round(w * MAX_ZOOM)}px;height:auto;overflow:visible" ` +
    `font-family="${FONT_FAMILY}" font-size="12" fill="currentColor">` +
    `<title id="${id}-title">${escapeHtml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(frame.description)}</desc>` +
    prefixIds(frame.body, id) +
    `</svg>`
  );
}

/**
 * Renames every id in `markup` to `<prefix>-<n>` (numbered in document order) and rewrites the
 * references to it. Plot numbers its clip paths with a process-wide counter, so without this two
 * charts on one page could collide and the output would depend on render order.
 */
export function prefixIds(markup: string, prefix: string): string {
  const renamed = new Map<string, string>();
  const body = markup.replace(/\sid="([^"]+)"/g, (_m, old: string) => {
    const next = `${prefix}-id${renamed.size + 1}`;
    renamed.set(old, next);
    return ` id="${next}"`;
  });
  if (renamed.size === 0) return body;
  return body.replace(/(url\(#|href="#)([^)"]+)/g, (m, lead: string, old: string) => {
    const next = renamed.get(old);
    return next ? lead + next : m;
  });
}

/** The chart a caller gets when there is nothing to draw: a framed sentence, never a throw. */
export function emptyChart(id: string, title: string, message: string, csv: string): Chart {
  const width = 640;
  const height = 120;
  const body =
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="6" fill="none" stroke="currentColor" stroke-opacity="0.3"/>` +
    `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" dominant-baseline="middle" font-size="16">${escapeHtml(message)}</text>`;
  return { id, title, description: message, svg: standaloneSvg({ id, title, description: message, width, height, body }), csv };
}

/** Coordinates in hand-written SVG: two decimals are plenty and keep the files small and stable. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A number for prose (descriptions, labels): at most `digits` decimals, no trailing zeros. */
export function fmt(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

/** Axis labels longer than `max` characters are cut with an ellipsis (the CSV keeps the full text). */
export function shortLabel(label: string, max = 18): string {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}
