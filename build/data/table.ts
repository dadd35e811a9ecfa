// A CSV file with a known header: checks the columns once, then yields data rows whose fields are
// in the expected column order. Also the one way loaders report a bad cell, so every message has
// the same shape: `file:line: column "name": expected …, got "…"`.
import { InputError, type SourceFile } from '../types.ts';
import { CSV_LIMITS, CsvReader, shown, type CsvLimits, type CsvRecord } from './csv.ts';

export class CsvTable {
  readonly path: string;
  readonly columns: readonly string[];
  private readonly reader: CsvReader;
  private readonly maxRows: number;

  constructor(path: string, columns: readonly string[], limits: Partial<CsvLimits> = {}) {
    this.path = path;
    this.columns = columns;
    this.reader = new CsvReader(path, limits);
    this.maxRows = limits.maxRows ?? CSV_LIMITS.maxRows;
  }

  /** Size and SHA-256 of the file, once `rows()` has been read to the end. */
  file(): SourceFile {
    return this.reader.file();
  }

  /** Characters changed by the reader's field normalisation (control characters and the like). */
  get normalised(): number {
    return this.reader.normalised;
  }

  /** Data rows, fields reordered to `columns`. Throws on a bad header, a header alone, or a short/long row. */
  async *rows(): AsyncGenerator<CsvRecord> {
    for await (const batch of this.batches()) yield* batch;
  }

  /** The same rows a chunk at a time (what the loaders use: one await per chunk, not per row). */
  async *batches(): AsyncGenerator<CsvRecord[]> {
    let order: number[] | null = null;
    let count = 0;
    let lastLine = 1;
    for await (const records of this.reader.batches()) {
      const out: CsvRecord[] = [];
      for (const record of records) {
        if (order === null) {
          order = checkHeader(this.path, record, this.columns);
          continue;
        }
        lastLine = record.line;
        count++;
        if (record.fields.length !== this.columns.length || count > this.maxRows) {
          // Hand over the good rows before it first, so errors surface in file order.
          if (out.length > 0) yield out;
          if (count > this.maxRows) {
            throw new InputError(`${this.path}:${record.line}: more than ${this.maxRows} data rows, the limit for one input file`, { file: this.path, line: record.line });
          }
          this.wrongFieldCount(record);
        }
        const fields = record.fields;
        out.push({ line: record.line, fields: order.map((i) => fields[i]) });
      }
      if (out.length > 0) yield out;
    }
    if (order === null) {
      throw new InputError(`${this.path}:1: the file is empty, expected the header ${shown(this.columns.join(','))}`, { file: this.path, line: 1 });
    }
    if (count === 0) {
      throw new InputError(`${this.path}:${lastLine + 1}: no data rows after the header`, { file: this.path, line: lastLine + 1 });
    }
  }

  /** Throws the standard one-line error for a bad cell. */
  fail(line: number, column: string, expected: string, got: string): never {
    throw new InputError(`${this.path}:${line}: column "${column}": expected ${expected}, got ${shown(got)}`, {
      file: this.path,
      line,
      field: column,
    });
  }

  private wrongFieldCount(record: CsvRecord): never {
    const n = record.fields.length;
    const expected = this.columns.length;
    if (n < expected) {
      throw new InputError(
        `${this.path}:${record.line}: column "${this.columns[n]}": missing; expected ${expected} fields (${this.columns.join(',')}), found ${n}`,
        { file: this.path, line: record.line, field: this.columns[n] },
      );
    }
    throw new InputError(
      `${this.path}:${record.line}: field ${expected + 1}: unexpected extra field ${shown(record.fields[expected])}; expected ${expected} fields (${this.columns.join(',')}) — quote fields that contain commas`,
      { file: this.path, line: record.line, field: String(expected + 1) },
    );
  }
}

/**
 * A display string from a cell: trimmed, with runs of whitespace (line breaks inside quotes
 * included) collapsed to one space, so a title is always one line in pages, charts and CSVs.
 */
export function oneLine(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * The header must name exactly `expected` (any order, each once). Returns, for each expected
 * column, its position in the file. A first line that names none of the columns is not echoed
 * back at all (it may be any file's first line: a mistyped path to /etc/passwd, a key file);
 * otherwise a name from the file is shown only through `shown` (quoted, escaped, short).
 */
export function checkHeader(path: string, header: CsvRecord, expected: readonly string[]): number[] {
  const names = header.fields;
  const at = (field: string, message: string): never => {
    throw new InputError(`${path}:${header.line}: ${message}; expected the header ${shown(expected.join(','))}`, { file: path, line: header.line, field });
  };
  if (!names.some((n) => expected.includes(n))) {
    throw new InputError(`${path}:${header.line}: the first line is not a header of this file (it names none of the expected columns); expected the header ${shown(expected.join(','))}`, { file: path, line: header.line });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) at(name, `column ${shown(name)} appears twice`);
    seen.add(name);
  }
  const unknown = names.filter((n) => !expected.includes(n));
  for (const column of expected) {
    if (names.includes(column)) continue;
    const pos = expected.indexOf(column);
    // Same position holds a name we do not know: most likely a renamed column.
    if (pos < names.length && unknown.includes(names[pos])) at(column, `column "${column}" is missing (found ${shown(names[pos])} in its place)`);
    at(column, `column "${column}" is missing`);
  }
  if (unknown.length > 0) at(unknown[0], `unexpected column ${shown(unknown[0])}`);
  return expected.map((c) => names.indexOf(c));
}
