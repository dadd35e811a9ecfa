// The one place this project runs code in worker threads, in two forms:
// - a job: name the entry module by its URL (`new URL('./worker.ts', import.meta.url)`), start
//   it with `runWorker` (or `startJob`, to keep posting it work), and post its outcome as an
//   `Outcome` (a result, or the error whole: see errors.ts). The evaluation runs this way, beside
//   the rest of the build, and so does the second writer of user pages.
// - a synchronous share (`startSharedWork`): a caller that must stay synchronous (the model is
//   built synchronously) hands a function's source and shared memory to one kept helper thread,
//   works on its own half, and blocks until the helper is done. The similarity kernel runs so.
//
// The entry is a TypeScript source, and the worker thread has no TypeScript loader of its own
// (the tests run under tsx, the build as one esbuild bundle), so it runs through the same
// launcher as the build: scripts/launch.mjs bundles the entry and imports it. The launcher gives
// every bundled module its source's `import.meta.url`, so these URLs resolve the same way under
// tsx and in the bundle, with no search of the disk.
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';
import { fromWorkerError, toWorkerError, type WorkerError } from './errors.ts';

const LAUNCHER = new URL('../../scripts/launch.mjs', import.meta.url);

/** Starts the TypeScript module at `entry` in a worker thread (its output not piped to ours). */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(LAUNCHER, { stdout: false, stderr: false, ...options, argv: [fileURLToPath(entry), ...(options.argv ?? [])] });
}

/** What a worker posts for a piece of work: its result, or its error as plain data. */
export type Outcome<T> = { result: T; error?: undefined } | { result?: undefined; error: WorkerError };

/** In the worker: runs `work` and returns its outcome, for posting. */
export function outcomeOf<T>(work: () => T): Outcome<T> {
  try {
    return { result: work() };
  } catch (err) {
    return { error: toWorkerError(err) };
  }
}

/** In the main thread: the result of a posted outcome, or its error rethrown (see fromWorkerError). */
export function resultOf<T>(outcome: Outcome<T>, worker: string): T {
  if (outcome.error) throw fromWorkerError(outcome.error, worker);
  return outcome.result as T;
}

/**
 * Runs a worker that posts one Outcome and ends: its result, or its error (named `worker` in the
 * message) as a rejection; a worker that ends without posting one rejects too.
 */
export function runWorker<T>(entry: URL, worker: string, options: WorkerOptions = {}): Promise<T> {
  return startJob<T>(entry, worker, options).result;
}

/**
 * A job worker the caller keeps talking to (`worker.postMessage`) until it posts its one Outcome.
 * `result` is that outcome, as for runWorker; it is already handled, so a job that fails while
 * the caller is still busy is not an unhandled rejection: the caller meets the error when it
 * awaits `result`.
 */
export function startJob<T>(entry: URL, worker: string, options: WorkerOptions = {}): { worker: Worker; result: Promise<T> } {
  const w = startWorker(entry, options);
  const result = new Promise<T>((resolve, reject) => {
    let settled = false;
    w.once('message', (m: Outcome<T>) => {
      settled = true;
      try {
        resolve(resultOf(m, worker));
      } catch (err) {
        reject(err);
      }
    });
    w.once('error', (err) => {
      settled = true;
      reject(err);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`${worker} stopped (exit code ${code}) without a result`));
    });
  });
  result.catch(() => {});
  return { worker: w, result };
}

/**
 * One piece of synchronous work handed to the helper thread. `flag` is 0 while it runs, 1 when it
 * is done and 2 when it failed; the helper notifies it either way.
 */
export interface SharedWork {
  readonly flag: Int32Array;
  /** Blocks until the helper is done; rethrows its error whole (named `worker`), or a timeout's. */
  wait(worker: string, timeoutMs?: number): void;
}

/**
 * Runs `source`, the body of a function of `d`, on the helper thread with `d = data` (typed
 * arrays over SharedArrayBuffers are shared, the rest copied), and returns at once. If it throws,
 * the helper also notifies every Int32Array in `wake`, so a caller blocked on a barrier of its own
 * (Atomics.wait on one of them) wakes and sees `flag` at 2.
 */
export function startSharedWork(source: string, data: Record<string, unknown>, wake: Int32Array[] = []): SharedWork {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { worker, errors } = helperThread();
  worker.postMessage({ source, d: data, flag, wake });
  return {
    flag,
    wait(name, timeoutMs = 600_000) {
      const deadline = Date.now() + timeoutMs;
      while (flag[0] === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
      if (flag[0] === 2) {
        // The helper posted its error before raising the flag, so it is already on the port.
        const posted = receiveMessageOnPort(errors)?.message as WorkerError | undefined;
        throw posted ? fromWorkerError(posted, name) : new Error(`${name} failed without saying why`);
      }
      if (flag[0] !== 1) throw new Error(`${name} did not finish within ${Math.round(timeoutMs / 60_000)} minutes`);
    },
  };
}

/**
 * One helper thread for every synchronous share of the process, kept (unref'd, so it never holds
 * the process open) because a new one per call paid its start-up and ran its code cold
 * (interpreted at first): the build makes several calls. Work arrives as messages, which the
 * helper's own thread receives while the caller waits in Atomics.wait. The code runs through
 * new Function inside a fixed handler, so even a failure to compile it reaches the flag the caller
 * is blocked on; the error itself goes first to a port the caller reads synchronously
 * (receiveMessageOnPort): a blocked thread cannot take an ordinary message event. The helper is
 * plain JavaScript (eval), so it needs no launcher.
 */
let helper: { worker: Worker; errors: MessagePort } | null = null;
function helperThread(): { worker: Worker; errors: MessagePort } {
  if (helper) return helper;
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
const errors = workerData.errors;
let compiled = null, compiledFrom = null;
parentPort.on('message', ({ source, d, flag, wake }) => {
  try {
    if (compiledFrom !== source) { compiled = new Function('d', source); compiledFrom = source; }
    compiled(d);
    Atomics.store(flag, 0, 1);
  } catch (e) {
    errors.postMessage(e instanceof Error ? { name: e.name, message: e.message, stack: e.stack ?? null, user: null } : { name: 'Error', message: String(e), stack: null, user: null });
    Atomics.store(flag, 0, 2);
    for (const w of wake) Atomics.notify(w, 0);
  } finally { Atomics.notify(flag, 0); }
});`,
    { eval: true, stdout: false, stderr: false, workerData: { errors: port2 }, transferList: [port2] },
  );
  worker.unref();
  worker.on('exit', () => (helper = null));
  helper = { worker, errors: port1 };
  return helper;
}
