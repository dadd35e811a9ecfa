import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULTS, resolveConfig, helpText } from '../build/config.ts';
import { InputError } from '../build/types.ts';

const empty = () => mkdtempSync(path.join(tmpdir(), 'cfg-'));

function fails(argv: string[], pattern: RegExp, cwd = empty()) {
  try {
    resolveConfig(argv, { cwd });
  } catch (err) {
    assert.instance(err, InputError);
    assert.match((err as Error).message, pattern);
    assert.not.match((err as Error).message, /\n/);
    return;
  }
  assert.unreachable(`expected ${argv.join(' ')} to fail`);
}

test('defaults when there are no flags and no config file', () => {
  assert.equal(resolveConfig([], { cwd: empty() }).config, DEFAULTS);
});

test('flags win over the file, the file over defaults', () => {
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ seed: 7, users: 30 }));
  const { config } = resolveConfig(['--users', '12'], { cwd: dir });
  assert.is(config.seed, 7);
  assert.is(config.users, 12);
  assert.is(config.titles, DEFAULTS.titles);
});

test('unknown flags and bad values are one-line input errors', () => {
  fails(['--sed', '7'], /Unknown option '--sed'/);
  fails(['--seed', 'seven'], /--seed: invalid value "seven": expected a whole number/);
  fails(['--users', '0'], /--users: .*from 1 to/);
  fails(['--seed', '1.5'], /--seed/);
  fails(['--end-date', '2025-02-30'], /real calendar date/);
  fails(['--ratings', 'r.csv'], /--ratings and --movies go together/);
  fails(['--catalog', 'c.csv', '--ratings', 'r', '--movies', 'm'], /choose one data source/);
  fails(['--path-prefix', 'javascript:alert(1)'], /URL path/);
});

test('config file: unknown keys, bad JSON, a named file that is missing, a directory', () => {
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ seeds: 1 }));
  fails([], /unknown setting "seeds"/, dir);
  writeFileSync(path.join(dir, 'report.config.json'), '{ nope');
  fails([], /invalid JSON/, dir);
  fails(['--config', path.join(dir, 'missing.json')], /cannot read config file \(ENOENT\)/);
  mkdirSync(path.join(dir, 'd.json'));
  fails(['--config', path.join(dir, 'd.json')], /is a directory/);
});

test('extra flags are declared per script and returned separately', () => {
  const { extra } = resolveConfig(['--k', '5', '--json'], { cwd: empty(), extra: { k: { type: 'string', help: 'K' }, json: { type: 'boolean', help: 'json' } } });
  assert.is(extra.get('k'), '5');
  assert.is(extra.get('json'), true);
});

test('help lists every flag with its default', () => {
  const text = helpText('npm run build --');
  for (const flag of ['--seed', '--users', '--titles', '--out', '--ratings', '--movies', '--catalog']) assert.ok(text.includes(flag), flag);
  assert.match(text, /--seed V\s+.*\(default 42\)/);
});

test.run();
