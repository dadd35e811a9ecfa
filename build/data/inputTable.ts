// One table of a service's own data (build/data/service.ts), read from CSV or Parquet the same
// way: columns found by name (renamed through the data folder's columns.json), required ones
// checked once, optional ones read when present, unknown ones ignored (warehouse exports carry
// extra columns). Every cell reaches the loader as a string, so one set of checks serves both
// formats and every bad cell gets the same one-line message: CSV names the line, Parquet the
// data row (`titles.parquet: row 12: column "year": expected …`).
//
// Parquet goes through DuckDB (@duckdb/node-api): a maintained, embeddable engine that reads
// Parquet with every encoding and compression warehouses write, streams it in chunks, and is what
// Evidence and Observable Framework use for the same job. The path is passed as a bound
// parameter, never spliced into SQL.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { InputError, type SourceFile } from '../types.ts';
import type { DuckDBDecimalValue } from '@duckdb/node-api';
import { CSV_LIMITS, CsvReader, normaliseField, shown, type CsvLimits } from './csv.ts';

export interface TableSpec {
  /** The table's name in messages and in columns.json ("titles", "plays", …). */
  name: string;
  required: readonly string[];
  optional: readonly string[];
  /**
   * Columns a Parquet file may deliver as JavaScript numbers rather than text, when its column
   * is numeric (the number) or a timestamp (Unix seconds): the readers of these columns take
   * either. At 10⁸ ratings, writing each rating and time as text in DuckDB and parsing it back
   * here was most of the load.
   */
  numeric?: readonly string[];
  /**
   * Id columns a Parquet file may deliver as JavaScript integers, when its column is an integer
   * of up to 32 bits: the id is then the integer's decimal text, as a cast to text gives it, and
   * the readers look it up by number (a fresh string per row cost a hash per lookup).
   */
  integerIds?: readonly string[];
}

/** A cell: text, or (only in a spec's `numeric` and `integerIds` columns, from Parquet) a number. */
export type Field = string | number;

/** One data row: fields in the spec's order (required, then optional; '' where absent or null). */
export interface InputRow {
  /** CSV: the 1-based line the record starts on; Parquet: the 1-based data row. */
  line: number;
  fields: Field[];
}

export interface InputTable {
  readonly path: string;
  readonly format: 'csv' | 'parquet';
  /** The optional columns the file has (by canonical name). */
  readonly present: ReadonlySet<string>;
  batches(): AsyncGenerator<InputRow[]>;
  /** Throws the standard one-line error for a bad cell. */
  fail(line: number, column: string, expected: string, got: Field): never;
  file(): SourceFile;
  /** Characters changed by normalisation (control characters and the like). */
  readonly normalised: number;
}

/** Where a row is, as messages write it. */
function place(path: string, format: 'csv' | 'parquet', line: number): string {
  return format === 'csv' ? `${path}:${line}` : `${path}: row ${line}`;
}

function failAt(path: string, format: 'csv' | 'parquet', line: number, column: string, expected: string, got: Field): never {
  throw new InputError(`${place(path, format, line)}: column "${column}": expected ${expected}, got ${shown(String(got))}`, { file: path, line, field: column });
}

/**
 * For each spec column, the index of the file column holding it (-1: absent optional). `rename`
 * maps canonical names to the file's names. Throws when a required column is missing.
 */
function locate(path: string, names: readonly string[], spec: TableSpec, rename: ReadonlyMap<string, string>, line: number | null): number[] {
  const wantedNames = [...spec.required, ...spec.optional].map((c) => rename.get(c) ?? c);
  if (!names.some((n) => wantedNames.includes(n))) {
    // Not a header of this table at all (a mistyped path, a key file): echo nothing of it.
    throw new InputError(
      `${path}${line === null ? '' : `:${line}`}: the first line is not a header of the ${spec.name} table (it names none of its columns); the ${spec.name} table needs ${spec.required.join(', ')}`,
      { file: path, line },
    );
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InputError(`${path}${line === null ? '' : `:${line}`}: column ${shown(n)} appears twice`, { file: path, line, field: n });
    seen.add(n);
  }
  const wanted = [...spec.required, ...spec.optional];
  return wanted.map((column) => {
    const name = rename.get(column) ?? column;
    const at = names.indexOf(name);
    if (at < 0 && spec.required.includes(column)) {
      const how = name === column ? `"${column}"` : `${shown(name)} (for "${column}", as columns.json says)`;
      throw new InputError(
        `${path}${line === null ? '' : `:${line}`}: column ${how} is missing; the ${spec.name} table needs ${spec.required.join(', ')} (columns.json can map other names)`,
        { file: path, line, field: column },
      );
    }
    return at;
  });
}

/**
 * The Parquet files behind a path: the file itself, or, for a folder (what Spark writes for one
 * table), its `*.parquet` part files in name order. Each must be a regular file.
 */
