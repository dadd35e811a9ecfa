import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderUserDevices } from '../../build/charts/userDevices.ts';
import { userDeviceMinutes } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

test('user devices: golden, accessible, minutes by device', () => {
  const chart = renderUserDevices(userDeviceMinutes, { userLabel: 'User <b>7</b>' });
  assertStandaloneChart(chart, 'user-devices');
  assert.ok(chart.svg.includes('User &lt;b&gt;7&lt;/b&gt;'));
  assert.match(chart.description, /watched 365 minutes in 8 sessions: TV 240 min \(66%\), Mobile 95 min \(26%\), Tablet 30 min \(8%\)/);
  assertGolden('user-devices', chart.svg);
});

test('user devices: [] says there are no sessions; a user with none says so', () => {
  const none = renderUserDevices([], { userLabel: 'User 1' });
  assertStandaloneChart(none, 'user-devices');
  assert.is(parseSvg(none.svg).querySelector('text')?.textContent, 'No viewing sessions in this data');
  const idle = renderUserDevices([{ device: 'TV', minutes: 0, sessions: 0 }], { userLabel: 'User 1' });
  assert.match(idle.svg, /User 1 has no viewing sessions/);
});

test.run();
