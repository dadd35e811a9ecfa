// The GitHub workflow cannot run here, so it is checked here (issue 16, item 5): against the
// published workflow schema (@action-validator/core, the SchemaStore schema actionlint's users
// also rely on), then for what a schema cannot see — jobs and step ids that expressions name
// exist, no `${{ }}` inside a shell script (script injection: values go through env), each
// script parses with `bash -n`, actions pinned to a major version — and for what this project's
// workflow must do: compare with the published report, guard pull requests, and run the browser
// tests on the Chrome a maintained action installs (Ubuntu has no chromium package).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow(src: string): { errors: { path?: string; title: string; detail?: string }[] } };

const DIR = path.join(process.cwd(), '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

/** Problems a linter would report beyond the schema; empty when the workflow is sound. */
export function lintWorkflow(text: string): string[] {
  const problems: string[] = [];
  for (const e of validateWorkflow(text).errors) problems.push(`schema: ${e.path ?? ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`);
  const wf = yaml.load(text) as Workflow;
  const jobs = Object.keys(wf?.jobs ?? {});
  for (const [name, job] of Object.entries(wf?.jobs ?? {})) {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    for (const n of needs) if (!jobs.includes(n)) problems.push(`${name}: needs unknown job "${n}"`);
    const ids: string[] = [];
    for (const [i, step] of (job.steps ?? []).entries()) {
      const where = `${name}, step ${i + 1}${step.id ? ` (${step.id})` : ''}`;
      const text = JSON.stringify(step);
      for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\./g)) if (!ids.includes(m[1])) problems.push(`${where}: names step "${m[1]}" before it or in no step`);
      for (const m of text.matchAll(/needs\.([A-Za-z0-9_-]+)\./g)) if (!needs.includes(m[1])) problems.push(`${where}: names needs.${m[1]} without needing it`);
      if (step.uses && !/^[\w.-]+\/[\w./-]+@v\d+$/.test(step.uses)) problems.push(`${where}: "${step.uses}" is not pinned to a major version`);
      if (step.run !== undefined) {
        if (step.run.includes('${{')) problems.push(`${where}: an expression inside a shell script (pass it through env)`);
        const check = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
        if (check.status !== 0) problems.push(`${where}: bash -n: ${check.stderr.trim()}`);
      }
      if (step.id) ids.push(step.id);
    }
  }
  return problems;
}

test('every workflow passes the schema and the lint', () => {
  assert.ok(files.length > 0, 'a workflow exists');
  for (const f of files) assert.equal(lintWorkflow(readFileSync(path.join(DIR, f), 'utf8')), [], f);
});

test('the lint can fail: each kind of problem is reported', () => {
  const bad = `name: x
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: nowhere
    steps:
      - uses: actions/checkout@main
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: echo \${{ steps.later.outputs.x }}
      - id: later
        run: "if then fi ("
  b:
    runs-on: ubuntu-latest
    stepz: []
`;
  const problems = lintWorkflow(bad).join('\n');
  assert.match(problems, /schema: \/jobs\/b/);
  assert.match(problems, /a: needs unknown job "nowhere"/);
  assert.match(problems, /"actions\/checkout@main" is not pinned to a major version/);
  assert.match(problems, /an expression inside a shell script/);
  assert.match(problems, /names step "later" before it or in no step/);
  assert.match(problems, /\(later\): bash -n:/);
});

test('the report workflow compares with the published report, guards pull requests, and finds Chrome on GitHub\'s runners', () => {
  const text = readFileSync(path.join(DIR, 'publish.yml'), 'utf8');
  const wf = yaml.load(text) as Workflow;
  assert.ok('push' in wf.on && 'pull_request' in wf.on, 'runs on pushes and pull requests');
  const steps = wf.jobs.build.steps!;
  const build = steps.find((s) => s.run?.includes('npm run build'))!;
  assert.match(build.run!, /--compare "\$PREVIOUS"/);
  assert.match(build.run!, /if \[ "\$EVENT" = pull_request \]; then args\+=\(--fail-on-regression ndcg=0\.01\)/);
  assert.match(build.env!.PREVIOUS, /steps\.previous\.outputs\.url/);
  const find = steps.find((s) => s.id === 'previous')!;
  assert.match(find.run!, /\$BASE_URL\/data\/facts\.json/, 'the published record is looked for before comparing');
  const comment = steps.find((s) => s.run?.includes('gh pr comment'))!;
  assert.match(comment.if!, /always\(\) && github\.event_name == 'pull_request'/, 'the summary is posted even when the guard fails');
  // no apt-get chromium (a snap on Ubuntu); the browser tests get the action's Chrome
  assert.not.match(text, /apt-get[^\n]*chromium/);
  const chrome = steps.find((s) => s.uses?.startsWith('browser-actions/setup-chrome@'))!;
  const browser = steps.find((s) => s.run === 'npm run test:browser')!;
  assert.is(browser.env!.CHROMIUM_PATH, `\${{ steps.${chrome.id}.outputs.chrome-path }}`);
  assert.ok(steps.indexOf(chrome) < steps.indexOf(browser));
  // only the default branch's pushes deploy
  assert.match(String((wf.jobs.deploy as Record<string, unknown>).if), /github\.event_name == 'push' && github\.ref == format\('refs\/heads\/\{0\}', github\.event\.repository\.default_branch\)/);
});

test.run();
