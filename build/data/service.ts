// Loader for a service's own data (`--data DIR`): titles, users, ratings and plays, each from
// `<table>.csv` or `<table>.parquet` in DIR, with an optional `columns.json` renaming columns.
// The schema is documented in README ("Your own data") and mirrored by SERVICE_TABLES below.
//
// Documented rules:
// - titles and at least one of ratings and plays are required; users is optional (users seen
//   only in ratings or plays are added without plan or region, counted).
// - Ids are trimmed strings; an empty id, a repeated title or user id, or a rating or play of a
//   title the titles table does not list is an error naming file, line (Parquet: row) and column.
// - Lists (genres, tags, cast, director, country) are separated by "|" (columns.json's
//   "listSeparator" changes it). Parquet list columns are read as lists.
// - Times are ISO 8601 (a date, or a date and time; no zone means UTC) or Unix seconds.
// - The rating scale is given in columns.json ("ratingScale": {"min", "max", "step"}) or detected:
//   steps of 0.5 when any rating is a half, 1 otherwise; the top is 5 or 10, the smallest that
//   holds every rating; the bottom 0.5 for half steps, else 1 (0 when a 0 occurs).
// - Devices are grouped into the report's four (Mobile, TV, Desktop, Tablet) by the names in
//   DEVICE_NAMES (case and punctuation ignored); any other name is an error listing them.
// - Plays without ratings: each watched title gets an inferred rating (implicit.ts), so the same
//   recommender, explanations and evaluation protocol run on watch history.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEVICES, InputError, type Dataset, type Device, type Plays, type Title, type User } from '../types.ts';
import { deviceIndex, PlaysBuilder } from '../util/plays.ts';
import type { CsvLimits } from './csv.ts';
import { openCsvTable, openParquetTable, type Field, type InputTable, type TableSpec } from './inputTable.ts';
import { oneLine } from './table.ts';
import { YEARS } from './movielens.ts';
import { IMPLICIT_SCALE } from './implicit.ts';
import { learnFromPlays } from './feedback.ts';
import { plural } from '../util/numbers.ts';
import { quoted } from '../util/quote.ts';
import { parseTime, unixSeconds } from './times.ts';
import { IdDictionary, Ratings, RatingsBuilder } from '../util/ratings.ts';

export { parseTime };

export const SERVICE_TABLES = {
  titles: { name: 'titles', required: ['title_id', 'title', 'genres'], optional: ['year', 'kind', 'duration_min', 'description', 'tags', 'cast', 'director', 'country'] },
  users: { name: 'users', required: ['user_id'], optional: ['plan', 'region', 'signup_date'] },
  ratings: { name: 'ratings', required: ['user_id', 'title_id', 'rating'], optional: ['timestamp'], numeric: ['rating', 'timestamp'], integerIds: ['user_id', 'title_id'] },
  plays: { name: 'plays', required: ['user_id', 'title_id', 'start', 'device', 'minutes'], optional: [], numeric: ['start', 'minutes'], integerIds: ['user_id', 'title_id'] },
} as const satisfies Record<string, TableSpec>;

export type ServiceTable = keyof typeof SERVICE_TABLES;

/** Device names (lower case, letters and digits only) → the report's device groups. */
export const DEVICE_NAMES: ReadonlyMap<string, Device> = new Map<string, Device>([
  ...['mobile', 'phone', 'smartphone', 'iphone', 'android', 'ios', 'cellphone', 'mobileapp'].map((n) => [n, 'Mobile'] as [string, Device]),
  ...['tv', 'smarttv', 'television', 'ctv', 'connectedtv', 'console', 'gameconsole', 'roku', 'firetv', 'appletv', 'androidtv', 'chromecast', 'settopbox', 'stb'].map((n) => [n, 'TV'] as [string, Device]),
  ...['desktop', 'web', 'browser', 'pc', 'laptop', 'computer', 'mac', 'windows'].map((n) => [n, 'Desktop'] as [string, Device]),
  ...['tablet', 'ipad', 'androidtablet'].map((n) => [n, 'Tablet'] as [string, Device]),
]);

/** A play longer than a day is not one play. */
const MAX_PLAY_MINUTES = 24 * 60;

interface ColumnsFile {
  rename: Map<ServiceTable, Map<string, string>>;
  listSeparator: string;
  ratingScale: Dataset['ratingScale'] | null;
}

export interface ServiceFiles {
  dir: string;
  tables: Map<ServiceTable, string>;
}

