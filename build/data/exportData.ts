// `--export-data DIR`: the dataset written in the --data schema (build/data/service.ts), as
// DIR/csv/*.csv and DIR/parquet/*.parquet, each folder a valid --data input. Building from either
// gives the same recommendations and figures as the build that exported it (tests/data/
// roundTrip.test.ts): the real-data path checked on data whose truth we know.
//
// Values are written exactly: times as ISO 8601 with milliseconds, numbers as JavaScript prints
// them (shortest round-trip form). The CSV is plain RFC 4180, without the spreadsheet-formula
// guard the site's downloads get: this file is for machines, and a leading apostrophe would change
// the title read back.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Dataset } from '../types.ts';

/** Marks a folder this tool wrote, so a second export may replace it and nothing else. */
const MARKER = '.report-data-export';

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(header: string[], rows: Iterable<(string | number | null)[]>): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return `${lines.join('\n')}\n`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Each table as CSV text, with the DuckDB types its Parquet twin gets. */
export interface DataTable {
  name: string;
  text: string;
  types: Record<string, string>;
}

export function dataTables(ds: Dataset): DataTable[] {
  const tables: DataTable[] = [
    {
      name: 'titles',
      text: csvText(
        ['title_id', 'title', 'genres', 'year', 'kind', 'duration_min', 'description', 'tags'],
        (function* () {
          for (const t of ds.titles) yield [t.id, t.name, t.genres.join('|'), t.year, t.kind, t.durationMin, t.description, t.tags.join('|')];
        })(),
      ),
      types: { title_id: 'VARCHAR', title: 'VARCHAR', genres: 'LIST', year: 'INTEGER', kind: 'VARCHAR', duration_min: 'DOUBLE', description: 'VARCHAR', tags: 'LIST' },
    },
    {
      name: 'users',
      text: csvText(
        ['user_id', 'plan', 'region'],
        (function* () {
          for (const u of ds.users) yield [u.id, u.plan, u.region];
        })(),
      ),
      types: { user_id: 'VARCHAR', plan: 'VARCHAR', region: 'VARCHAR' },
    },
  ];
  // Inferred ratings are not ratings: an export of implicit data writes its plays only.
  if (!ds.implicit && ds.ratings.length > 0) {
    tables.push({
      name: 'ratings',
      text: csvText(
        ['user_id', 'title_id', 'rating', 'timestamp'],
        (function* () {
          const { ratings } = ds;
          for (let i = 0; i < ratings.length; i++) yield [ratings.userId(i), ratings.titleId(i), ratings.value[i], iso(Number.isNaN(ratings.time[i]) ? null : ratings.time[i])];
        })(),
      ),
      types: { user_id: 'VARCHAR', title_id: 'VARCHAR', rating: 'DOUBLE', timestamp: 'TIMESTAMP' },
    });
  }
  if (ds.sessions) {
    tables.push({
      name: 'plays',
      text: csvText(
        ['user_id', 'title_id', 'start', 'device', 'minutes'],
        (function* () {
          const plays = ds.sessions!;
          for (let i = 0; i < plays.length; i++) yield [plays.userId(i), plays.titleId(i), iso(plays.start[i]), plays.deviceName(i), plays.minutes[i]];
        })(),
      ),
      types: { user_id: 'VARCHAR', title_id: 'VARCHAR', start: 'TIMESTAMP', device: 'VARCHAR', minutes: 'DOUBLE' },
    });
  }
  return tables;
}

/** SQL turning an all-text CSV column into its Parquet type. */
function typed(column: string, type: string): string {
  const col = `"${column}"`;
  switch (type) {
    case 'LIST':
      return `list_filter(string_split(coalesce(${col}, ''), '|'), x -> x <> '') AS ${col}`;
    case 'TIMESTAMP':
      return `strptime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${col}`;
    default:
      return `CAST(${col} AS ${type}) AS ${col}`;
  }
}

/** A SQL string literal (COPY … TO takes no bound parameter for its target). */
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * CSV files (written by `csvText`) → Parquet files with the given column types, through one
 * DuckDB instance. Types are DuckDB's (VARCHAR, INTEGER, DOUBLE, FLOAT, TIMESTAMP) or LIST
 * ("|"-separated text → a list of text).
 */
export async function csvToParquet(jobs: { source: string; target: string; types: Record<string, string> }[]): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    for (const { source, target, types } of jobs) {
      const select = Object.entries(types).map(([c, type]) => typed(c, type));
      await connection.run(
        `COPY (SELECT ${select.join(', ')} FROM read_csv(${literal(source)}, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', auto_detect = false, columns = {${Object.keys(types).map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}})) TO ${literal(target)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Writes a folder this tool owns: refuses a file, or a non-empty folder without `marker`; fills a
 * new staging folder beside it (a unique name, so nothing of the user's is ever removed), then
 * swaps it in, so a failed write leaves the previous folder as it was.
 */
export async function writeOwnFolder(dir: string, flag: string, marker: string, fill: (staging: string) => Promise<void>): Promise<void> {
  const target = path.resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new InputError(`${dir}: ${flag} needs a folder, and this is a file`, { file: dir });
    if (readdirSync(target).length > 0 && !existsSync(path.join(target, marker))) {
      throw new InputError(`${dir}: ${flag} will not write into a non-empty folder it did not create; give a new or empty folder`, { file: dir });
    }
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    await fill(staging);
    writeFileSync(path.join(staging, marker), `Written by ${flag}; a later ${flag} may replace this folder.\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

export async function exportData(ds: Dataset, dir: string): Promise<string[]> {
  const tables = dataTables(ds);
  await writeOwnFolder(dir, '--export-data', MARKER, async (staging) => {
    mkdirSync(path.join(staging, 'csv'));
    mkdirSync(path.join(staging, 'parquet'));
    for (const t of tables) writeFileSync(path.join(staging, 'csv', `${t.name}.csv`), t.text);
    await csvToParquet(tables.map((t) => ({ source: path.join(staging, 'csv', `${t.name}.csv`), target: path.join(staging, 'parquet', `${t.name}.parquet`), types: t.types })));
  });
  return tables.map((t) => t.name);
}
