// Where each plan's subscribers watch: the share of a plan's viewing sessions on each device, one
// row per plan and a last row for everyone, with sessions per subscriber beside each row. It is
// the chart behind the engagement section's device and plan sentences and the device and upsell
// strategy items (issue 11: the device heatmap of the 15 busiest users showed none of them).
// Each cell writes its percentage, so colour is never the only cue.

import * as Plot from '@observablehq/plot';
import { MIN_PLAN_SUBSCRIBERS } from '../insights/strategy.ts';
import { PLAN_LADDER } from '../insights/viewingFacts.ts';
import { DEVICES, type Dataset } from '../types.ts';
import { toCsv } from '../util/csv.ts';
import { Plays } from '../util/plays.ts';
import { formatCount, formatFixed, formatPercent, listText, maxOf } from '../util/numbers.ts';
import { emptyChart, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { STEPPED_LEGEND_HEIGHT, plotColour, steppedLegend, steppedScale, textOn } from './legend.ts';

export const PLAN_DEVICES_ID = 'plan-devices';

/** The row for every user, after the plans'. */
export const ALL_USERS = 'All users';

export interface PlanDeviceRow {
  /** A plan's name, or ALL_USERS. */
  plan: string;
  device: string;
  sessions: number;
  /** Share of the row's sessions on this device (0 when the row has none). */
  share: number;
  subscribers: number;
  sessionsPerSubscriber: number;
}

/** Plans in ladder order when they are the Basic / Standard / Premium ladder, else by name. */
function planOrder(plans: Set<string>): string[] {
  const ladder = [...plans].every((p) => (PLAN_LADDER as readonly string[]).includes(p));
  return ladder ? PLAN_LADDER.filter((p) => plans.has(p)) : [...plans].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Sessions by plan × device (users without a plan count in the last row only). */
export function planDeviceRows(dataset: Dataset): PlanDeviceRow[] {
  const sessions = dataset.sessions ?? Plays.empty;
  const planOf = new Map<string, string>();
  const subscribers = new Map<string, number>();
  for (const u of dataset.users) {
    if (u.plan === null) continue;
    planOf.set(u.id, u.plan);
    subscribers.set(u.plan, (subscribers.get(u.plan) ?? 0) + 1);
  }
  const rows = [...planOrder(new Set(subscribers.keys())), ALL_USERS];
  const counts = new Map<string, Float64Array>(rows.map((r) => [r, new Float64Array(DEVICES.length)]));
  const all = counts.get(ALL_USERS)!;
  // each dictionary user's plan row, looked up once (null: no plan)
  const rowOfUser = sessions.userIds.map((id) => {
    const plan = planOf.get(id);
    return plan === undefined ? null : counts.get(plan)!;
  });
  for (let i = 0; i < sessions.length; i++) {
    const d = sessions.device[i];
    all[d]++;
    const row = rowOfUser[sessions.user[i]];
    if (row !== null) row[d]++;
  }
  return rows.flatMap((plan) => {
    const c = counts.get(plan)!;
    const total = c.reduce((s, v) => s + v, 0);
    const users = plan === ALL_USERS ? dataset.users.length : subscribers.get(plan)!;
    return DEVICES.map((device, d) => ({
      plan,
      device,
      sessions: c[d],
      share: total > 0 ? c[d] / total : 0,
      subscribers: users,
      sessionsPerSubscriber: users > 0 ? total / users : 0,
    }));
  });
}

/** Plan names longer than this are cut on the axis (the full name is in the hover and the description). */
const MAX_LABEL_CHARS = 13;
const EACH = 'Per user';

export function renderPlanDevices(rows: PlanDeviceRow[], options: { width?: number } = {}): Chart {
  const id = PLAN_DEVICES_ID;
  const hasPlans = rows.some((r) => r.plan !== ALL_USERS);
  const title = hasPlans ? 'Where each plan watches (share of sessions by device)' : 'Where people watch (share of sessions by device)';
  const csv = toCsv(rows, [
    { name: 'plan', value: (r) => r.plan },
    { name: 'device', value: (r) => r.device },
    { name: 'sessions', value: (r) => r.sessions },
    { name: 'share', value: (r) => r.share },
    { name: 'subscribers', value: (r) => r.subscribers },
    { name: 'sessions_per_subscriber', value: (r) => r.sessionsPerSubscriber },
  ]);
  if (rows.every((r) => r.sessions === 0)) return emptyChart(id, title, 'No viewing sessions in this data', csv);

  const plans = [...new Set(rows.map((r) => r.plan))];
  const devices = DEVICES.filter((d) => rows.some((r) => r.device === d));
  const perRow = new Map(rows.map((r) => [r.plan, r]));
  const short = (p: string) => (p.length > MAX_LABEL_CHARS ? `${p.slice(0, MAX_LABEL_CHARS - 1)}…` : p);
  const scale = steppedScale(0, Math.max(0.1, maxOf(rows.map((r) => r.share))), 6);
  // narrow enough for a phone's column (≈ 343 px at 375): 88 px of plan names, then four device
  // columns and the per-user column of 50 px each
  const width = options.width ?? 342;
  const marginLeft = 88;
  const plot = renderPlot(
    {
      width,
      height: 40 + plans.length * 28,
      marginLeft,
      marginTop: 30,
      marginRight: 4,
      x: { label: null, domain: [...devices, EACH], axis: 'top', tickSize: 0 },
      y: { label: null, domain: plans, tickFormat: short, tickSize: 0 },
      color: plotColour(scale),
      marks: [
        Plot.cell(rows, {
          x: 'device',
          y: 'plan',
          fill: 'share',
          inset: 1,
          title: (r: PlanDeviceRow) => `${r.plan} on ${r.device}: ${formatPercent(r.share)} of sessions (${formatCount(r.sessions)})`,
        }),
        Plot.text(rows, { x: 'device', y: 'plan', text: (r: PlanDeviceRow) => formatPercent(r.share), fill: (r: PlanDeviceRow) => textOn(scale, r.share), fontVariant: 'tabular-nums' }),
        Plot.text(plans, {
          x: () => EACH,
          y: (p: string) => p,
          text: (p: string) => formatFixed(perRow.get(p)!.sessionsPerSubscriber, 1),
          fontVariant: 'tabular-nums',
        }),
      ],
    },
    { y: STEPPED_LEGEND_HEIGHT },
  );
  const legend = steppedLegend(scale, { x: marginLeft, y: 12, width: Math.min(240, width - marginLeft - 10), label: 'share of the row\'s sessions', format: (v) => formatPercent(v) });
  const rowText = (p: string): string => {
    const r = perRow.get(p)!;
    const cells = rows.filter((x) => x.plan === p).map((x) => `${x.device} ${formatPercent(x.share)}`);
    const who = p === ALL_USERS ? `${formatCount(r.subscribers)} users` : `${formatCount(r.subscribers)} subscribers`;
    return `${p} (${who}, ${formatFixed(r.sessionsPerSubscriber, 1)} sessions each): ${cells.join(', ')}`;
  };
  const description =
    `Heatmap of the share of ${hasPlans ? 'each plan\'s viewing sessions' : 'viewing sessions'} on each device (${hasPlans ? 'rows: plans, then all users' : 'one row: all users'}; columns: devices), ` +
    `with sessions per user in the last column. ${plans.map(rowText).join('. ')}.`;
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + STEPPED_LEGEND_HEIGHT, body: legend + plot.body });
  return { id, title, description, caption: captionOf(rows, plans), svg, csv };
}