async function parquetParts(path: string, limits: CsvLimits): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path, cause: err });
  }
  let parts = [path];
  if (info.isDirectory()) {
    parts = readdirSync(path).filter((f) => f.endsWith('.parquet')).sort().map((f) => join(path, f));
    if (parts.length === 0) throw new InputError(`${path}: a folder without .parquet part files`, { file: path });
  }
  let total = 0;
  for (const part of parts) {
    const partInfo = await stat(part);
    if (!partInfo.isFile()) throw new InputError(`${part}: is not a regular file, expected a Parquet file`, { file: part });
    total += partInfo.size;
  }
  if (total > limits.maxBytes * 4) throw new InputError(`${path}: above the ${limits.maxBytes * 4} byte limit for an input table`, { file: path });
  return parts;
}

/** Size and SHA-256 of a table's files, streamed in order (Parquet is not read by our CSV reader). */
async function describeFiles(path: string, parts: string[]): Promise<SourceFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const part of parts) {
    for await (const chunk of createReadStream(part)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  }
  return { path, bytes, sha256: hash.digest('hex') };
}

export function openCsvTable(path: string, spec: TableSpec, rename: ReadonlyMap<string, string>, limits: Partial<CsvLimits> = {}): InputTable {
  const reader = new CsvReader(path, limits);
  const maxRows = limits.maxRows ?? CSV_LIMITS.maxRows;
  const present = new Set<string>();
  const table: InputTable = {
    path,
    format: 'csv',
    present,
    get normalised() {
      return reader.normalised;
    },
    file: () => reader.file(),
    fail: (line, column, expected, got) => failAt(path, 'csv', line, column, expected, got),
    async *batches() {
      let order: number[] | null = null;
      // the file's columns are the spec's, in its order: its records are the rows as they are
      let same = false;
      let width = 0;
      let count = 0;
      let lastLine = 1;
      for await (const records of reader.batches()) {
        const out: InputRow[] = [];
        for (const record of records) {
          if (order === null) {
            order = locate(path, record.fields.map((f) => f.trim()), spec, rename, record.line);
            width = record.fields.length;
            same = width === order.length && order.every((at, i) => at === i);
            spec.optional.forEach((c, i) => {
              if (order![spec.required.length + i] >= 0) present.add(c);
            });
            continue;
          }
          lastLine = record.line;
          if (++count > maxRows) throw new InputError(`${path}:${record.line}: more than ${maxRows} data rows, the limit for one input file`, { file: path, line: record.line });
          if (record.fields.length !== width) {
            if (out.length > 0) yield out;
            throw new InputError(`${path}:${record.line}: expected ${width} fields as in the header, found ${record.fields.length} — quote fields that contain commas`, { file: path, line: record.line });
          }
          const fields = record.fields;
          out.push(same ? record : { line: record.line, fields: order.map((i) => (i < 0 ? '' : fields[i])) });
        }
        if (out.length > 0) yield out;
      }
      if (order === null) throw new InputError(`${path}:1: the file is empty, expected a header line`, { file: path, line: 1 });
      if (count === 0) throw new InputError(`${path}:${lastLine + 1}: no data rows after the header`, { file: path, line: lastLine + 1 });
    },
  };
  return table;
}

