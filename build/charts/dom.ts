// The one server-side DOM every Plot render shares (a JSDOM costs 100–500 ms to create; a render
// costs a few ms), plus the canvas and font set-up that text measurement needs.
//
// - jsdom has no canvas: `getContext` is patched to @napi-rs/canvas so anything that measures or
//   rasterises (Plot's continuous legends, d3-cloud) gets a working 2D context.
// - With no font registered, measureText returns 0 and d3-cloud silently places one word. We
//   register Inter from @fontsource/inter — the same files the site serves — so what we measure is
//   what the reader sees.

import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import * as Plot from '@observablehq/plot';

const require = createRequire(import.meta.url);

/** Weights the charts use; the site must serve the same @fontsource/inter weights. */
export const INTER_WEIGHTS = [400, 600] as const;

let fontsRegistered = false;

/** Registers Inter (latin 400 and 600, woff2) with @napi-rs/canvas once per process. */
export function ensureFonts(): void {
  if (fontsRegistered) return;
  for (const weight of INTER_WEIGHTS) {
    const file = require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff2`);
    const key = GlobalFonts.registerFromPath(file, 'Inter');
    if (!key) throw new Error(`could not register font ${file} with @napi-rs/canvas`);
  }
  fontsRegistered = true;
}

let shared: JSDOM | null = null;

/** The shared document, created on first use. */
export function sharedDocument(): Document {
  if (!shared) {
    ensureFonts();
    shared = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: false });
    const proto = shared.window.HTMLCanvasElement.prototype as unknown as { getContext: (this: HTMLCanvasElement, type: string) => unknown };
    proto.getContext = function getContext(this: HTMLCanvasElement, type: string) {
      if (type !== '2d') return null;
      return createCanvas(this.width || 300, this.height || 150).getContext('2d');
    };
  }
  return shared.window.document;
}

export interface PlotPlacement {
  x?: number;
  y?: number;
}

const SVG_NS_ATTR = ' xmlns="http://www.w3.org/2000/svg"';

/**
 * Renders Plot options with the shared document and returns the plot as a `<g>` string (plus its
 * size) ready to place inside a chart frame (chart.ts standaloneSvg). Plot's own root <svg>, its
 * class and <style> are dropped: a nested <svg> with Plot's `height: auto` CSS sizes unreliably
 * inside another SVG, and the frame already sets font, colour and sizing.
 * Plot returns a <figure> when it draws a title or a legend; chart modules never ask for those
 * (they draw legends as SVG themselves), so a figure here is a programming error.
 */
export function renderPlot(options: Plot.PlotOptions, placement: PlotPlacement = {}): { body: string; width: number; height: number } {
  const document = sharedDocument();
  const node = Plot.plot({ ...options, document }) as Element;
  if (node.tagName.toLowerCase() !== 'svg') {
    throw new Error(`renderPlot: expected an <svg>, Plot returned <${node.tagName.toLowerCase()}> (titles and legends are drawn by the chart module)`);
  }
  const width = Number(node.getAttribute('width'));
  const height = Number(node.getAttribute('height'));
  // XMLSerializer (not outerHTML) so SVG-only syntax survives; it writes xmlns on each top-level
  // child, which the frame already declares, so that attribute is removed again.
  const serializer = new (document.defaultView as unknown as { XMLSerializer: typeof XMLSerializer }).XMLSerializer();
  let inner = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeName.toLowerCase() === 'style') continue;
    inner += serializer.serializeToString(child).split(SVG_NS_ATTR).join('');
  }
  const translate = placement.x || placement.y ? ` transform="translate(${placement.x ?? 0},${placement.y ?? 0})"` : '';
  const body = `<g text-anchor="middle" font-size="11"${translate}>${inner}</g>`;
  return { body, width, height };
}
