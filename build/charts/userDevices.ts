// One user's viewing minutes by device. Hand-built SVG (barList.ts) for the same per-page cost
// reason as userAffinity.ts.

import { toCsv } from '../util/csv.ts';
import { barListSvg } from './barList.ts';
import { emptyChart, type Chart, type UserChartDescriptor } from './chart.ts';
import { DEVICES } from '../types.ts';
import { Plays } from '../util/plays.ts';
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
    // users × devices tables over the plays' user dictionary: two typed arrays, not a map per user
    const plays = dataset.sessions ?? Plays.empty;
    const width = DEVICES.length;
    const minutes = new Float64Array(plays.userIds.length * width);
    const sessions = new Int32Array(plays.userIds.length * width);
    for (let i = 0; i < plays.length; i++) {
      const cell = plays.user[i] * width + plays.device[i];
      minutes[cell] += plays.minutes[i];
      sessions[cell]++;
    }
    const rowOf = new Map(plays.userIds.map((id, u) => [id, u]));
    return (userId) => {
      const u = rowOf.get(userId);
      const rows: DeviceMinutesRow[] = DEVICES.map((device, d) =>
        u === undefined ? { device, minutes: 0, sessions: 0 } : { device, minutes: minutes[u * width + d], sessions: sessions[u * width + d] },
      );
      return renderUserDevices(rows, { userLabel: userLabel(userId) });
    };
  },
};
