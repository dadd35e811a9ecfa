// What every entry point shares: one place that turns errors into one clear line and an exit
// code (2 for bad input or content that no longer matches the data, 1 for a bug).
import { InputError } from '../build/types.ts';

/** Errors a user can fix: their message is the whole story. */
export function isUserError(err: unknown): err is Error {
  return err instanceof InputError || (err instanceof Error && (err.name === 'InputError' || err.name === 'InsightError'));
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (isUserError(err)) {
      process.stderr.write(`error: ${err.message.split('\n')[0]}\n`);
      process.exitCode = 2;
    } else {
      const e = err as Error;
      process.stderr.write(`internal error: ${e?.message ?? String(err)}\n`);
      process.stderr.write(process.env.DEBUG ? `${e?.stack ?? ''}\n` : 'Run again with DEBUG=1 for the stack trace, and please report it.\n');
      process.exitCode = 1;
    }
  }
}