/** The table files in DIR: `<name>.csv` or `<name>.parquet`, never both. */
export function findServiceFiles(dir: string): ServiceFiles {
  let info;
  try {
    info = statSync(dir);
  } catch (err) {
    throw new InputError(`${dir}: cannot read the data folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: dir, cause: err });
  }
  if (!info.isDirectory()) throw new InputError(`${dir}: --data expects a folder holding titles.csv or titles.parquet and ratings or plays`, { file: dir });
  const tables = new Map<ServiceTable, string>();
  for (const name of Object.keys(SERVICE_TABLES) as ServiceTable[]) {
    const found = ['csv', 'parquet'].map((ext) => path.join(dir, `${name}.${ext}`)).filter((p) => existsSync(p));
    if (found.length > 1) throw new InputError(`${dir}: both ${name}.csv and ${name}.parquet are present; keep one`, { file: dir });
    if (found.length === 1) tables.set(name, found[0]);
  }
  if (!tables.has('titles')) throw new InputError(`${dir}: no titles.csv or titles.parquet (the titles table is required)`, { file: dir });
  if (!tables.has('ratings') && !tables.has('plays')) {
    throw new InputError(`${dir}: no ratings or plays table (ratings.csv/.parquet or plays.csv/.parquet): the report needs at least one`, { file: dir });
  }
  return { dir, tables };
}

/** columns.json: {"titles": {"title_id": "show_id"}, "listSeparator": ",", "ratingScale": {…}}. */
export function readColumnsFile(dir: string): ColumnsFile {
  const file = path.join(dir, 'columns.json');
  const out: ColumnsFile = { rename: new Map(), listSeparator: '|', ratingScale: null };
  if (!existsSync(file)) return out;
  const info = statSync(file);
  if (!info.isFile() || info.size > 64 * 1024) throw new InputError(`${file}: expected a small JSON file of column names`, { file });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(`${file}: invalid JSON (${String((err as Error).message).split('\n')[0].slice(0, 120)})`, { file, cause: err });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError(`${file}: expected a JSON object`, { file });
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'listSeparator') {
      if (typeof value !== 'string' || value.length !== 1) throw new InputError(`${file}: listSeparator: expected one character, such as "|" or ","`, { file, field: key });
      out.listSeparator = value;
    } else if (key === 'ratingScale') {
      const s = value as Record<string, unknown>;
      const ok = s && typeof s === 'object' && ['min', 'max', 'step'].every((k) => typeof s[k] === 'number' && Number.isFinite(s[k] as number));
      if (!ok || (s.min as number) >= (s.max as number) || (s.step as number) <= 0) {
        throw new InputError(`${file}: ratingScale: expected {"min": 1, "max": 5, "step": 1} with min below max and a positive step`, { file, field: key });
      }
      out.ratingScale = { min: s.min as number, max: s.max as number, step: s.step as number };
    } else if (key in SERVICE_TABLES) {
      const spec = SERVICE_TABLES[key as ServiceTable];
      const columns = [...spec.required, ...spec.optional] as string[];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${file}: ${key}: expected an object of column names`, { file, field: key });
      const rename = new Map<string, string>();
      for (const [canonical, name] of Object.entries(value)) {
        if (!columns.includes(canonical)) throw new InputError(`${file}: ${key}: unknown column ${quoted(canonical)} (known: ${columns.join(', ')})`, { file, field: `${key}.${canonical}` });
        if (typeof name !== 'string' || name === '') throw new InputError(`${file}: ${key}.${canonical}: expected the file's column name as a string`, { file, field: `${key}.${canonical}` });
        rename.set(canonical, name);
      }
      out.rename.set(key as ServiceTable, rename);
    } else if (key !== '$schema' && key !== '//') {
      throw new InputError(`${file}: unknown key ${quoted(key)} (known: ${[...Object.keys(SERVICE_TABLES), 'listSeparator', 'ratingScale'].join(', ')})`, { file, field: key });
    }
  }
  return out;
}

function open(files: ServiceFiles, columns: ColumnsFile, name: ServiceTable, limits: Partial<CsvLimits>): InputTable | null {
  const file = files.tables.get(name);
  if (file === undefined) return null;
  const rename = columns.rename.get(name) ?? new Map();
  return file.endsWith('.parquet') ? openParquetTable(file, SERVICE_TABLES[name], rename, limits) : openCsvTable(file, SERVICE_TABLES[name], rename, limits);
}

/** A trimmed, non-empty id, or the standard error. */
function id(table: InputTable, line: number, column: string, raw: string): string {
  const v = raw.trim();
  if (v === '') table.fail(line, column, 'a non-empty id', raw);
  return v;
}

