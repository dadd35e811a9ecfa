// The error of content that does not fit the data or the syntax: one line naming file:line,
// which the CLI prints as it is (exit 2).
import { UserError } from '../util/errors.ts';

/** A content error: `message` is one line, `file:line: what is wrong`. */
export class InsightError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${file}:${line}: ${detail}`, { cause: options.cause });
    this.name = 'InsightError';
  }
}
