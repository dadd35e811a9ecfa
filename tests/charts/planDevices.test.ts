import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_USERS, planDeviceRows, renderPlanDevices } from '../../build/charts/planDevices.ts';
import type { Dataset, Session, User } from '../../build/types.ts';
import { Plays } from '../../build/util/plays.ts';
import { EVIL } from '../fixtures/charts/rows.ts';
import { assertGolden } from './golden.ts';
import { assertStandaloneChart, parseSvg } from './svgChecks.ts';

const user = (id: string, plan: string | null): User => ({ id, plan, region: null });
const play = (userId: string, device: Session['device']): Session => ({ userId, titleId: '1', device, start: 0, minutes: 30 });

/** Basic watches on Mobile, Premium on TV, one user has no plan; 3 Basic + 2 Premium subscribers. */
function dataset(users: User[], sessions: Session[]): Dataset {
  return { users, sessions: Plays.of(sessions) } as unknown as Dataset;
}
const users = [user('1', 'Premium'), user('2', 'Basic'), user('3', 'Basic'), user('4', 'Basic'), user('5', 'Premium'), user('6', null)];
const sessions = [
  play('2', 'Mobile'), play('2', 'Mobile'), play('3', 'Mobile'), play('4', 'TV'),
  play('1', 'TV'), play('1', 'TV'), play('5', 'TV'), play('5', 'Tablet'),
  play('6', 'Desktop'),
];

test('plan devices: one row per plan in ladder order, then everyone; shares and sessions per subscriber', () => {
  const rows = planDeviceRows(dataset(users, sessions));
  assert.equal([...new Set(rows.map((r) => r.plan))], ['Basic', 'Premium', ALL_USERS]);
  const cell = (plan: string, device: string) => rows.find((r) => r.plan === plan && r.device === device)!;
  assert.is(cell('Basic', 'Mobile').share, 0.75);
  assert.is(cell('Basic', 'Mobile').sessionsPerSubscriber, 4 / 3);
  assert.is(cell('Premium', 'TV').share, 0.75);
  assert.is(cell('Premium', 'TV').subscribers, 2);
  // the user without a plan counts for everyone only
  assert.is(cell(ALL_USERS, 'Desktop').sessions, 1);
  assert.is(cell(ALL_USERS, 'TV').share, 4 / 9);
  assert.is(cell(ALL_USERS, 'TV').sessionsPerSubscriber, 9 / 6);
});

test('plan devices: golden, accessible, every cell writes its share, the caption names the plans that differ', () => {
  const chart = renderPlanDevices(planDeviceRows(dataset(users, sessions)));
  const doc = assertStandaloneChart(chart, 'plan-devices');
  assert.is(doc.querySelectorAll('g[aria-label="cell"] rect').length, 12);
  const labels = Array.from(doc.querySelectorAll('g[aria-label="text"] text')).map((t) => t.textContent);
  assert.ok(labels.includes('75%') && labels.includes('44%'), labels.join(' '));
  assert.ok(labels.includes('1.3') && labels.includes('2.0') && labels.includes('1.5'), 'sessions per subscriber');
  // plans of 2 and 3 subscribers are not compared
  assert.is(chart.caption, 'TV carries 44% of all sessions; Basic subscribers favour Mobile (75%).');
  assert.match(chart.description, 'Basic (3 subscribers, 1.3 sessions each): Mobile 75%, TV 25%, Desktop 0%, Tablet 0%');
  assert.match(chart.description, 'All users (6 users, 1.5 sessions each)');
  assertGolden('plan-devices', chart.svg);
});

test('plan devices: plans of 30 subscribers or more are compared by sessions each', () => {
  const many = Array.from({ length: 60 }, (_, i) => user(String(i), i < 30 ? 'Basic' : 'Premium'));
  const plays = many.flatMap((u, i) => (i < 30 ? [play(u.id, 'Mobile')] : [play(u.id, 'TV'), play(u.id, 'TV')]));
  const chart = renderPlanDevices(planDeviceRows(dataset(many, plays)));
  assert.is(chart.caption, 'TV carries 67% of all sessions; Basic subscribers favour Mobile (100%). Sessions per subscriber run from 1.0 on Basic to 2.0 on Premium.');
});

test('plan devices: plans off the Basic/Standard/Premium ladder go by name; a hostile plan name is escaped', () => {
  const own = [user('1', 'Ultra'), user('2', EVIL), user('3', 'Family')];
  const rows = planDeviceRows(dataset(own, [play('1', 'TV'), play('2', 'Mobile'), play('3', 'Desktop')]));
  assert.equal([...new Set(rows.map((r) => r.plan))], [EVIL, 'Family', 'Ultra', ALL_USERS]);
  const chart = renderPlanDevices(rows);
  assert.not.match(chart.svg, '<script>');
  parseSvg(chart.svg);
});

test('plan devices: without plans, one row for everyone and no plan sentence; without sessions, says so', () => {
  const chart = renderPlanDevices(planDeviceRows(dataset([user('1', null)], [play('1', 'TV')])));
  assert.is(chart.caption, 'TV carries 100% of all sessions.');
  assert.match(chart.title, 'Where people watch');
  const empty = renderPlanDevices(planDeviceRows(dataset([user('1', 'Basic')], [])));
  assert.match(parseSvg(empty.svg).querySelector('text')?.textContent ?? '', /No viewing sessions in this data/);
});

test.run();
