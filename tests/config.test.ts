import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULTS, resolveConfig, helpText } from '../build/config.ts';
import { InputError } from '../build/types.ts';

/** A new empty folder, removed when the tests end (each run made dozens under the temp folder). */
const made: string[] = [];
const empty = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
  made.push(dir);
  return dir;
};
test.after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

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
  fails(['--sed', '7'], /^unknown flag --sed — did you mean --seed\?$/);
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

test('--path-prefix: only an absolute URL path, no dot segments, scheme or "//"', () => {
  for (const ok of ['/', '/report/', '/my-repo/v1.2/', '/a~b/_c-d/']) assert.is(resolveConfig(['--path-prefix', ok], { cwd: empty() }).config.pathPrefix, ok);
  for (const bad of ['.', '..', '/../../', '/a/../', '/./', '/a/./b/', '//evil.example/', '/a//b/', 'https://x/', '/report', 'report/', '/a b/', '/%2e%2e/', '']) {
    fails(['--path-prefix', bad], /^--path-prefix: invalid value .*: expected a URL path such as \/ or \/report\//);
  }
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ pathPrefix: '/../../' }));
  fails([], /pathPrefix: invalid value "\/\.\.\/\.\.\/": expected a URL path/, dir);
});

test('--feedback: auto by default, one of auto, ratings, plays, both; --data takes no other source', () => {
  assert.is(resolveConfig([], { cwd: empty() }).config.feedback, 'auto');
  for (const ok of ['ratings', 'plays', 'both']) assert.is(resolveConfig(['--feedback', ok], { cwd: empty() }).config.feedback, ok);
  fails(['--feedback', 'stars'], /^--feedback: invalid value "stars": expected auto, ratings, plays, both$/);
  fails(['--data', 'd', '--catalog', 'c.csv'], /^--data cannot be combined with --catalog or --ratings\/--movies: choose one data source$/);
});

test('values and keys from flags and settings are shown escaped: no terminal control reaches the message', () => {
  fails(['--seed', '\u001b[2J\r7'], /^--seed: invalid value "\\u001b\[2J\\r7": expected a whole number$/);
  fails(['--\u001b[2J\nx'], /^unknown flag --\\u001b\[2J\\nx \(see --help for the flags\)$/);
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ 'se\red\u001b]0;x\u0007': 1 }));
  fails([], /unknown setting "se\\red\\u001b\]0;x\\u0007" \(known: /, dir);
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ endDate: '\u202e2025-01-01' }));
  fails([], /endDate: invalid value "\\u202e2025-01-01": expected a date/, dir);
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ seed: ['x'.repeat(5000)] }));
  fails([], /seed: invalid value "\[\\"x+\.\.\.": expected a whole number$/, dir);
});

test('config file: a leading BOM is fine', () => {
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), '\ufeff{"seed": 7}\n');
  assert.is(resolveConfig([], { cwd: dir }).config.seed, 7);
});

test('config file: a JSON error gives its place, never the file\'s text', () => {
  const dir = empty();
  const file = path.join(dir, 'c.json');
  writeFileSync(file, '{"seed": 1,\n SECRET-LINE-FROM-THE-FILE\n');
  fails(['--config', file], /^\S+c\.json: invalid JSON at line 2, column 2: expected a JSON object such as \{"seed": 42\}$/);
  writeFileSync(file, 'root:x:0:0:root:/root:/bin/bash\n');
  try {
    resolveConfig(['--config', file], { cwd: dir });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /invalid JSON/);
    assert.not.match((err as Error).message, /root/);
  }
  writeFileSync(file, Buffer.from([0x7b, 0xff, 0x7d]));
  fails(['--config', file], /c\.json: invalid UTF-8/);
});

test('config file: devices, FIFOs and huge files are refused before reading, without hanging', () => {
  if (existsSync('/dev/zero')) fails(['--config', '/dev/zero'], /^\/dev\/zero: is not a regular file \(a device, FIFO or socket\), expected a JSON file$/);
  if (existsSync('/dev/urandom')) fails(['--config', '/dev/urandom'], /is not a regular file/);
  const dir = empty();
  const fifo = path.join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
  fails(['--config', fifo], /fifo\.json: is not a regular file/);
  const big = path.join(dir, 'big.json');
  writeFileSync(big, `{"seed": 1}${' '.repeat(1024 * 1024)}`);
  fails(['--config', big], /big\.json: config file is larger than 1 MiB, too big for a settings file$/);
  const fits = path.join(dir, 'fits.json');
  writeFileSync(fits, `{"seed": 3}${' '.repeat(1024 * 1024 - 11)}`);
  assert.is(resolveConfig(['--config', fits], { cwd: dir }).config.seed, 3, 'exactly 1 MiB is still read');
});