const DECIMAL = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** A number cell: text as a plain decimal, or a number a Parquet column gave as it is. */
function number(table: InputTable, line: number, column: string, raw: Field, expected: string, ok: (n: number) => boolean): number {
  const n = Number(raw);
  if ((typeof raw === 'string' && !DECIMAL.test(raw)) || !Number.isFinite(n) || !ok(n)) table.fail(line, column, expected, raw);
  return n;
}

/** A time cell: text (ISO 8601 or Unix seconds), or Unix seconds from a Parquet timestamp or number. */
function time(table: InputTable, line: number, column: string, raw: Field): number {
  const ms = typeof raw === 'number' ? unixSeconds(raw) : parseTime(raw);
  if (ms === null) table.fail(line, column, 'a time as ISO 8601 (2025-06-01 or 2025-06-01T20:15:00Z) or Unix seconds, from 1970 to 2100', raw);
  return ms;
}

function list(raw: string, separator: string): string[] {
  return [...new Set(raw.split(separator).map((v) => oneLine(v)).filter((v) => v !== ''))];
}

function deviceOf(table: InputTable, line: number, raw: string): Device {
  const key = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  const device = DEVICE_NAMES.get(key) ?? (DEVICES as readonly string[]).find((d) => d.toLowerCase() === key);
  if (device === undefined) table.fail(line, 'device', `one of ${DEVICES.join(', ')} (or a name grouped into them, such as phone, smart TV, web, iPad)`, raw);
  return device as Device;
}

const KINDS = new Map<string, Title['kind']>([
  ['movie', 'Movie'], ['film', 'Movie'], ['feature', 'Movie'],
  ['tvshow', 'TV Show'], ['show', 'TV Show'], ['series', 'TV Show'], ['tv', 'TV Show'], ['tvseries', 'TV Show'], ['episode', 'TV Show'],
]);

async function readTitles(table: InputTable, sep: string): Promise<Title[]> {
  const titles: Title[] = [];
  const firstLine = new Map<string, number>();
  const has = (c: string) => table.present.has(c);
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    // text only: the titles spec has no `numeric` column
    const [rawId, rawTitle, rawGenres, rawYear, rawKind, rawDuration, rawDescription, rawTags, rawCast, rawDirector, rawCountry] = fields as string[];
    const titleId = id(table, line, 'title_id', rawId);
    const seen = firstLine.get(titleId);
    if (seen !== undefined) table.fail(line, 'title_id', `an id not used before (already on ${table.format === 'csv' ? 'line' : 'row'} ${seen})`, rawId);
    firstLine.set(titleId, line);
    const name = oneLine(rawTitle);
    if (name === '') table.fail(line, 'title', 'a non-empty title', rawTitle);
    const genres = list(rawGenres, sep);
    if (genres.length === 0) table.fail(line, 'genres', `one or more genres separated by "${sep}"`, rawGenres);
    const year = has('year') && rawYear.trim() !== '' ? number(table, line, 'year', rawYear, `a year from ${YEARS.min} to ${YEARS.max}`, (n) => Number.isInteger(n) && n >= YEARS.min && n <= YEARS.max) : null;
    let kind: Title['kind'] = null;
    if (has('kind') && rawKind.trim() !== '') {
      kind = KINDS.get(rawKind.toLowerCase().replace(/[^a-z]/g, '')) ?? null;
      if (kind === null) table.fail(line, 'kind', 'Movie or TV Show (or film, series, episode)', rawKind);
    }
    const durationMin = has('duration_min') && rawDuration.trim() !== '' ? number(table, line, 'duration_min', rawDuration, 'minutes from 1 to 1,000', (n) => n >= 1 && n <= 1000) : null;
    const tags = [rawTags, rawCast, rawDirector, rawCountry].flatMap((raw) => (raw ? list(raw, sep) : []));
    titles.push({ id: titleId, name, genres, year, durationMin, kind, description: oneLine(rawDescription ?? ''), tags: [...new Set(tags)] });
  }
  return titles;
}

async function readUsers(table: InputTable): Promise<User[]> {
  const users: User[] = [];
  const firstLine = new Map<string, number>();
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    // text only: the users spec has no `numeric` column
    const [rawId, rawPlan, rawRegion, rawSignup] = fields as string[];
    const userId = id(table, line, 'user_id', rawId);
    const seen = firstLine.get(userId);
    if (seen !== undefined) table.fail(line, 'user_id', `an id not used before (already on ${table.format === 'csv' ? 'line' : 'row'} ${seen})`, rawId);
    firstLine.set(userId, line);
    if (table.present.has('signup_date') && rawSignup.trim() !== '') time(table, line, 'signup_date', rawSignup);
    const plan = oneLine(rawPlan ?? '');
    const region = oneLine(rawRegion ?? '');
    users.push({ id: userId, plan: plan === '' ? null : plan, region: region === '' ? null : region });
  }
  return users;
}

