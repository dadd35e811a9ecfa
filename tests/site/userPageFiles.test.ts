// The user pages' writer (build/site/userPageFiles.ts): with the helper thread the pages are the
// same bytes as from one thread, the work done alongside is all done, and a failure on either
// thread stops both and arrives whole.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../build/config.ts';
import { runPipeline } from '../../build/pipeline.ts';
import { assembleFromPipeline } from '../../build/site/assemble.ts';
import { writeUserPages } from '../../build/site/userPageFiles.ts';
import type { AssetTags, NavSection, SiteView } from '../../templates/index.ts';
import { ROOT } from '../cli/run.ts';

const sections: NavSection[] = [{ id: 'overview', title: 'Overview' }];
const assets: AssetTags = { scripts: ['/assets/main-1.js'], styles: ['/assets/main-1.css'] };

let site: SiteView;
const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'user-pages-'));
  folders.push(dir);
  return path.join(dir, 'site');
};

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(path.relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

test.before(async () => {
  const { config } = resolveConfig(['--users', '300', '--titles', '120', '--out', '/tmp/unused'], { cwd: ROOT });
  const p = await runPipeline(config);
  site = assembleFromPipeline(p, { warnings: [], generator: 'test', command: 'test' });
});

test.after(() => {
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

test('with the helper thread, the same pages to the byte, and the work alongside all done', async () => {
  const one = folder();
  const alone = await writeUserPages(one, site, sections, assets, { helperFrom: Infinity });
  assert.is(alone.byHelper, 0);
  const two = folder();
  let steps = 0;
  function* alongside() {
    for (let i = 0; i < 50; i++) {
      steps++;
      yield;
    }
  }
  const shared = await writeUserPages(two, site, sections, assets, { helperFrom: 1, batch: 7, queue: 20, alongside: alongside() });
  assert.ok(shared.byHelper > 0 && shared.byHelper <= site.users.length, `the helper wrote ${shared.byHelper} of ${site.users.length}`);
  assert.is(steps, 50, 'every step of the work alongside ran');
  const a = tree(one);
  const b = tree(two);
  assert.is(a.size, site.users.length);
  assert.equal([...b.keys()], [...a.keys()]);
  for (const [file, bytes] of a) assert.ok(b.get(file) === bytes, `${file} differs`);
});

test("a page the helper cannot write fails the whole, with the helper's message, and lands nowhere", async () => {
  const out = folder();
  const users = site.users.map((u, i) => (i === 5 ? { ...u, slug: '../../escaped' } : u));
  try {
    // a queue longer than the site: every page goes to the helper
    await writeUserPages(out, { ...site, users }, sections, assets, { helperFrom: 1, batch: 4, queue: 1e9 });
    assert.unreachable('the write should fail');
  } catch (err) {
    assert.instance(err, Error);
    assert.match((err as Error).message, /^user page writer: refusing to write outside the output folder: /);
  }
  assert.not.ok(existsSync(path.join(path.dirname(out), 'escaped.html')));
  assert.not.ok(existsSync(path.join(path.dirname(out), '..', 'escaped.html')));
});

test('work alongside that fails stops the helper before the error arrives', async () => {
  const out = folder();
  function* failing() {
    yield;
    throw new Error('disk full');
  }
  try {
    await writeUserPages(out, site, sections, assets, { helperFrom: 1, batch: 5, queue: 10, alongside: failing() });
    assert.unreachable('the write should fail');
  } catch (err) {
    assert.is((err as Error).message, 'disk full');
  }
  // the helper was stopped, not left writing into a folder the caller is about to remove
  const count = () => (existsSync(out) ? tree(out).size : 0);
  const before = count();
  await new Promise((r) => setTimeout(r, 300));
  assert.is(count(), before);
  assert.ok(before < site.users.length);
});

test.run();
