// Issue 6's correctness at a larger scale than the other site tests: 2,500 users, so the build
// takes the paths that only large data takes (the evaluation in a worker thread, user pages
// written many at a time, a users index of many pages) and every page must still be there and right.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBuild } from '../cli/run.ts';
import { parseCsv } from './parseCsv.ts';
import { WORKER_MIN_RATINGS } from '../../build/evaluate/index.ts';
import { USERS_PER_INDEX_PAGE } from '../../templates/view.ts';

const USERS = 2500;
const RATINGS_PER_USER = 20;
const dir = mkdtempSync(path.join(tmpdir(), 'site-scale-'));
const out = path.join(dir, 'site');
test.after(() => rmSync(dir, { recursive: true, force: true }));

const rows = (rel: string) => {
  const [header, ...body] = parseCsv(readFileSync(path.join(out, rel), 'utf8'));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

test('the case is large enough to take the large-data paths', () => {
  assert.ok(USERS > 10 * USERS_PER_INDEX_PAGE, 'the users index has many pages');
  assert.ok(USERS * RATINGS_PER_USER >= WORKER_MIN_RATINGS, 'the evaluation runs in a worker');
});

test(`a ${USERS}-user build writes one page per user and every users index page`, async () => {
  const result = await runBuild(['--users', String(USERS), '--titles', '400', '--ratings-per-user', String(RATINGS_PER_USER), '--out', out, '--drafts']);
  assert.is(result.status, 0, result.stderr);
  const users = rows('data/ratings.csv').reduce((s, r) => s.add(r.user_id), new Set<string>());
  const pages = readdirSync(path.join(out, 'users')).filter((n) => n.endsWith('.html') && n !== 'index.html');
  assert.is(pages.length, USERS);
  for (const id of users) assert.ok(pages.includes(`${id}.html`), `user ${id} has a page`);
  const indexPages = readdirSync(path.join(out, 'users/page')).length + 1;
  assert.is(indexPages, Math.ceil(USERS / USERS_PER_INDEX_PAGE));
  // The evaluation came back from the worker: the home page shows the model comparison.
  assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /id="chart-model-comparison"/);
});

test('no user is recommended a title they rated, and every page shows what the CSV lists', () => {
  const rated = new Set(rows('data/ratings.csv').map((r) => `${r.user_id}\u0000${r.title_id}`));
  const recs = rows('data/recommendations.csv');
  const perUser = new Map<string, number>();
  for (const r of recs) {
    assert.not.ok(rated.has(`${r.user_id}\u0000${r.title_id}`), `user ${r.user_id} already rated ${r.title_id}`);
    perUser.set(r.user_id, (perUser.get(r.user_id) ?? 0) + 1);
  }
  assert.is(perUser.size, USERS, 'every user has recommendations');
  for (const [id, n] of perUser) {
    const page = readFileSync(path.join(out, 'users', `${id}.html`), 'utf8');
    assert.is(page.split('class="rec-card"').length - 1, n, `user ${id}: page and CSV agree`);
  }
});

test.run();