test('extra flags are declared per script and returned separately', () => {
  const { extra } = resolveConfig(['--k', '5', '--json'], { cwd: empty(), extra: { k: { type: 'string', help: 'K' }, json: { type: 'boolean', help: 'json' } } });
  assert.is(extra.get('k'), '5');
  assert.is(extra.get('json'), true);
});

test('flag mistakes say what to do: the nearest flag, the value that is missing', () => {
  fails(['--ratings-per-usr', '3'], /^unknown flag --ratings-per-usr — did you mean --ratings-per-user\?$/);
  fails(['--zzzzzzzz'], /^unknown flag --zzzzzzzz \(see --help for the flags\)$/);
  fails(['-s', '7'], /^unknown flag -s /);
  fails(['--seed', '7', '--users'], /^--users needs a value \(a whole number\)$/);
  fails(['--end-date'], /^--end-date needs a value \(a date as YYYY-MM-DD\)$/);
  fails(['--users', '--out', 'X'], /^--users needs a value \(a whole number\), found the flag --out instead \(a value starting with a dash is written --users=-…\)$/);
  fails(['--drafts=yes'], /^--drafts takes no value/);
  fails(['report'], /^unexpected argument "report": every setting is a flag/);
  // a value that starts with a dash, written as asked, reaches the value check
  fails(['--seed=-1'], /^--seed: invalid value "-1"/);
  // the script's own flags are known too
  assert.throws(() => resolveConfig(['--jsn'], { cwd: empty(), extra: { json: { type: 'boolean', help: '' } } }), /did you mean --json\?/);
});

test('config file errors keep the error that revealed them as their cause', () => {
  const dir = empty();
  writeFileSync(path.join(dir, 'bad.json'), '{"seed": ');
  for (const [file, cause] of [['bad.json', SyntaxError], ['missing.json', Error]] as const) {
    try {
      resolveConfig(['--config', path.join(dir, file)], { cwd: dir });
      assert.unreachable('should have failed');
    } catch (err) {
      assert.instance(err, InputError);
      assert.instance((err as Error).cause, cause);
    }
  }
});

test('help lists every flag with its default', () => {
  const text = helpText('npm run build --');
  for (const flag of ['--seed', '--users', '--titles', '--out', '--ratings', '--movies', '--catalog']) assert.ok(text.includes(flag), flag);
  assert.match(text, /--seed V\s+.*\(default 42\)/);
});

test('--user-pages: all, a number of users, or a cohort file; in report.config.json too', () => {
  const pages = (argv: string[], cwd = empty()) => resolveConfig(argv, { cwd }).config.userPages;
  assert.equal(pages([]), { kind: 'all' });
  assert.equal(pages(['--user-pages', 'all']), { kind: 'all' });
  assert.equal(pages(['--user-pages', '2000']), { kind: 'sample', size: 2000 });
  assert.equal(pages(['--user-pages', 'cohort.txt']), { kind: 'cohort', file: 'cohort.txt' });
  assert.equal(pages(['--user-pages', './2000']), { kind: 'cohort', file: './2000' }, 'a file named like a number');
  const dir = empty();
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ userPages: 500 }));
  assert.equal(pages([], dir), { kind: 'sample', size: 500 });
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ userPages: 'all' }));
  assert.equal(pages(['--user-pages', '3'], dir), { kind: 'sample', size: 3 }, 'the flag wins');
  fails(['--user-pages', '0'], /^--user-pages: invalid value "0": expected all, a whole number of users from 1, or a file of user ids$/);
  fails(['--user-pages=-5'], /--user-pages: invalid value "-5"/);
  fails(['--user-pages'], /^--user-pages needs a value \(all, a number of users or a file of user ids\)$/);
  writeFileSync(path.join(dir, 'report.config.json'), JSON.stringify({ userPages: true }));
  fails([], /userPages: invalid value true: expected all, a whole number of users, or a file of user ids/, dir);
  assert.match(helpText('npm run build --'), /--user-pages V\s+which users get a page: all \(up to 20,000; .*\(default all\)/);
});

test.run();
