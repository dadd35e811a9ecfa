import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderDeviceEngagement } from '../../build/charts/deviceEngagement.ts';
import { userDevices } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

const DEVICES = ['Mobile', 'TV', 'Desktop', 'Tablet'];

test('device engagement: golden, accessible, one cell per user × device with its value', () => {
  const chart = renderDeviceEngagement(userDevices, { value: 'minutes', devices: DEVICES });
  const doc = assertStandaloneChart(chart, 'device-engagement');
  assert.is(doc.querySelectorAll('g[aria-label="cell"] rect').length, 12);
  const labels = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
  assert.ok(labels.includes('500') && labels.includes('340'));
  // User 103 watched most (620 min), mostly on TV.
  assert.match(chart.description, /Most active: User 103 with 620, mostly on TV \(500\)/);
  assertGolden('device-engagement', chart.svg);
});

test('device engagement: the legend is SVG (no canvas image, no HTML figure)', () => {
  const chart = renderDeviceEngagement(userDevices, { value: 'minutes', devices: DEVICES });
  assert.not.match(chart.svg, /<image|<figure|data:image/);
  assert.match(chart.svg, /viewing minutes<\/text>/);
});

test('device engagement: [] says there are no sessions', () => {
  const chart = renderDeviceEngagement([], { value: 'minutes' });
  assertStandaloneChart(chart, 'device-engagement');
  assert.match(parseSvg(chart.svg).querySelector('text')?.textContent ?? '', /No viewing sessions in this data/);
});

test.run();
