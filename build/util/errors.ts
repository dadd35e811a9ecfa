// The one error model. A UserError is something the user can fix (a bad flag, a bad input file,
// content that no longer matches the data): its message is one line and the whole story, it
// carries the exit code the CLI returns, and the error that led to it stays reachable as `cause`.
// Anything else is a bug: the CLI says so and how to get the stack (scripts/cli.ts).
//
// Worker threads cannot throw across the thread boundary, so they post `toWorkerError(err)` and
// the main thread rethrows `fromWorkerError(...)`: the same kind of error, with the worker's own
// error (name, message, stack) as its cause.

/** Exit code of a user error: bad input, bad flags, content that does not fit the data. */
export const EXIT_USER = 2;
/** Exit code of an internal error (a bug). */
export const EXIT_INTERNAL = 1;

export interface UserErrorOptions {
  exitCode?: number;
  cause?: unknown;
}

export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? EXIT_USER;
  }
}

/** What a worker posts for an error: plain data that survives structured cloning. */
export interface WorkerError {
  name: string;
  message: string;
  stack: string | null;
  /** Set for a UserError (and subclasses): its exit code and own fields (file, line, …). */
  user: { exitCode: number; fields: Record<string, string | number | null> } | null;
}

export function toWorkerError(err: unknown): WorkerError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), stack: null, user: null };
  let user: WorkerError['user'] = null;
  if (err instanceof UserError) {
    const fields: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(err)) {
      if (k !== 'exitCode' && (v === null || typeof v === 'string' || typeof v === 'number')) fields[k] = v;
    }
    user = { exitCode: err.exitCode, fields };
  }
  return { name: err.name, message: err.message, stack: err.stack ?? null, user };
}

/**
 * The error to throw in the main thread for what a worker posted. A user error stays a user error
 * (same message, exit code and fields, so the CLI prints its one line); anything else becomes an
 * Error whose message says which worker failed. Either way `cause` is the worker's error, with
 * the worker's stack.
 */
export function fromWorkerError(w: WorkerError, worker: string): Error {
  const original = new Error(w.message);
  original.name = w.name;
  original.stack = w.stack ?? `${w.name}: ${w.message}`;
  if (w.user) {
    const err = new UserError(w.message, { exitCode: w.user.exitCode, cause: original });
    err.name = w.name;
    Object.assign(err, w.user.fields);
    return err;
  }
  return new Error(`${worker}: ${w.name === 'Error' ? '' : `${w.name}: `}${w.message}`, { cause: original });
}

/** The stack of `err` and of every cause below it, for DEBUG output. */
export function describeWithCauses(err: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    parts.push(parts.length === 0 ? text : `caused by: ${text}`);
    if (!(e instanceof Error)) break;
  }
  return parts.join('\n');
}
