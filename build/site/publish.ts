// The final writer. Builds the whole site into a staging folder beside the output and swaps it
// in only when every step succeeded, so a failed build leaves the last good site untouched.
// Only a folder this tool wrote (or a missing or empty one) is ever replaced: outputFolder.ts.
//
// Two Eleventy passes. The Vite plugin makes every HTML file Eleventy wrote a Vite entry, and
// Vite copies every local file those pages' URLs name into the site. So pass 1 writes only the
// asset entry page, which holds nothing from data, and Vite bundles the client assets from it:
// a data-made <img src="../../etc/hostname"> is never seen by a bundler, and Vite's work does
// not grow with the number of users (DESIGN.md measured 387 s for 10,000 pages). Pass 2 writes
// the report pages and the users index without Vite, linking the hashed assets; then the user
// pages are written from the same template without Eleventy (userPageFiles.ts says why).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import EleventyVitePlugin from '@11ty/eleventy-plugin-vite';
import { ASSET_ENTRY_PAGE, clientViteOptions, reportPlugin, type ReportPluginOptions } from './eleventyPlugin.ts';
import type { AssetTags, Download, NavSection, SiteView } from '../../templates/index.ts';
import { pathInside, writeUserPages } from './userPageFiles.ts';
import { stageTimer, type StageTimer } from '../timing.ts';
import { InputError } from '../types.ts';
import { checkOutputTarget, removeInBackground, sweepLeftovers, writeMarker, type TargetOptions } from './outputFolder.ts';

export const CONTENT_DIR = 'content';
/** The client sources, copied into the output for Vite to bundle (see templates/assets/). */
export const CLIENT_SOURCE_ASSETS: AssetTags = { scripts: ['/client/main.ts'], styles: ['/client/styles.css'] };

export interface PublishOptions {
  /** Output folder (replaced atomically, and only if checkOutputTarget allows it). */
  out: string;
  /** The project root (content/, templates/, node_modules/). */
  root: string;
  /** Replace a non-empty folder this tool did not write (`--force`). */
  force?: boolean;
  /** The input files, whose folders are never replaced. */
  inputs?: string[];
  bind: ReportPluginOptions['bind'];
  slots: ReportPluginOptions['slots'];
  log?: (line: string) => void;
  /** Stage timings are reported through this. */
  time?: StageTimer;
}

/**
 * The hashed client assets Vite wrote into the asset entry page, which is then removed: every
 * page of pass 2 links exactly these.
 */
function assetsFromEntryPage(staging: string, prefix: string): AssetTags {
  const entry = path.join(staging, ASSET_ENTRY_PAGE);
  const page = readFileSync(entry, 'utf8');
  rmSync(entry);
  const own = (url: string) => url.startsWith(`${prefix}assets/`);
  const scripts = [...page.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]).filter(own);
  const styles = [...page.matchAll(/<link rel="stylesheet"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]).filter(own);
  if (scripts.length === 0 || styles.length === 0) throw new Error(`Vite did not bundle the client assets into ${ASSET_ENTRY_PAGE}`);
  return { scripts, styles };
}

/** Writes a download, refusing any path that would leave the output folder. */
export function writeInside(folder: string, relPath: string, content: Download): void {
  for (const _ of writeSteps(folder, relPath, content));
}