/** The device everyone favours, the plans that favour another, and the spread of sessions each. */
function captionOf(rows: PlanDeviceRow[], plans: string[]): string {
  const top = (p: string) => rows.filter((r) => r.plan === p).sort((a, b) => b.share - a.share || (a.device < b.device ? -1 : 1))[0];
  // Devices that print the leader's share tie with it (as the top_devices fact says): "Mobile and
  // TV carry 33% each", never a winner picked by name; a plan whose leader ties favours no device.
  const tiedWith = (p: string) => {
    const lead = top(p);
    return rows.filter((r) => r.plan === p && formatPercent(r.share) === formatPercent(lead.share)).map((r) => r.device);
  };
  const everyone = top(ALL_USERS);
  const leaders = tiedWith(ALL_USERS);
  const parts = [
    leaders.length === 1
      ? `${everyone.device} carries ${formatPercent(everyone.share)} of all sessions`
      : `${listText(leaders)} tie at ${formatPercent(everyone.share)} of all sessions each`,
  ];
  const differ = plans.filter((p) => p !== ALL_USERS && top(p).sessions > 0 && tiedWith(p).length === 1 && !leaders.includes(top(p).device));
  if (differ.length > 0) parts.push(`; ${differ.map((p) => `${p} subscribers favour ${top(p).device} (${formatPercent(top(p).share)})`).join(', ')}`);
  parts.push('.');
  const each = plans.filter((p) => p !== ALL_USERS).map((p) => rows.find((r) => r.plan === p)!);
  // plans are compared only on samples the engagement section would rank (MIN_PLAN_SUBSCRIBERS)
  if (each.length >= 2 && each.every((r) => r.subscribers >= MIN_PLAN_SUBSCRIBERS)) {
    const sorted = [...each].sort((a, b) => a.sessionsPerSubscriber - b.sessionsPerSubscriber || (a.plan < b.plan ? -1 : 1));
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    parts.push(` Sessions per subscriber run from ${formatFixed(lo.sessionsPerSubscriber, 1)} on ${lo.plan} to ${formatFixed(hi.sessionsPerSubscriber, 1)} on ${hi.plan}.`);
  }
  return parts.join('');
}

export const planDevicesChart: ReportChartDescriptor = {
  id: PLAN_DEVICES_ID,
  title: 'Devices by plan',
  scope: 'report',
  needs: 'sessions',
  facts: [
    'session_count', 'sessions_per_user', 'device.*.sessions', 'device.*.share', 'top_device', 'top_device_share',
    'plan.*.device.*.share', 'plan.*.top_device', 'plan.*.top_device_share', 'plan.*.sessions_per_user', 'plan_top_devices',
    'most_engaged_plan', 'most_engaged_plan_sessions_per_user', 'least_engaged_plan', 'least_engaged_plan_sessions_per_user',
    'top_tier_sessions_per_user', 'upsell_plan', 'upsell_plan_sessions_per_user', 'upsell_ratio',
  ],
  render: ({ dataset }) => renderPlanDevices(planDeviceRows(dataset)),
};
