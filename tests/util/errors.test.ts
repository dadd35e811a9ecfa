// The one error model: user errors carry their exit code and cause, worker errors cross the
// thread boundary whole, and the CLI handler prints one line (the stack and causes under DEBUG).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeWithCauses, fromWorkerError, toWorkerError, UserError } from '../../build/util/errors.ts';
import { InputError } from '../../build/types.ts';
import { InsightError } from '../../build/insights/insightError.ts';
import { reportError } from '../../scripts/cli.ts';

function report(err: unknown, debug = false): { code: number; text: string } {
  let text = '';
  const code = reportError(err, { write: (s: string) => (text += s) }, debug);
  return { code, text };
}

test('InputError and InsightError are user errors: exit 2, their names and fields kept, the cause kept', () => {
  const low = new Error('EACCES: permission denied');
  const input = new InputError('r.csv: cannot read file (permission denied)', { file: 'r.csv', cause: low });
  assert.instance(input, UserError);
  assert.is(input.name, 'InputError');
  assert.is(input.exitCode, 2);
  assert.is(input.file, 'r.csv');
  assert.is(input.cause, low);
  const insight = new InsightError('content/01.md', 3, 'unknown fact "x"');
  assert.instance(insight, UserError);
  assert.is(insight.name, 'InsightError');
  assert.is(insight.message, 'content/01.md:3: unknown fact "x"');
  assert.is(insight.exitCode, 2);
  assert.is(new UserError('x', { exitCode: 3 }).exitCode, 3);
});

test('the CLI handler: a user error is one line and its exit code, whatever its name', () => {
  const err = new UserError('--seed: invalid value "x"\nsecond line', { exitCode: 2 });
  err.name = 'SomethingElse';
  // still one terminal line: a line break the message should not hold is shown, not obeyed
  assert.equal(report(err), { code: 2, text: 'error: --seed: invalid value "x"\\nsecond line\n' });
  // an Error that only calls itself InputError is not one: no name strings decide
  const impostor = new Error('boom');
  impostor.name = 'InputError';
  assert.is(report(impostor).code, 1);
});

test('the CLI handler: an internal error says how to get the stack; DEBUG prints the cause chain', () => {
  const root = new Error('the root cause');
  const err = new Error('it broke', { cause: root });
  const plain = report(err);
  assert.is(plain.code, 1);
  assert.is(plain.text, 'internal error: it broke\nRun again with DEBUG=1 for the stack trace, and please report it.\n');
  const debug = report(err, true).text;
  assert.match(debug, /^internal error: it broke\nError: it broke\n\s+at /);
  assert.match(debug, /\ncaused by: Error: the root cause\n\s+at /);
  assert.match(report(new InputError('bad', { cause: root }), true).text, /caused by: Error: the root cause/);
});

test('describeWithCauses stops at a cycle and at a non-Error cause', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  assert.is(describeWithCauses(b).split('caused by').length, 2);
  assert.match(describeWithCauses(new Error('x', { cause: 'a string' })), /caused by: a string$/);
});

test('a worker error round-trips: internal errors keep name, message and stack as the cause', () => {
  const inWorker = new TypeError('cannot read x');
  const posted = structuredClone(toWorkerError(inWorker));
  const err = fromWorkerError(posted, 'evaluation worker');
  assert.not.instance(err, UserError);
  assert.is(err.message, 'evaluation worker: TypeError: cannot read x');
  const cause = err.cause as Error;
  assert.is(cause.name, 'TypeError');
  assert.is(cause.message, 'cannot read x');
  assert.is(cause.stack, inWorker.stack);
});

test('a worker error round-trips: a user error stays one, with its exit code and fields', () => {
  const posted = structuredClone(toWorkerError(new InputError('r.csv:3: bad rating', { file: 'r.csv', line: 3 })));
  const err = fromWorkerError(posted, 'evaluation worker') as UserError & { file: string; line: number };
  assert.instance(err, UserError);
  assert.is(err.message, 'r.csv:3: bad rating');
  assert.is(err.name, 'InputError');
  assert.is(err.exitCode, 2);
  assert.is(err.file, 'r.csv');
  assert.is(err.line, 3);
  assert.match((err.cause as Error).stack!, /errors\.test\.ts/);
  assert.equal(toWorkerError('not an error'), { name: 'Error', message: 'not an error', stack: null, user: null });
});

test('a message is one terminal line whatever a path in it holds', () => {
  const { code, text } = report(new InputError('/tmp/a\u001b[2Jb\rc\nd.csv: cannot read file'));
  assert.is(code, 2);
  assert.is(text, 'error: /tmp/a\\u001b[2Jb\\rc\\nd.csv: cannot read file\n');
  assert.is(report(new Error('boom\u202e\nsecond line')).text.split('\n')[0], 'internal error: boom\\u202e');
});

test.run();
