// Legends drawn as plain SVG. Plot's own legends either wrap the chart in an HTML <figure> or,
// for continuous scales, paint a canvas image; a stepped (threshold) legend in SVG needs neither
// and keeps every chart a single <svg>.

import * as Plot from '@observablehq/plot';
import { escapeHtml } from '../util/html.ts';
import { round } from './chart.ts';
import { SEQUENTIAL_SCHEME } from './palette.ts';

export interface SteppedScale {
  /** Upper bounds of each colour band except the last (Plot's threshold convention). */
  thresholds: number[];
  colours: string[];
  min: number;
  max: number;
}

/** The smallest of 1, 2, 2.5, 5 × a power of ten that is at least `x`. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12) return m * p;
  return 10 * p;
}

/**
 * Stepped viridis bands of equal width over [min, max]: the step is a nice number and the top
 * edge is rounded up to a whole step, so every band of the legend spans the same range
 * (0–100, 100–200 …, never a last band of 300–363). The same object feeds Plot and the legend.
 */
export function steppedScale(min: number, max: number, bands = 5, integer = false): SteppedScale {
  const span = max > min ? max - min : 1;
  let step = niceStep(span / bands);
  if (integer) step = Math.max(1, Math.ceil(step));
  const n = Math.max(1, Math.ceil(span / step - 1e-9));
  const thresholds = Array.from({ length: n - 1 }, (_, i) => Number((min + step * (i + 1)).toFixed(10)));
  const top = Number((min + step * n).toFixed(10));
  const scale = Plot.scale({ color: { type: 'quantize', scheme: SEQUENTIAL_SCHEME, n, domain: [min, top] } });
  return { thresholds, colours: (scale.range ?? []) as string[], min, max: top };
}

/** Plot colour options for a stepped scale. */
export function plotColour(scale: SteppedScale): Plot.ScaleOptions {
  return { type: 'threshold', domain: scale.thresholds, range: scale.colours };
}

/** The colour a value gets, for choosing readable text on top of a cell. */
export function colourOf(scale: SteppedScale, value: number): string {
  let i = 0;
  while (i < scale.thresholds.length && value >= scale.thresholds[i]) i++;
  return scale.colours[i];
}

/** Dark or light text for a filled cell (viridis: the upper bands are light). */
export function textOn(scale: SteppedScale, value: number): string {
  const hex = colourOf(scale, value).replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.45 ? '#111111' : '#ffffff';
}

/** A row of colour swatches with the band edges written under the joins, and a label above. */
export function steppedLegend(scale: SteppedScale, at: { x: number; y: number; width: number; label: string; format: (v: number) => string }): string {
  const n = scale.colours.length;
  const w = at.width / n;
  let out = `<g transform="translate(${round(at.x)},${round(at.y)})" font-size="11">`;
  out += `<text x="0" y="0" font-weight="600">${escapeHtml(at.label)}</text>`;
  scale.colours.forEach((colour, i) => {
    out += `<rect x="${round(i * w)}" y="6" width="${round(w)}" height="10" fill="${colour}"/>`;
  });
  const edges = [scale.min, ...scale.thresholds, scale.max];
  edges.forEach((edge, i) => {
    out += `<text x="${round(i * w)}" y="30" text-anchor="middle" font-variant="tabular-nums">${escapeHtml(at.format(edge))}</text>`;
  });
  return out + '</g>';
}

/** Height steppedLegend occupies, for laying out the chart under it. */
export const STEPPED_LEGEND_HEIGHT = 44;