/** writeInside in steps: one per part of a download made part by part, so other work can come between. */
function* writeSteps(folder: string, relPath: string, content: Download): Generator<void> {
  const target = pathInside(folder, relPath);
  mkdirSync(path.dirname(target), { recursive: true });
  if (typeof content === 'string') {
    writeFileSync(target, content);
    return;
  }
  const fd = openSync(target, 'w');
  try {
    for (const part of content()) {
      const bytes = Buffer.from(part, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      yield;
    }
  } finally {
    closeSync(fd);
  }
}

/** Every download of the site written, a step at a time. */
function* downloadSteps(folder: string, downloads: Map<string, Download>): Generator<void> {
  for (const [rel, content] of downloads) {
    yield* writeSteps(folder, rel, content);
    yield;
  }
}

export async function publishSite(site: SiteView, opts: PublishOptions): Promise<void> {
  const time = opts.time ?? stageTimer();
  const root = path.resolve(opts.root);
  const targetOptions: TargetOptions = { root, force: opts.force, inputs: opts.inputs };
  // The CLI checked already, before the pipeline ran; other callers (tests, the benchmark) rely on this.
  const out = checkOutputTarget(opts.out, targetOptions).path;
  sweepLeftovers(out);
  const staging = `${out}.staging-${process.pid}`;
  // The Vite plugin moves Eleventy's output to this folder (relative to the working directory).
  const viteTemp = path.relative(process.cwd(), `${out}.vite-${process.pid}`);
  // The sweep removed our own pid's leftovers when they were ours; anything still there is not.
  for (const folder of [staging, viteTemp]) {
    if (existsSync(folder)) throw new InputError(`${folder}: exists and was not written by this build; move it away`);
  }
  let viteStarted = 0;
  const eleventyOptions = (phase: 'assets' | 'pages', assets: AssetTags, onSections?: (s: NavSection[]) => void) => ({
    configPath: false,
    quietMode: true,
    pathPrefix: site.pathPrefix,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    config(cfg: any) {
      cfg.setQuietMode(true);
      reportPlugin(cfg, { site, root, phase, assets, bind: opts.bind, slots: opts.slots, onSections });
      if (phase === 'assets') {
        // Registered before the Vite plugin's own eleventy.after hook, so the time from here to
        // the end of the pass is Vite's (the benchmark reports it as its own stage).
        cfg.on('eleventy.after', () => {
          viteStarted = performance.now();
        });
        cfg.addPlugin(EleventyVitePlugin, {
          tempFolderName: viteTemp,
          viteOptions: { ...clientViteOptions(site, root), logLevel: 'warn', build: { assetsInlineLimit: 0, reportCompressedSize: false } },
        });
      }
    },
  });
  try {
    // Marked from the start, so a staging folder an interrupted build leaves is recognised as
    // ours later; Vite replaces the folder in pass 1, so it is marked again after that.
    writeMarker(staging, root);
    let pass1End = 0;
    await time('eleventy (asset entry)', async () => {
      const pass1 = new Eleventy(path.join(root, CONTENT_DIR), staging, eleventyOptions('assets', CLIENT_SOURCE_ASSETS));
      await pass1.write();
      pass1End = performance.now();
    });
    // Split pass 1 into Eleventy's and Vite's parts for the log and the benchmark.
    time.record('eleventy (asset entry)', -(pass1End - viteStarted));
    time.record('vite', pass1End - viteStarted);
    writeMarker(staging, root);
    const assets = assetsFromEntryPage(staging, site.pathPrefix);
    let sections: NavSection[] | null = null;
    await time('eleventy (pages)', async () => {
      const pass2 = new Eleventy(path.join(root, CONTENT_DIR), staging, eleventyOptions('pages', assets, (s) => (sections = s)));
      await pass2.write();
    });
    if (sections === null) throw new Error('Eleventy did not render the home page, so the user pages have no navigation');
    const nav: NavSection[] = sections;
    // The downloads are written while the helper thread writes pages (userPageFiles.ts); the
    // stages are this thread's time on each.
    const pagesStart = performance.now();
    const { alongsideMs } = await writeUserPages(staging, site, nav, assets, { alongside: downloadSteps(staging, site.downloads) });
    time.record('user pages', performance.now() - pagesStart - alongsideMs);
    time.record('downloads', alongsideMs);
    // The target may have changed while we built (someone put files there, a link moved).
    if (checkOutputTarget(opts.out, targetOptions).path !== out) throw new InputError(`--out ${opts.out}: now points to another folder than when the build started`);
    swapIn(staging, out);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(viteTemp, { recursive: true, force: true });
  }
}

/** Replaced sites this process renamed aside; their background deletion may still be running. */
const replacedByUs = new Set<string>();

/** Replaces `out` by `staging`; on failure the previous `out` is put back. */
function swapIn(staging: string, out: string): void {
  const old = `${out}.old-${process.pid}`;
  if (existsSync(old)) {
    // Only a site an earlier build of this process replaced is ours to wait for.
    if (!replacedByUs.has(old)) throw new InputError(`${old}: exists and was not written by this build; move it away`);
    rmSync(old, { recursive: true, force: true });
  }
  const hadOld = existsSync(out);
  if (hadOld) renameSync(out, old);
  try {
    renameSync(staging, out);
  } catch (err) {
    if (hadOld) renameSync(old, out);
    throw err;
  }
  if (hadOld) {
    replacedByUs.add(old);
    removeInBackground(old);
  }
}
