// `--user-pages FILE`: the users who get a page, one id a line. Read once, before the pipeline
// runs, so a bad file fails in milliseconds; checked against the data's ids once the data is
// loaded (userPages.ts), so an unknown id names its line too. Every problem is one InputError
// naming the file (and the line), with file values shown only through `quoted`.
//
// Rules: UTF-8 (a BOM is fine), LF or CRLF line ends; each line is trimmed of spaces and tabs;
// blank lines are skipped; every other line is one user id, exactly as the data spells it. An id
// listed twice is an error (a cohort is a set, and a repeated line is usually a pasting mistake),
// as is a file with no ids at all.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../types.ts';
import { quoted } from '../util/quote.ts';

/** A cohort file holds ids, not data: anything larger is not one. */
export const MAX_COHORT_BYTES = 64 * 1024 * 1024;

export interface Cohort {
  /** The file as named on the command line or in the settings. */
  file: string;
  /** Each id and the 1-based line it is on, in file order. */
  lines: Map<string, number>;
}

function readBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--user-pages ${file}: cannot read the cohort file (${code ?? 'error'}); give all, a number of users, or a file of user ids`, { file, cause: err });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError(`--user-pages ${file}: is not a regular file, expected a file of user ids, one a line`, { file });
    if (info.size > MAX_COHORT_BYTES) throw new InputError(`--user-pages ${file}: larger than ${MAX_COHORT_BYTES / 1024 / 1024} MiB, too big for a list of user ids`, { file });
    const buf = Buffer.alloc(info.size + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > info.size) throw new InputError(`--user-pages ${file}: the file grew while it was read`, { file });
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Parses a cohort file's text (the rules above); `file` names it in messages. */
export function parseCohort(text: string, file: string): Cohort {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new Map<string, number>();
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const line = i + 1;
    const row = rows[i].endsWith('\r') ? rows[i].slice(0, -1) : rows[i];
    if (row.includes('\r')) throw new InputError(`${file}:${line}: a lone carriage return (old Mac line ends): save the file with LF or CRLF line ends`, { file, line });
    const id = row.replace(/^[ \t]+|[ \t]+$/g, '');
    if (id === '') continue;
    const first = lines.get(id);
    if (first !== undefined) throw new InputError(`${file}:${line}: user ${quoted(id)} is listed twice (first on line ${first})`, { file, line });
    lines.set(id, line);
  }
  if (lines.size === 0) throw new InputError(`${file}: no user ids: list the users who get a page, one id a line`, { file });
  return { file, lines };
}

export function readCohort(file: string): Cohort {
  const bytes = readBytes(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    // the line of the first bad byte (where the lenient decoder put its first U+FFFD), so it can be found
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\ufffd');
    const line = at < 0 ? null : lenient.slice(0, at).split('\n').length;
    throw new InputError(`${file}${line === null ? '' : `:${line}`}: invalid UTF-8: save the cohort file as UTF-8`, { file, line, cause: err });
  }
  return parseCohort(text, file);
}
