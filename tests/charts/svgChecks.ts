// Checks every chart must pass: one well-formed standalone <svg>, accessible name and
// description wired up, sized by viewBox, no markup from data left unescaped.

import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import type { Chart } from '../../build/charts/chart.ts';

let parser: DOMParser | null = null;

export function parseSvg(svg: string): Document {
  parser ??= new new JSDOM('').window.DOMParser();
  return parser.parseFromString(svg, 'image/svg+xml');
}

export function assertStandaloneChart(chart: Chart, expectedId: string): Document {
  assert.is(chart.id, expectedId);
  assert.ok(chart.title.length > 0, 'title');
  assert.ok(chart.description.length > 20, 'description says something');
  assert.ok(chart.csv.split('\n').length >= 2, 'csv has a header');
  const doc = parseSvg(chart.svg);
  assert.is(doc.getElementsByTagName('parsererror').length, 0, 'well-formed XML');
  const root = doc.documentElement;
  assert.is(root.tagName, 'svg');
  assert.is(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
  assert.is(root.getAttribute('role'), 'img');
  assert.match(root.getAttribute('viewBox') ?? '', /^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  assert.is(root.getAttribute('width'), '100%');
  assert.not.ok(root.hasAttribute('height'), 'no fixed height: scales with its width');
  const labelled = (root.getAttribute('aria-labelledby') ?? '').split(' ');
  assert.is(labelled.length, 2);
  const [titleEl, descEl] = labelled.map((id) => doc.getElementById(id));
  assert.is(titleEl?.tagName, 'title');
  assert.is(titleEl?.textContent, chart.title);
  assert.is(descEl?.tagName, 'desc');
  assert.is(descEl?.textContent, chart.description);
  for (const el of Array.from(doc.querySelectorAll('[id]'))) {
    assert.ok(el.id.startsWith(`${expectedId}-`), `id ${el.id} is prefixed with the chart id`);
  }
  assert.is(doc.getElementsByTagName('script').length, 0, 'no <script> element');
  assert.is(doc.getElementsByTagName('img').length, 0, 'no <img> element');
  assert.is(doc.getElementsByTagName('foreignObject').length, 0);
  return doc;
}

/** The data string shows up as text (escaped in the source), never as markup. */
export function assertEscapedText(chart: Chart, text: string): void {
  const doc = parseSvg(chart.svg);
  const found = Array.from(doc.querySelectorAll('text, title, desc')).some((el) => (el.textContent ?? '').includes(text.slice(0, 12)));
  assert.ok(found, `"${text}" appears as text`);
  assert.not.ok(chart.svg.includes(text), 'raw string is not in the SVG source');
}
