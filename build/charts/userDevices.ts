// One user's viewing minutes by device. Hand-built SVG (barList.ts) for the same per-page cost
// reason as userAffinity.ts.

import { toCsv } from '../util/csv.ts';
import { barListSvg } from './barList.ts';
import { emptyChart, type Chart, type UserChartDescriptor } from './chart.ts';
import { DEVICES } from '../types.ts';
import { userLabel } from './reportCharts.ts';
import { formatCount, formatPercent, plural } from '../util/numbers.ts';

export interface DeviceMinutesRow {
  device: string;
  minutes: number;
  sessions: number;
}

export interface UserDevicesOptions {
  userLabel: string;
}

export const USER_DEVICES_ID = 'user-devices';

export function renderUserDevices(rows: DeviceMinutesRow[], options: UserDevicesOptions): Chart {
  const title = `Viewing by device for ${options.userLabel}`;
  const csv = toCsv(rows, [
    { name: 'device', value: (r) => r.device },
    { name: 'minutes', value: (r) => r.minutes },
    { name: 'sessions', value: (r) => r.sessions },
  ]);
  const total = rows.reduce((s, r) => s + r.minutes, 0);
  if (rows.length === 0) return emptyChart(USER_DEVICES_ID, title, 'No viewing sessions in this data', csv);
  if (total <= 0) return emptyChart(USER_DEVICES_ID, title, `${options.userLabel} has no viewing sessions`, csv);
  const sorted = [...rows].sort((a, b) => b.minutes - a.minutes || (a.device < b.device ? -1 : 1));
  const parts = sorted.filter((r) => r.minutes > 0).map((r) => `${r.device} ${formatCount(Math.round(r.minutes))} min (${formatPercent(r.minutes / total)})`);
  const sessions = rows.reduce((s, r) => s + r.sessions, 0);
  const description = `${options.userLabel} watched ${plural(Math.round(total), 'minute')} in ${plural(sessions, 'session')}: ${parts.join(', ')}.`;
  const svg = barListSvg({
    id: USER_DEVICES_ID,
    title,
    description,
    bars: sorted.map((r) => ({ label: r.device, value: r.minutes, valueLabel: `${Math.round(r.minutes)} min` })),
  });
  return { id: USER_DEVICES_ID, title, description, svg, csv };
}

/**
 * Per-user charts for 10,000 pages: the session index is built once, and each call then costs one
 * pass over the user's four devices (no scan of the dataset).
 */
export const userDevicesChart: UserChartDescriptor = {
  id: USER_DEVICES_ID,
  title: 'A user\'s devices',
  scope: 'user',
  needs: 'sessions',
  facts: [],
  renderer: ({ dataset }) => {
    const devicesByUser = new Map<string, Map<string, DeviceMinutesRow>>();
    for (const s of dataset.sessions ?? []) {
      let byDevice = devicesByUser.get(s.userId);
      if (!byDevice) devicesByUser.set(s.userId, (byDevice = new Map()));
      const row = byDevice.get(s.device) ?? { device: s.device, minutes: 0, sessions: 0 };
      row.minutes += s.minutes;
      row.sessions += 1;
      byDevice.set(s.device, row);
    }
    return (userId) => {
      const byDevice = devicesByUser.get(userId);
      const rows = DEVICES.map((device) => byDevice?.get(device) ?? { device, minutes: 0, sessions: 0 });
      return renderUserDevices(rows, { userLabel: userLabel(userId) });
    };
  },
};
