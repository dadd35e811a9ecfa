// What every entry point shares: one place that turns errors into one clear line and an exit
// code. A UserError (build/util/errors.ts: bad flags, bad input, content that no longer matches
// the data) prints its message and exits with its code (2); anything else is a bug: exit 1, and
// DEBUG=1 prints the stack with every cause under it.
import { describeWithCauses, EXIT_INTERNAL, UserError } from '../build/util/errors.ts';

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    process.exitCode = reportError(err, process.stderr, Boolean(process.env.DEBUG));
  }
}

/** Writes what the user should see for `err`; returns the exit code. */
export function reportError(err: unknown, out: { write(s: string): unknown }, debug: boolean): number {
  if (err instanceof UserError) {
    out.write(`error: ${err.message.split('\n')[0]}\n`);
    if (debug) out.write(`${describeWithCauses(err)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  out.write(`internal error: ${message.split('\n')[0]}\n`);
  out.write(debug ? `${describeWithCauses(err)}\n` : 'Run again with DEBUG=1 for the stack trace, and please report it.\n');
  return EXIT_INTERNAL;
}
