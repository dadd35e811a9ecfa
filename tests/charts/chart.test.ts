import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyChart, prefixIds, standaloneSvg } from '../../build/charts/chart.ts';
import { assertStandaloneChart } from './svgChecks.ts';

test('prefixIds renames ids in order and rewrites url(#…) and href="#…" references', () => {
  const out = prefixIds('<clipPath id="plot-clip-7"/><g clip-path="url(#plot-clip-7)"/><use href="#plot-clip-7"/><text>id="x"</text>', 'c');
  assert.is(out, '<clipPath id="c-id1"/><g clip-path="url(#c-id1)"/><use href="#c-id1"/><text>id="x"</text>');
});

test('standaloneSvg escapes title and description and sizes by viewBox', () => {
  const svg = standaloneSvg({ id: 'x', title: 'A <b>', description: '"><img src=x onerror=alert(1)> described', width: 300.123, height: 100, body: '' });
  assert.ok(svg.includes('<title id="x-title">A &lt;b&gt;</title>'));
  assert.ok(svg.includes('&quot;&gt;&lt;img'));
  assert.ok(svg.includes('viewBox="0 0 300.12 100"'));
  // never shrunk below its design width (text stays ≥ 11 px), grows up to 1.5 ×
  assert.ok(svg.includes('min-width:300.12px;max-width:450.18px'));
});

test('emptyChart is a valid chart carrying its message', () => {
  const chart = emptyChart('device-engagement', 'Devices', 'No viewing sessions in this data', 'a\n');
  assertStandaloneChart(chart, 'device-engagement');
  assert.match(chart.svg, />No viewing sessions in this data</);
});

test.run();
