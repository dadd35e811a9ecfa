// The error of content that does not fit the data or the syntax: one line naming file:line,
// which the CLI prints as it is (exit 2).

/** A content error: `message` is one line, `file:line: what is wrong`. */
export class InsightError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'InsightError';
  }
}
