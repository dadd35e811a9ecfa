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
  // User 103 watched most (620 min), most of it on TV.
  assert.match(chart.description, /Top row: User 103, 620 min in all: TV 500, /);
  assertGolden('device-engagement', chart.svg);
});

test("device engagement: the caption's figures are the chart's (issue 12: 'mostly on Tablet (229)' where Mobile had 215)", () => {
  // The case from the issue: the top device holds 41 % of the user's minutes, not most of them.
  const rows = [
    { userId: '107', userLabel: 'User 107', device: 'Mobile', minutes: 215, sessions: 9 },
    { userId: '107', userLabel: 'User 107', device: 'TV', minutes: 80, sessions: 3 },
    { userId: '107', userLabel: 'User 107', device: 'Desktop', minutes: 36, sessions: 2 },
    { userId: '107', userLabel: 'User 107', device: 'Tablet', minutes: 229, sessions: 5 },
    ...userDevices,
  ];
  for (const data of [userDevices, rows]) {
    const chart = renderDeviceEngagement(data, { value: 'minutes', devices: DEVICES });
    assert.not.match(chart.description, /mostly/);
    const m = /Top row: (User \S+), (\d+) min in all: ([^.]+)\./.exec(chart.description);
    assert.ok(m, chart.description);
    const [, label, total, list] = m!;
    const mine = data.filter((r) => r.userLabel === label);
    const totals = new Map<string, number>();
    for (const r of data) totals.set(r.userLabel, (totals.get(r.userLabel) ?? 0) + r.minutes);
    assert.is(Math.max(...totals.values()), totals.get(label), `${label} is the top row`);
    assert.is(Number(total), mine.reduce((s, r) => s + r.minutes, 0));
    const listed = list.split(', ').map((p) => p.split(' '));
    assert.equal(listed.map(([, v]) => Number(v)), mine.map((r) => r.minutes).sort((a, b) => b - a), 'devices, largest first');
    for (const [device, v] of listed) assert.is(mine.find((r) => r.device === device)?.minutes, Number(v), `${device}`);
    // and the cells show the same numbers
    const cells = Array.from(parseSvg(chart.svg).querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
    for (const [, v] of listed) assert.ok(cells.includes(v), `cell ${v}`);
  }
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
