// A small labelled horizontal bar list drawn as a plain SVG string. The per-user charts use it
// instead of Plot because they run once per user page (10,000 at scale): a Plot render through
// jsdom costs milliseconds, this costs microseconds (figures in tests/charts/README.md).

import { escapeHtml } from '../util/html.ts';
import { maxOf } from '../util/numbers.ts';
import { round, standaloneSvg } from './chart.ts';
import { ACCENT } from './palette.ts';

export interface Bar {
  label: string;
  value: number;
  /** Text written after the bar, e.g. "42%" or "120 min". */
  valueLabel: string;
  /** Bar colour (defaults to the accent). */
  colour?: string;
  /** The genre the bar stands for, written as data-genre (genre colours are checked by tests). */
  genre?: string;
  /** Hover text; defaults to "label: valueLabel". */
  detail?: string;
}

export interface BarListFrame {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  /** Value drawn as a full-length bar (defaults to the largest value). */
  max?: number;
  width?: number;
}

const ROW = 24;
const BAR = 16;
const PAD_TOP = 8;
const CHAR_WIDTH = 6.6; // Inter 12 px averages ≈ 6.6 px per character; labels longer than the column are cut.
const MAX_LABEL_CHARS = 22;

function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? label.slice(0, MAX_LABEL_CHARS - 1) + '…' : label;
}

export function barListSvg(frame: BarListFrame): string {
  // 340 px: a 375 px phone's column holds it unscaled (no sideways scroll on user pages).
  const width = frame.width ?? 340;
  const longest = maxOf(frame.bars.map((b) => shortLabel(b.label).length), 4);
  const labelWidth = Math.min(MAX_LABEL_CHARS * CHAR_WIDTH, longest * CHAR_WIDTH) + 8;
  const valueWidth = 64;
  const barSpace = width - labelWidth - valueWidth;
  const max = frame.max ?? maxOf(frame.bars.map((b) => b.value), 0);
  const height = PAD_TOP * 2 + frame.bars.length * ROW;
  let body = '';
  frame.bars.forEach((bar, i) => {
    const y = PAD_TOP + i * ROW;
    const length = max > 0 ? Math.max(0, (bar.value / max) * barSpace) : 0;
    body +=
      `<g transform="translate(0,${y})"><title>${escapeHtml(bar.detail ?? `${bar.label}: ${bar.valueLabel}`)}</title>` +
      `<text x="${round(labelWidth - 8)}" y="${ROW / 2}" dy="0.32em" text-anchor="end">${escapeHtml(shortLabel(bar.label))}</text>` +
      `<rect x="${round(labelWidth)}" y="${(ROW - BAR) / 2}" width="${round(length)}" height="${BAR}" rx="2" fill="${bar.colour ?? ACCENT}"${bar.genre !== undefined ? ` data-genre="${escapeHtml(bar.genre)}"` : ''}/>` +
      `<text x="${round(labelWidth + length + 6)}" y="${ROW / 2}" dy="0.32em" font-variant="tabular-nums">${escapeHtml(bar.valueLabel)}</text></g>`;
  });
  body += `<line x1="${round(labelWidth)}" x2="${round(labelWidth)}" y1="${PAD_TOP / 2}" y2="${height - PAD_TOP / 2}" stroke="currentColor" stroke-opacity="0.4"/>`;
  return standaloneSvg({ id: frame.id, title: frame.title, description: frame.description, width, height, body });
}