export function openParquetTable(path: string, spec: TableSpec, rename: ReadonlyMap<string, string>, limits: Partial<CsvLimits> = {}): InputTable {
  const present = new Set<string>();
  let normalised = 0;
  let described: SourceFile | null = null;
  const table: InputTable = {
    path,
    format: 'parquet',
    present,
    get normalised() {
      return normalised;
    },
    file: () => {
      if (described === null) throw new Error(`${path} has not been read to the end`);
      return described;
    },
    fail: (line, column, expected, got) => failAt(path, 'parquet', line, column, expected, got),
    async *batches() {
      const parts = await parquetParts(path, { ...CSV_LIMITS, ...limits });
      const maxRows = limits.maxRows ?? CSV_LIMITS.maxRows;
      const { DuckDBInstance, DuckDBDecimalValue, listValue } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
      const connection = await instance.connect();
      try {
        let columns: { name: string; type: string }[];
        try {
          const described = await connection.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [listValue(parts)]);
          columns = described.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
        } catch (err) {
          throw new InputError(`${path}: not a readable Parquet file (${firstLine(err)})`, { file: path, cause: err });
        }
        const names = columns.map((c) => c.name);
        const order = locate(path, names, spec, rename, null);
        spec.optional.forEach((c, i) => {
          if (order[spec.required.length + i] >= 0) present.add(c);
        });
        // Every wanted column as text: lists joined with "|" (the CSV convention), timestamps as
        // Unix seconds; a missing optional column is a NULL (→ '').
        const wanted = [...spec.required, ...spec.optional];
        const numeric = order.map(
          (i, c) => i >= 0 && (((spec.numeric ?? []).includes(wanted[c]) && NUMERIC_TYPES.test(columns[i].type)) || ((spec.integerIds ?? []).includes(wanted[c]) && INTEGER_TYPES.test(columns[i].type))),
        );
        // a 64-bit integer id column is read as a number when every id is a safe integer (one
        // pass over the column; Spark and warehouses write BIGINT ids as a rule)
        for (let c = 0; c < order.length; c++) {
          const i = order[c];
          if (i < 0 || numeric[c] || !(spec.integerIds ?? []).includes(wanted[c]) || !/^(?:BIGINT|UBIGINT)$/.test(columns[i].type)) continue;
          const col = `"${columns[i].name.replaceAll('"', '""')}"`;
          const range = await connection.runAndReadAll(`SELECT min(${col}) >= -9007199254740991 AND max(${col}) <= 9007199254740991 FROM read_parquet($1)`, [listValue(parts)]);
          numeric[c] = range.getRows()[0][0] === true;
        }
        const select = order.map((i, c) => {
          if (i < 0) return 'NULL';
          const col = `"${columns[i].name.replaceAll('"', '""')}"`;
          if (numeric[c] && INTEGER_TYPES.test(columns[i].type)) return col;
          if (numeric[c] && /BIGINT$/.test(columns[i].type)) return `CAST(${col} AS DOUBLE)`;
          if (numeric[c]) return /^TIMESTAMP/.test(columns[i].type) ? `CAST(epoch_ms(${col}) AS DOUBLE) / 1000` : `CAST(${col} AS DOUBLE)`;
          if (columns[i].type.endsWith('[]')) return `array_to_string(${col}, '|')`;
          // Unix seconds with milliseconds ("1717236000.250"): exact, and a fifth of strftime's cost.
          if (/^TIMESTAMP/.test(columns[i].type)) return `CAST(CAST(epoch_ms(${col}) AS DECIMAL(18, 0)) / 1000 AS DECIMAL(18, 3))`;
          return `CAST(${col} AS VARCHAR)`;
        });
        // Numbers, times and booleans written as text hold no control character: only text
        // columns go through normaliseField (a regex per value).
        const textual = order.map((i, c) => i >= 0 && !numeric[c] && !PLAIN_TYPES.test(columns[i].type));
        let result;
        try {
          result = await connection.stream(`SELECT ${select.join(', ')} FROM read_parquet($1)`, [listValue(parts)]);
        } catch (err) {
          throw new InputError(`${path}: not a readable Parquet file (${firstLine(err)})`, { file: path, cause: err });
        }
        let row = 0;
        for (;;) {
          let chunk;
          try {
            chunk = await result.fetchChunk();
          } catch (err) {
            throw new InputError(`${path}: row ${row + 1}: cannot read (${firstLine(err)})`, { file: path, line: row + 1, cause: err });
          }
          if (chunk === null || chunk.rowCount === 0) break;
          // Column by column from the vectors: getRows() built an array of values per row first.
          const out: InputRow[] = [];
          const vectors = order.map((_, c) => chunk.getColumnVector(c));
          const rows = chunk.rowCount; // a call into DuckDB each time it is read
          for (let r = 0; r < rows; r++) {
            row++;
            if (row > maxRows) throw new InputError(`${path}: row ${row}: more than ${maxRows} data rows, the limit for one input file`, { file: path, line: row });
            const fields: Field[] = new Array(vectors.length);
            for (let c = 0; c < vectors.length; c++) {
              const v = vectors[c].getItem(r);
              if (v === null || v === undefined) {
                fields[c] = '';
              } else if (numeric[c]) {
                fields[c] = v as number;
              } else if (v instanceof DuckDBDecimalValue) {
                fields[c] = decimalText(v);
              } else if (!textual[c]) {
                fields[c] = String(v);
              } else {
                const { value, changed } = normaliseField(String(v));
                normalised += changed;
                fields[c] = value;
              }
            }
            out.push({ line: row, fields });
          }
          yield out;
        }
        if (row === 0) throw new InputError(`${path}: no data rows`, { file: path, line: 1 });
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      described = await describeFiles(path, parts);
    },
  };
  return table;
}

/**
 * A decimal's text as its toString() writes it (sign, whole part, every fractional digit),
 * without that function's BigInt arithmetic per value while the scaled value is a safe integer:
 * the timestamps of 10⁷ ratings spent over a second there.
 */
function decimalText(d: DuckDBDecimalValue): string {
  const n = Number(d.value);
  if (d.scale < 1 || d.scale > 15 || !Number.isSafeInteger(n)) return d.toString();
  const abs = Math.abs(n);
  const unit = 10 ** d.scale;
  const frac = abs % unit;
  return `${n < 0 ? '-' : ''}${(abs - frac) / unit}.${String(frac).padStart(d.scale, '0')}`;
}

/** DuckDB integer types JavaScript gets as numbers (not BigInt): what an `integerIds` column may be. */
const INTEGER_TYPES = /^(?:TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT|UINTEGER)$/;

/** DuckDB types a `numeric` column is read from as a number (timestamps as Unix seconds). */
const NUMERIC_TYPES = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\)|TIMESTAMP(?:_S|_MS|_NS| WITH TIME ZONE)?)$/;

/** DuckDB types whose text is digits, signs, separators, "inf", "nan", "true" or "false". */
const PLAIN_TYPES = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\)|BOOLEAN|DATE|TIMESTAMP(?:_S|_MS|_NS| WITH TIME ZONE)?)$/;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 200);
}
