// `--export-data DIR`: the dataset written in the --data schema (build/data/service.ts), as
// DIR/csv/*.csv and DIR/parquet/*.parquet, each folder a valid --data input. Building from either
// gives the same recommendations and figures as the build that exported it (tests/data/
// roundTrip.test.ts): the real-data path checked on data whose truth we know.
//
// Values are written exactly: times as ISO 8601 with milliseconds, numbers as JavaScript prints
// them (shortest round-trip form). The CSV is plain RFC 4180, without the spreadsheet-formula
// guard the site's downloads get: this file is for machines, and a leading apostrophe would change
// the title read back.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Dataset } from '../types.ts';

/** Marks a folder this tool wrote, so a second export may replace it and nothing else. */
const MARKER = '.report-data-export';

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(header: string[], rows: Iterable<(string | number | null)[]>): string {
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
      text: csv(
        ['title_id', 'title', 'genres', 'year', 'kind', 'duration_min', 'description', 'tags'],
        (function* () {
          for (const t of ds.titles) yield [t.id, t.name, t.genres.join('|'), t.year, t.kind, t.durationMin, t.description, t.tags.join('|')];
        })(),
      ),
      types: { title_id: 'VARCHAR', title: 'VARCHAR', genres: 'LIST', year: 'INTEGER', kind: 'VARCHAR', duration_min: 'DOUBLE', description: 'VARCHAR', tags: 'LIST' },
    },
    {
      name: 'users',
      text: csv(
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
      text: csv(
        ['user_id', 'title_id', 'rating', 'timestamp'],
        (function* () {
          for (const r of ds.ratings) yield [r.userId, r.titleId, r.value, iso(r.timestamp)];
        })(),
      ),
      types: { user_id: 'VARCHAR', title_id: 'VARCHAR', rating: 'DOUBLE', timestamp: 'TIMESTAMP' },
    });
  }
  if (ds.sessions) {
    tables.push({
      name: 'plays',
      text: csv(
        ['user_id', 'title_id', 'start', 'device', 'minutes'],
        (function* () {
          for (const s of ds.sessions!) yield [s.userId, s.titleId, iso(s.start), s.device, s.minutes];
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

export async function exportData(ds: Dataset, dir: string): Promise<string[]> {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, MARKER))) {
    throw new InputError(`${dir}: --export-data will not write into a non-empty folder it did not create; give a new or empty folder`, { file: dir });
  }
  const staging = `${dir.replace(/[\\/]+$/, '')}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'csv'), { recursive: true });
  mkdirSync(path.join(staging, 'parquet'), { recursive: true });
  const tables = dataTables(ds);
  for (const t of tables) writeFileSync(path.join(staging, 'csv', `${t.name}.csv`), t.text);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    for (const t of tables) {
      const source = path.join(staging, 'csv', `${t.name}.csv`);
      const target = path.join(staging, 'parquet', `${t.name}.parquet`);
      const select = Object.entries(t.types).map(([c, type]) => typed(c, type));
      await connection.run(
        `COPY (SELECT ${select.join(', ')} FROM read_csv(${literal(source)}, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', auto_detect = false, columns = {${Object.keys(t.types).map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}})) TO ${literal(target)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  writeFileSync(path.join(staging, MARKER), 'Written by --export-data; a later export may replace this folder.\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return tables.map((t) => t.name);
}