/**
 * An id column's cells as positions in a dictionary: text ids as they are (trimmed, never
 * empty), integer ids (a Parquet `integerIds` column) by number, each distinct number turned into
 * its text once. `intern` adds unknown ids; `lookup` gives -1 for them.
 */
class IdCells {
  private readonly byNumber = new Map<number, number>();
  constructor(
    private readonly table: InputTable,
    private readonly column: string,
    private readonly dictionary: IdDictionary,
    private readonly mode: 'intern' | 'lookup',
  ) {}

  position(line: number, raw: Field): number {
    if (typeof raw === 'number') {
      let at = this.byNumber.get(raw);
      if (at === undefined) this.byNumber.set(raw, (at = this.find(String(raw))));
      return at;
    }
    return this.find(id(this.table, line, this.column, raw));
  }

  private find(text: string): number {
    return this.mode === 'intern' ? this.dictionary.intern(text) : this.dictionary.get(text);
  }
}

async function readRatings(table: InputTable, titleIds: IdDictionary, userIds: IdDictionary, titlesPath: string): Promise<{ ratings: Ratings; replaced: number }> {
  // The ratings as read go straight into typed columns, not an object and a map entry per row:
  // at 10⁷ rows those were most of the loader's time and garbage.
  const cols = new RatingsBuilder(1 << 16, { users: userIds, titles: titleIds });
  // Exports list a user's ratings together: a row by the previous row's user needs no lookup.
  let lastRaw: Field | null = null;
  let lastUser = -1;
  const users = new IdCells(table, 'user_id', userIds, 'intern');
  const titles = new IdCells(table, 'title_id', titleIds, 'lookup');
  for await (const batch of table.batches()) {
    const timed = table.present.has('timestamp'); // known once the header is read
    for (const { line, fields } of batch) {
      const rawUser = fields[0];
      const rawTitle = fields[1];
      const rawRating = fields[2];
      const rawTime = fields[3];
      if (rawUser !== lastRaw) {
        lastUser = users.position(line, rawUser);
        lastRaw = rawUser;
      }
      const title = titles.position(line, rawTitle);
      if (title < 0) table.fail(line, 'title_id', `a title_id listed in ${titlesPath}`, rawTitle);
      const value = number(table, line, 'rating', rawRating, 'a number', (n) => Number.isFinite(n) && n >= 0);
      const timestamp = timed && rawTime !== '' && (typeof rawTime === 'number' || rawTime.trim() !== '') ? time(table, line, 'timestamp', rawTime) : NaN;
      cols.pushIndexes(lastUser, title, value, timestamp);
    }
  }
  const replaced = cols.replaceRepeats('by time');
  return { ratings: cols.finish(), replaced };
}

async function readPlays(table: InputTable, titleIds: IdDictionary, userIds: IdDictionary, titlesPath: string): Promise<Plays> {
  const plays = new PlaysBuilder(1 << 12, { users: userIds, titles: titleIds });
  const users = new IdCells(table, 'user_id', userIds, 'intern');
  const titles = new IdCells(table, 'title_id', titleIds, 'lookup');
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawUser, rawTitle, rawStart, rawDevice, rawMinutes] = fields as [Field, Field, Field, string, Field];
    const user = users.position(line, rawUser);
    const title = titles.position(line, rawTitle);
    if (title < 0) table.fail(line, 'title_id', `a title_id listed in ${titlesPath}`, rawTitle);
    const start = time(table, line, 'start', rawStart);
    const device = deviceOf(table, line, rawDevice);
    const minutes = number(table, line, 'minutes', rawMinutes, `minutes watched, above 0 and at most ${MAX_PLAY_MINUTES}`, (n) => n > 0 && n <= MAX_PLAY_MINUTES);
    plays.pushIndexes(user, title, deviceIndex(device), start, minutes);
  }
  return plays.finish();
}

