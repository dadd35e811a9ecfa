// What every entry point shares: one place that turns errors into one clear line and an exit
// code. A UserError (build/util/errors.ts: bad flags, bad input, content that no longer matches
// the data) prints its message and exits with its code (2); anything else is a bug: exit 1, and
// DEBUG=1 prints the stack with every cause under it.
import { describeWithCauses, EXIT_INTERNAL, UserError } from '../build/util/errors.ts';
import { visible } from '../build/util/quote.ts';

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    process.exitCode = reportError(err, process.stderr, Boolean(process.env.DEBUG));
  }
}

/**
 * Writes what the user should see for `err`; returns the exit code. A user error (one line by
 * contract) and an internal error's first line are written with every control character
 * visible: data values were quoted where they were put in, but paths as typed (a file name
 * holding ESC or a line break) come through here too.
 */
export function reportError(err: unknown, out: { write(s: string): unknown }, debug: boolean): number {
  if (err instanceof UserError) {
    out.write(`error: ${visible(err.message)}\n`);
    if (debug) out.write(`${describeWithCauses(err)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  out.write(`internal error: ${visible(message.split('\n')[0])}\n`);
  out.write(debug ? `${describeWithCauses(err)}\n` : 'Run again with DEBUG=1 for the stack trace, and please report it.\n');
  return EXIT_INTERNAL;
}
