import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as Plot from '@observablehq/plot';
import { createCanvas } from '@napi-rs/canvas';
import { ensureFonts, renderPlot, sharedDocument } from '../../build/charts/dom.ts';

test('one shared document for every render', () => {
  assert.is(sharedDocument(), sharedDocument());
});

test('Inter is registered: text measures with real widths, wider text measures wider', () => {
  ensureFonts();
  const ctx = createCanvas(10, 10).getContext('2d');
  ctx.font = '600 20px Inter';
  const short = ctx.measureText('Drama').width;
  const long = ctx.measureText('Documentary films').width;
  assert.ok(short > 20, `measured ${short}`);
  assert.ok(long > short * 2);
});

test("jsdom canvases get a working 2D context (@napi-rs/canvas)", () => {
  const canvas = sharedDocument().createElement('canvas');
  const ctx = canvas.getContext('2d');
  assert.ok(ctx && typeof ctx.measureText === 'function');
});

test('renderPlot returns a <g> without Plot style/class, and data text escaped', () => {
  const { body, width, height } = renderPlot({ width: 300, height: 100, marks: [Plot.text([{ t: '<b>&' }], { text: 't', x: () => 1 })] });
  assert.is(width, 300);
  assert.is(height, 100);
  assert.ok(body.startsWith('<g '));
  assert.not.match(body, /<style|class="plot|xmlns=/);
  assert.ok(body.includes('&lt;b&gt;&amp;'));
});

test('renderPlot refuses a <figure> (titles and legends are the chart module’s job)', () => {
  assert.throws(() => renderPlot({ title: 'x', marks: [Plot.dot([1], { x: (d: number) => d })] }), /expected an <svg>, Plot returned <figure>/);
});

test.run();
