// The build's user pages, rendered by the same template as the dev server's
// (templates/userPage.ts, which Eleventy renders there) and written here, one file each, without
// Eleventy. A page is one string from our own template: Eleventy added nothing to it, but
// costs more than the page did: it keeps every page of a run until the run ends (so pages had
// to be written in runs of 2,000 with a full garbage collection between them), and builds a
// permalink, data cascade and output paths per page. At MovieLens-10M size (70,000 pages) that
// was 124 s of the build, 78 s of it collecting garbage; written here, a page is garbage as soon
// as it is on disk.
//
// Two threads write them. By the time the pages are written the evaluation is over and the
// second core is idle, while rendering and writing 70,000 pages took 57 s of this thread, and the
// downloads (ratings.csv has a line per rating) 11 s more. So a helper thread
// (userPageWorker.ts) renders and writes a share of the pages. It cannot reach the pipeline's
// data, so this thread makes each of its pages' data (the lists and the charts, about a sixth of
// a page's cost) and posts it; the helper renders with the same template. This thread keeps the
// helper's queue a little full and, while it is, does its own work: the downloads first, which
// only it can write, then pages of its own. A page is the same bytes whoever writes it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userPage, userPagePath, userPageSite, type AssetTags, type ChartView, type NavSection, type SiteView, type UserLists, type UserPageSite, type UserView } from '../../templates/index.ts';
import { startJob } from '../util/worker.ts';

/** The path of `rel` inside `folder`, refusing any that would leave it. */
export function pathInside(folder: string, rel: string): string {
  const target = path.resolve(folder, rel);
  if (!target.startsWith(path.resolve(folder) + path.sep)) throw new Error(`refusing to write outside the output folder: ${rel}`);
  return target;
}

/**
 * A user's page data with its lists and charts made: plain data, for the helper thread. The
 * rated history goes as columns: cloning 160 small objects a page, and rebuilding them on the
 * other side, cost more than the rest of the page's data.
 */
export type UserPageData = Omit<UserView, 'lists' | 'charts'> & {
  rated: { titleName: string[]; titleId: string[]; rating: Float64Array; watch: (string | null)[] };
  recommendations: UserLists['recommendations'];
  charts: ChartView[];
};

export function userPageData(u: UserView): UserPageData {
  const { lists, charts, ...rest } = u;
  const { rated, recommendations } = lists();
  const n = rated.length;
  const columns: UserPageData['rated'] = { titleName: new Array(n), titleId: new Array(n), rating: new Float64Array(n), watch: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rated[i];
    columns.titleName[i] = r.titleName;
    columns.titleId[i] = r.titleId;
    columns.rating[i] = r.rating;
    columns.watch[i] = r.watch;
  }
  return { ...rest, rated: columns, recommendations, charts: charts() };
}

/** The view the template reads, from page data. */
export function userViewOf(d: UserPageData): UserView {
  const { rated: r, recommendations, charts, ...rest } = d;
  const rated = r.titleName.map((titleName, i) => ({ titleName, titleId: r.titleId[i], rating: r.rating[i], watch: r.watch[i] }));
  return { ...rest, lists: () => ({ rated, recommendations }), charts: () => charts };
}

/** What the helper thread is started with. */
export interface PageWriterSetup {
  folder: string;
  site: UserPageSite;
  sections: NavSection[];
  assets: AssetTags;
  /** [pages written, 1 once it failed]: read by the main thread without waiting for a message. */
  progress: Int32Array;
}

/** Posted to the helper: pages to write, or the end of them (it then posts its Outcome). */
export type PageWriterMessage = { pages: UserPageData[] } | { end: true };

/** Writes pages one at a time, making each page's folder the first time it is needed. */
export class PageWriter {
  private readonly folders = new Set<string>();
  constructor(
    private readonly folder: string,
    private readonly site: UserPageSite,
    private readonly sections: NavSection[],
    private readonly assets: AssetTags,
  ) {}

  write(u: UserView): void {
    const file = pathInside(this.folder, userPagePath(u.slug));
    const dir = path.dirname(file);
    if (!this.folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.folders.add(dir);
    }
    writeFileSync(file, userPage(this.site, this.sections, u, this.assets));
  }
}

export interface UserPagesOptions {
  /**
   * Work only this thread can do, one step per `next()`, done while the helper's queue is full
   * (the downloads); whatever is left when the pages are all handed out is done after them.
   */
  alongside?: Iterator<unknown>;
  /** The helper starts from this many pages: below it, starting one costs more than it saves. */
  helperFrom?: number;
  /** Pages per message to the helper. */
  batch?: number;
  /** Pages the helper may have queued before this thread renders one itself. */
  queue?: number;
}

export interface UserPagesResult {
  /** Pages the helper thread wrote. */
  byHelper: number;
  /** Milliseconds this thread spent on the `alongside` work. */
  alongsideMs: number;
}

/**
 * Pages from which the build starts the helper: at 5,000 its start (bundling, a cold isolate)
 * costs what it saves; 20,000 pages took 6.8 s with it against 13.5 s without.
 */
export const HELPER_FROM = 5000;

/**
 * Writes every user page of `site` into `folder`; `sections` are the report's (for the
 * navigation). Synchronously on each thread: a page goes to the page cache in microseconds, and
 * fs/promises' open, write and close per file cost more than they saved (7,000 pages: 2.9 s
 * against 2.1 s).
 */
export async function writeUserPages(folder: string, site: SiteView, sections: NavSection[], assets: AssetTags, opts: UserPagesOptions = {}): Promise<UserPagesResult> {
  const { alongside, helperFrom = HELPER_FROM, batch = 32, queue = 384 } = opts;
  let alongsideMs = 0;
  let alongsideDone = alongside === undefined;
  /** One step of the alongside work; false once there is none left. */
  const step = (): boolean => {
    if (alongsideDone) return false;
    const t = performance.now();
    alongsideDone = alongside!.next().done === true;
    alongsideMs += performance.now() - t;
    return !alongsideDone;
  };
  const pageSite = userPageSite(site);
  const here = new PageWriter(folder, pageSite, sections, assets);
  const users = site.users;
  if (users.length < helperFrom) {
    for (const u of users) here.write(u);
    while (step());
    return { byHelper: 0, alongsideMs };
  }
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const setup: PageWriterSetup = { folder, site: pageSite, sections, assets, progress };
  const helper = startJob<number>(new URL('./userPageWorker.ts', import.meta.url), 'user page writer', { workerData: setup });
  let handedOut = 0;
  let ended = false;
  try {
    let next = 0;
    // A failed helper posted its error and takes no more pages: stop, and meet the error below.
    while (next < users.length && Atomics.load(progress, 1) === 0) {
      if (handedOut - Atomics.load(progress, 0) < queue) {
        const pages = users.slice(next, next + batch).map(userPageData);
        helper.worker.postMessage({ pages } satisfies PageWriterMessage);
        handedOut += pages.length;
        next += pages.length;
      } else if (!step()) {
        for (const u of users.slice(next, next + batch)) here.write(u);
        next += batch;
      }
    }
    if (Atomics.load(progress, 1) === 0) while (step());
    helper.worker.postMessage({ end: true } satisfies PageWriterMessage);
    ended = true;
    const written = await helper.result;
    if (written !== handedOut) throw new Error(`user page writer: wrote ${written} of the ${handedOut} pages it was given`);
    return { byHelper: written, alongsideMs };
  } finally {
    // On any failure here the caller removes the folder, so the helper must stop writing first
    // (and a download half written is closed).
    if (!ended) {
      alongside?.return?.();
      await helper.worker.terminate();
    }
  }
}
