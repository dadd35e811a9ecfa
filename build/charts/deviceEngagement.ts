// Heatmap of the most active users × device, each cell the user's viewing minutes (or
// sessions) on that device, with its value written in the cell so colour is never the only cue.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { emptyChart, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { STEPPED_LEGEND_HEIGHT, plotColour, steppedLegend, steppedScale, textOn } from './legend.ts';
import { DEVICES } from '../types.ts';
import { userDeviceRows } from './reportCharts.ts';
import { formatCount, formatPercent, maxOf, plural } from '../util/numbers.ts';

export interface UserDeviceRow {
  userId: string;
  userLabel: string;
  device: string;
  minutes: number;
  sessions: number;
}

export interface DeviceEngagementOptions {
  value: 'minutes' | 'sessions';
  /** Column order (e.g. DEVICES from build/types.ts); devices not listed follow by name. */
  devices?: readonly string[];
  width?: number;
}

export const DEVICE_ENGAGEMENT_ID = 'device-engagement';

export function renderDeviceEngagement(rows: UserDeviceRow[], options: DeviceEngagementOptions): Chart {
  const id = DEVICE_ENGAGEMENT_ID;
  const measure = options.value === 'minutes' ? 'viewing minutes' : 'viewing sessions';
  const title = `Top users by device (${measure})`;
  const csv = toCsv(rows, [
    { name: 'user_id', value: (r) => r.userId },
    { name: 'device', value: (r) => r.device },
    { name: 'minutes', value: (r) => r.minutes },
    { name: 'sessions', value: (r) => r.sessions },
  ]);
  if (rows.length === 0) return emptyChart(id, title, 'No viewing sessions in this data', csv);

  const value = (r: UserDeviceRow): number => r[options.value];
  const totals = new Map<string, { label: string; total: number }>();
  const deviceTotals = new Map<string, number>();
  for (const r of rows) {
    const t = totals.get(r.userId) ?? { label: r.userLabel, total: 0 };
    t.total += value(r);
    totals.set(r.userId, t);
    deviceTotals.set(r.device, (deviceTotals.get(r.device) ?? 0) + value(r));
  }
  const users = [...totals.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1));
  const listed = options.devices ?? [];
  const devices = [...listed.filter((d) => deviceTotals.has(d)), ...[...deviceTotals.keys()].filter((d) => !listed.includes(d)).sort()];
  const labelOf = new Map(users.map(([uid, t]) => [uid, t.label]));
  const max = maxOf(rows.map(value));
  const scale = steppedScale(0, max, 5, true);
  const width = options.width ?? 560;
  const plot = renderPlot(
    {
      width,
      height: 50 + users.length * 26,
      marginLeft: 90,
      marginTop: 30,
      x: { label: null, domain: devices, axis: 'top' },
      y: { label: null, domain: users.map(([uid]) => uid), tickFormat: (uid: string) => labelOf.get(uid) ?? uid },
      color: plotColour(scale),
      marks: [
        Plot.cell(rows, { x: 'device', y: 'userId', fill: value, inset: 1, title: (r: UserDeviceRow) => `${r.userLabel} on ${r.device}: ${formatCount(r.minutes)} min, ${plural(r.sessions, 'session')}` }),
        Plot.text(rows, { x: 'device', y: 'userId', text: (r: UserDeviceRow) => String(Math.round(value(r))), fill: (r: UserDeviceRow) => textOn(scale, value(r)), fontVariant: 'tabular-nums' }),
      ],
    },
    { y: STEPPED_LEGEND_HEIGHT },
  );
  const legend = steppedLegend(scale, { x: 90, y: 12, width: Math.min(300, width - 110), label: measure, format: (v) => String(Math.round(v)) });
  const [topId, top] = users[0];
  const unit = options.value === 'minutes' ? 'min' : 'sessions';
  const topDevices = rows
    .filter((r) => r.userId === topId)
    .sort((a, b) => value(b) - value(a) || (a.device < b.device ? -1 : 1))
    .map((r) => `${r.device} ${formatCount(value(r))}`);
  const deviceShare = devices.map((d) => `${d} ${formatCount(deviceTotals.get(d) ?? 0)}`).join(', ');
  const description =
    `Heatmap of ${measure} for the ${formatCount(users.length)} users with the most viewing sessions (rows, most ${measure} first) on each device (columns). ` +
    `Totals by device: ${deviceShare}. Top row: ${top.label}, ${formatCount(top.total)} ${unit} in all: ${topDevices.join(', ')}.`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + STEPPED_LEGEND_HEIGHT, body: legend + plot.body });
  const topDevice = [...deviceTotals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const grand = topDevice.reduce((s, [, v]) => s + v, 0);
  const caption =
    topDevice.length > 1 && grand > 0
      ? `Among the ${formatCount(users.length)} users who watch most, ${topDevice[0][0]} carries ${formatPercent(topDevice[0][1] / grand)} of their ${measure}, ${topDevice[1][0]} ${formatPercent(topDevice[1][1] / grand)}. Darker cells, less viewing.`
      : `The ${formatCount(users.length)} users who watch most, by device.`;
  return { id, title, description, caption, svg, csv };
}

// MovieLens has no sessions: the section says so in prose instead of showing an empty chart.
export const deviceEngagementChart: ReportChartDescriptor = {
  id: DEVICE_ENGAGEMENT_ID,
  title: 'Device engagement',
  scope: 'report',
  needs: 'sessions',
  // the 15 busiest users' minutes: no fact of the narrative (devices and plans: plan-devices)
  facts: [],
  render: ({ dataset }) => renderDeviceEngagement(userDeviceRows(dataset), { value: 'minutes', devices: DEVICES }),
};