/** The scale from columns.json, or detected from the ratings (rules above). */
function ratingScale(given: Dataset['ratingScale'] | null, ratings: Ratings, table: InputTable): Dataset['ratingScale'] {
  const values = ratings.value;
  if (given !== null) {
    for (const v of values) {
      if (v < given.min || v > given.max) {
        throw new InputError(`${table.path}: a rating of ${v} is outside columns.json's ratingScale ${given.min}–${given.max}`, { file: table.path, field: 'rating' });
      }
    }
    return given;
  }
  let lo = Infinity;
  let hi = -Infinity;
  let halves = false;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (!Number.isInteger(v)) {
      if (!Number.isInteger(v * 2)) {
        throw new InputError(`${table.path}: a rating of ${v} is neither whole nor a half; give the scale in columns.json ("ratingScale": {"min", "max", "step"})`, { file: table.path, field: 'rating' });
      }
      halves = true;
    }
  }
  const max = [5, 10].find((m) => hi <= m);
  if (max === undefined) throw new InputError(`${table.path}: ratings go up to ${hi}; give the scale in columns.json ("ratingScale": {"min", "max", "step"})`, { file: table.path, field: 'rating' });
  const min = lo === 0 ? 0 : halves ? 0.5 : 1;
  return { min, max, step: halves ? 0.5 : 1 };
}

export async function loadService(dir: string, options: { seed?: number; limits?: Partial<CsvLimits> } = {}): Promise<Dataset> {
  const limits = options.limits ?? {};
  const files = findServiceFiles(dir);
  const columns = readColumnsFile(dir);
  const titlesTable = open(files, columns, 'titles', limits)!;
  const titles = await readTitles(titlesTable, columns.listSeparator);
  const usersTable = open(files, columns, 'users', limits);
  const listedUsers = usersTable ? await readUsers(usersTable) : [];
  const titleIds = new IdDictionary(titles.map((t) => t.id));
  const userIds = new IdDictionary(listedUsers.map((u) => u.id));
  const ratingsTable = open(files, columns, 'ratings', limits);
  const playsTable = open(files, columns, 'plays', limits);
  const read = ratingsTable ? await readRatings(ratingsTable, titleIds, userIds, titlesTable.path) : null;
  const sessions = playsTable ? await readPlays(playsTable, titleIds, userIds, titlesTable.path) : null;

  // Users in the users table keep its order; others follow in order of first appearance (the
  // order the ratings, then the plays, interned them: a user's first row is never a dropped repeat).
  const extra: User[] = userIds.names.slice(listedUsers.length).map((userId) => ({ id: userId, plan: null, region: null }));
  const users = [...listedUsers, ...extra];

  const notes: string[] = [];
  const ratings = read?.ratings ?? Ratings.empty;
  // without ratings, learnFromPlays below sets the scale of the inferred ones
  const scale = read ? ratingScale(columns.ratingScale, ratings, ratingsTable!) : IMPLICIT_SCALE;
  if (!sessions) notes.push('The data has no plays: no viewing sessions or devices, so the engagement sections are left out.');
  if (!users.some((u) => u.plan !== null)) notes.push('The users have no subscription plan in this data, so plan comparisons are left out.');
  if (extra.length > 0 && usersTable) notes.push(`${plural(extra.length, 'user')} in the ratings or plays ${extra.length === 1 ? 'is' : 'are'} not in the users table and ${extra.length === 1 ? 'has' : 'have'} no plan or region.`);
  if (read && read.replaced > 0) notes.push(`${plural(read.replaced, 'repeated rating')} of the same title by the same user replaced by the later one.`);

  const tables = [titlesTable, usersTable, ratingsTable, playsTable].filter((t): t is InputTable => t !== null);
  const parts = [plural(users.length, 'user'), plural(titles.length, 'title')];
  if (read) parts.push(plural(ratings.length, 'rating'));
  if (sessions) parts.push(plural(sessions.length, 'play'));
  const dataset: Dataset = {
    source: {
      kind: 'service',
      seed: options.seed ?? 42,
      files: tables.map((t) => t.file()),
      description: `The service's own data: ${parts.join(', ')}.`,
    },
    titles,
    users,
    ratings,
    sessions,
    truth: null,
    implicit: null,
    ratingScale: scale,
    notes,
    counts: new Map([
      ['titles', titles.length],
      ['users', users.length],
      ['ratings', read ? ratings.length : 0],
      ['plays', sessions ? sessions.length : 0],
      ['inferred ratings from plays', 0],
      ['users only in ratings or plays', usersTable ? extra.length : 0],
      ['duplicate ratings replaced', read?.replaced ?? 0],
      ...tables.map((t) => [`control characters normalised in ${path.basename(t.path)}`, t.normalised] as [string, number]),
    ]),
  };
  return read
    ? dataset
    : learnFromPlays(
        dataset,
        'The data has plays and no ratings: each watched title gets an inferred rating from 1 to 5 from how long and how often the user watched it against their usual viewing, and recommendations, reasons and the evaluation use those.',
      );
}
