// One small seeded site per test process, built with the real pipeline into a temp folder and
// served on 127.0.0.1. uvu runs every test file in one process, so the files share the build
// and the browser (memoised promises) instead of each paying the ~20 s Vite pass.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../build/config.ts';
import { buildReport } from '../../build/buildReport.ts';
import { launch, serve } from './harness.ts';
import type { Browser, Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SMALL_SITE_FLAGS = ['--users', '60', '--titles', '40'];

/** The sites the browser tests build: the seeded simulation, the MovieLens fixture (real titles, no sessions), and the simulation with a sample of user pages. */
export const SITE_FLAGS = {
  default: SMALL_SITE_FLAGS,
  movielens: ['--ratings', 'tests/fixtures/data/ml-latest-small/ratings.csv', '--movies', 'tests/fixtures/data/ml-latest-small/movies.csv'],
  /** Pages for a seeded sample of 5 of the 60 users; the rest are found through the shards. */
  sample: [...SMALL_SITE_FLAGS, '--user-pages', '5'],
} as const;
export type SiteName = keyof typeof SITE_FLAGS;

export interface BuiltSite {
  dir: string;
  url: string;
  /** Site-relative path of the first user page (e.g. "users/u1/"). */
  userPath: string;
}

const built = new Map<SiteName, Promise<BuiltSite>>();
let browser: Promise<Browser> | undefined;
const cleanups: (() => Promise<void>)[] = [];

async function buildAndServe(name: SiteName): Promise<BuiltSite> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'browser-site-'));
  const dir = path.join(tmp, 'site');
  const argv = [...SITE_FLAGS[name], '--out', dir];
  const { config } = resolveConfig(argv, { cwd: ROOT });
  try {
    await buildReport(config, { root: ROOT, argv });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // uvu swallows errors thrown in `before` hooks; say why every test of the file will fail.
    process.stderr.write(`browser tests: building the test site failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    throw e;
  }
  const server = await serve(dir);
  cleanups.push(server.close, async () => rmSync(tmp, { recursive: true, force: true }));
  const firstUser = readdirSync(path.join(dir, 'users'), { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html') && d.name !== 'index.html')
    .map((d) => d.name)
    .sort()[0];
  if (!firstUser) throw new Error('the test site has no user pages');
  return { dir, url: server.url, userPath: `users/${firstUser}` };
}

export function testSite(name: SiteName = 'default'): Promise<BuiltSite> {
  let site = built.get(name);
  if (!site) built.set(name, (site = buildAndServe(name)));
  return site;
}

export function testBrowser(): Promise<Browser> {
  browser ??= launch().then((b) => {
    cleanups.push(() => b.close());
    return b;
  });
  return browser;
}

/** The three pages the issue names. */
export function keyPages(site: BuiltSite): { name: string; url: string }[] {
  return [
    { name: 'home', url: `${site.url}/` },
    { name: 'users-index', url: `${site.url}/users/` },
    { name: 'user-page', url: `${site.url}/${site.userPath}` },
  ];
}

// uvu imports every test file before running any suite, so each file's useSharedSite() call
// at import time counts it; the last suite's `after` hook closes the browser and the server
// (open handles would otherwise keep the process alive).
let users = 0;

export function useSharedSite(suite: { after: (fn: () => Promise<void>) => void }): void {
  users++;
  suite.after(async () => {
    if (--users > 0) return;
    await Promise.all(cleanups.splice(0).map((c) => c().catch(() => {})));
  });
}

/**
 * Everything that would show up red in a reader's devtools: console errors, uncaught
 * exceptions, failed requests and HTTP errors. Read the array after the page settled.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}
