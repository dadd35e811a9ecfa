// The one boundary where raw settings (CLI flags, report.config.json) become a typed config.
// Precedence: flags > config file > defaults. Unknown keys and bad values are input errors,
// never silently ignored (STYLE.md 11).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from './types.ts';
import { editDistance, nearestNames } from './util/nearest.ts';
import { parseGuard } from './compare/guard.ts';
import { quoted, visible } from './util/quote.ts';
import { maxOf } from './util/numbers.ts';

export interface ReportConfig {
  seed: number;
  users: number;
  titles: number;
  /** Ratings drawn per simulated user (on average). */
  ratingsPerUser: number;
  /** Viewing sessions drawn per simulated user (on average). */
  sessionsPerUser: number;
  /** Last day (UTC, YYYY-MM-DD) of the 30-day viewing window: the injected clock. */
  endDate: string;
  out: string;
  ratings: string | null;
  movies: string | null;
  catalog: string | null;
  /** A folder of the service's own tables (titles, users, ratings, plays as CSV or Parquet). */
  data: string | null;
  /** Write the dataset in the --data schema (CSV and Parquet) to this folder. */
  exportData: string | null;
  /** Take precomputed stage outputs (build/handoff/stages.ts) from this folder. */
  stages: string | null;
  /**
   * What the recommender learns from (build/data/feedback.ts): `auto` (ratings when the data has
   * any, else plays), `ratings`, `plays` (ratings inferred from watch history) or `both`.
   */
  feedback: Feedback;
  /** Write this build's stage outputs to this folder. */
  exportStages: string | null;
  /** Recommendations published per user. */
  recommendations: number;
  /** Turn failed claims into warnings listed on the drafts page. */
  drafts: boolean;
  /** URL prefix the site is served under (e.g. /my-repo/ on GitHub Pages). */
  pathPrefix: string;
  /** Replace an --out folder this tool did not write (build/site/outputFolder.ts). Flag only. */
  force: boolean;
  /** A previous build to compare with: its site folder or its data/facts.json (build/compare/). */
  compare: string | null;
  /** Where to write the comparison as Markdown (besides $GITHUB_STEP_SUMMARY). */
  summary: string | null;
  /** `METRIC=DROP[,…]`: fail (exit 3) when the published model drops more than DROP against --compare. */
  failOnRegression: string | null;
  /** Which users get a page of their own (build/site/userPages.ts chooses them). */
  userPages: UserPagesSetting;
}

/**
 * `--user-pages`: every user (up to USER_PAGE_LIMIT, beyond it a seeded sample of that many), a
 * seeded sample of `size` users, or the users listed in a file (a cohort).
 */
export type UserPagesSetting = { kind: 'all' } | { kind: 'sample'; size: number } | { kind: 'cohort'; file: string };

/**
 * The most user pages a build writes unless asked for more (`--user-pages N`). Measured at 50,000
 * users (README, "User pages"): a user page costs about 1 ms to render and 20 KB on disk, so
 * 20,000 pages are about 20 s and 0.4 GB, well inside the 1 GB a GitHub Pages site may publish,
 * while 50,000 pages (1.1 GB) would not be.
 */
export const USER_PAGE_LIMIT = 20_000;

export const DEFAULTS: ReportConfig = {
  seed: 42,
  users: 10,
  titles: 20,
  ratingsPerUser: 5,
  sessionsPerUser: 10,
  endDate: '2025-06-30',
  out: '_site',
  ratings: null,
  movies: null,
  catalog: null,
  data: null,
  exportData: null,
  stages: null,
  feedback: 'auto',
  exportStages: null,
  recommendations: 10,
  drafts: false,
  pathPrefix: '/',
  force: false,
  compare: null,
  summary: null,
  failOnRegression: null,
  userPages: { kind: 'all' },
};

/** Defaults that replace DEFAULTS' when users are simulated over a given catalogue (--catalog). */
export const CATALOG_DEFAULTS = { users: 1000, ratingsPerUser: 20 } as const;

type Kind = 'int' | 'string' | 'path' | 'date' | 'boolean' | 'prefix' | 'userPages' | 'feedback';

export const FEEDBACK = ['auto', 'ratings', 'plays', 'both'] as const;
export type Feedback = (typeof FEEDBACK)[number];
interface Option {
  key: keyof ReportConfig;
  kind: Kind;
  min?: number;
  max?: number;
  help: string;
  /**
   * Accepted as a flag, refused in a settings file: a setting that deletes folders must be
   * asked for on each run, not left in report.config.json.
   */
  flagOnly?: boolean;
}

/** Flag name → option. The help text is generated from this table. */
export const OPTIONS: Record<string, Option> = {
  seed: { key: 'seed', kind: 'int', min: 0, max: 2 ** 31 - 1, help: 'random seed for the simulation and the evaluation split' },
  users: { key: 'users', kind: 'int', min: 1, max: 1_000_000, help: 'simulated users (ids from 101)' },
  titles: { key: 'titles', kind: 'int', min: 2, max: 100_000, help: 'simulated titles (the case study\'s 20, then synthetic ones)' },
  'ratings-per-user': { key: 'ratingsPerUser', kind: 'int', min: 1, max: 10_000, help: 'average ratings per simulated user' },
  'sessions-per-user': { key: 'sessionsPerUser', kind: 'int', min: 0, max: 10_000, help: 'average viewing sessions per simulated user' },
  'end-date': { key: 'endDate', kind: 'date', help: 'last day (UTC, YYYY-MM-DD) of the 30-day viewing window' },
  out: { key: 'out', kind: 'path', help: 'output folder' },
  ratings: { key: 'ratings', kind: 'path', help: 'MovieLens-format ratings.csv (needs --movies)' },
  movies: { key: 'movies', kind: 'path', help: 'MovieLens-format movies.csv (needs --ratings)' },
  catalog: { key: 'catalog', kind: 'path', help: 'Netflix catalogue CSV (netflix_titles.csv); users are simulated (unless set: 1000 users, 20 ratings each)' },
  data: { key: 'data', kind: 'path', help: 'a folder of your own data: titles, users, ratings, plays as .csv or .parquet (README "Your own data")' },
  'export-data': { key: 'exportData', kind: 'path', help: 'also write the data in the --data schema (CSV and Parquet) to this folder' },
  feedback: { key: 'feedback', kind: 'feedback', help: 'what recommendations learn from: auto (ratings, else plays), ratings, plays (watch history) or both (plays fill in titles watched but not rated)' },
  stages: { key: 'stages', kind: 'path', help: 'take precomputed item neighbours, recommendations and evaluation from this folder (README "Hand-off to a cluster")' },
  'export-stages': { key: 'exportStages', kind: 'path', help: 'also write this build\'s stage outputs (Parquet) to this folder' },
  recommendations: { key: 'recommendations', kind: 'int', min: 5, max: 100, help: 'recommendations published per user' },
  drafts: { key: 'drafts', kind: 'boolean', help: 'report failed claims as warnings on /drafts/ instead of failing' },
  'path-prefix': { key: 'pathPrefix', kind: 'prefix', help: 'URL prefix the site is served under' },
  force: { key: 'force', kind: 'boolean', flagOnly: true, help: 'let --out replace a non-empty folder this tool did not write (never a file or a project folder)' },
  compare: { key: 'compare', kind: 'path', help: 'a previous build to compare with: its site folder, its data/facts.json, or the URL of either' },
  summary: { key: 'summary', kind: 'path', help: 'write the comparison as Markdown to this file (CI also gets it in $GITHUB_STEP_SUMMARY)' },
  'fail-on-regression': { key: 'failOnRegression', kind: 'string', help: 'METRIC=DROP[,…] (e.g. ndcg=0.01): exit 3 when the published model drops more against --compare' },
  'user-pages': { key: 'userPages', kind: 'userPages', help: `which users get a page: all (up to ${USER_PAGE_LIMIT.toLocaleString('en-US')}; beyond, a seeded sample of that many), N (a seeded sample of N) or FILE (the user ids it lists, one a line)` },
};

const FILE_KEYS = new Map<string, Option>(Object.values(OPTIONS).filter((o) => !o.flagOnly).map((o) => [o.key, o]));
const FLAG_ONLY = new Map(Object.entries(OPTIONS).filter(([, o]) => o.flagOnly).map(([flag, o]) => [o.key as string, flag]));

function coerce(option: Option, raw: unknown, where: string): unknown {
  const bad = (expected: string): never => {
    throw new InputError(`${where}: invalid value ${shownSetting(raw)}: expected ${expected}`, { field: option.key });
  };
  switch (option.kind) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) bad('a whole number');
      if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
        bad(`a whole number from ${option.min} to ${option.max}`);
      }
      return n;
    }
    case 'feedback':
      if (typeof raw !== 'string' || !(FEEDBACK as readonly string[]).includes(raw)) bad(FEEDBACK.join(', '));
      return raw;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return bad('true or false');
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) bad('a date as YYYY-MM-DD');
      const d = new Date(`${raw}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) bad('a real calendar date');
      return raw;
    }
    case 'prefix': {
      // An absolute URL path, nothing a browser or Vite would resolve elsewhere: no scheme, no
      // "//" (protocol-relative), no "." or ".." segment, only unreserved characters.
      const ok = typeof raw === 'string' && /^\/([A-Za-z0-9._~-]+\/)*$/.test(raw) && !raw.split('/').some((seg) => seg === '.' || seg === '..');
      if (!ok) bad('a URL path such as / or /report/ (starts and ends with /; letters, digits and ._~- between; no . or .. segment)');
      return raw;
    }
    case 'userPages': {
      // A number is a sample size (a file named "2000" is written ./2000); "all" is every user;
      // anything else names a cohort file, read and checked against the data by the build.
      if (raw === 'all') return { kind: 'all' };
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : null;
      if (n !== null) {
        if (!Number.isSafeInteger(n) || n < 1) bad('all, a whole number of users from 1, or a file of user ids');
        return { kind: 'sample', size: n };
      }
      if (typeof raw !== 'string' || raw.trim() === '') bad('all, a whole number of users, or a file of user ids');
      if ((raw as string).includes('\0')) bad('a path without NUL bytes');
      return { kind: 'cohort', file: raw };
    }
    case 'path':
    case 'string':
      if (typeof raw !== 'string' || raw.trim() === '') bad('a non-empty path');
      if ((raw as string).includes('\0')) bad('a path without NUL bytes');
      return raw;
  }
}

/** A settings value for a message: strings through `quoted`, other JSON shortened the same way. */
function shownSetting(raw: unknown): string {
  if (typeof raw === 'string') return quoted(raw);
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  const json = JSON.stringify(raw) ?? String(raw);
  return json.length <= 40 && !/[^\x20-\x7e]/.test(json) ? json : quoted(json);
}

/** A settings file is small; anything bigger is not one (and /dev/zero would fill the memory). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The bytes of a settings file: a regular file of at most MAX_CONFIG_BYTES, opened without
 * blocking (a FIFO would wait for a writer forever) and checked on the open descriptor, so a file
 * swapped after a check cannot slip through; the read is bounded as well. Null: absent, not required.
 */
function readConfigBytes(path: string, required: boolean): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return null;
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, expected a JSON file`, { file: path, cause: err });
    throw new InputError(`${path}: cannot read config file (${code ?? 'error'})`, { file: path, cause: err });
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new InputError(`${path}: is a directory, expected a JSON file`, { file: path });
    if (!info.isFile()) throw new InputError(`${path}: is not a regular file (a device, FIFO or socket), expected a JSON file`, { file: path });
    const tooBig = () => new InputError(`${path}: config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, too big for a settings file`, { file: path });
    if (info.size > MAX_CONFIG_BYTES) throw tooBig();
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_CONFIG_BYTES) throw tooBig(); // it grew since fstat
    return buf.subarray(0, n);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: cannot read config file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path, cause: err });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an optional JSON config file; a file that was named but is missing is an error. A leading
 * UTF-8 BOM is accepted. Errors never quote the file's text (it may be any file): a JSON error
 * gives the line and column, a bad value is shown through `quoted`.
 */
export function readConfigFile(path: string, required: boolean): Partial<ReportConfig> {
  const bytes = readConfigBytes(path, required);
  if (bytes === null) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    throw new InputError(`${path}: invalid UTF-8: save the config file as UTF-8`, { file: path, cause: err });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: invalid JSON${jsonErrorPlace(text, (err as Error).message)}: expected a JSON object such as {"seed": 42}`, { file: path, cause: err });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`${path}: expected a JSON object of settings`, { file: path });
  }
  const out: Partial<ReportConfig> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '$schema' || key === '//') continue;
    const option = FILE_KEYS.get(key);
    const flag = FLAG_ONLY.get(key);
    if (flag) throw new InputError(`${path}: "${key}" is a flag only (--${flag}), not a setting`, { file: path, field: key });
    if (!option) {
      throw new InputError(`${path}: unknown setting ${quoted(key)} (known: ${[...FILE_KEYS.keys()].join(', ')})`, { file: path, field: key });
    }
    (out as Record<string, unknown>)[key] = coerce(option, value, `${path}: ${key}`);
  }
  return out;
}

/**
 * " at line L, column C" from V8's JSON.parse message (which may quote the text, so only its
 * position is kept); "" when the message gives none ("Unexpected end of JSON input" → the end).
 */
function jsonErrorPlace(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const pos = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : -1;
  if (pos < 0) return '';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

export interface ParsedArgs {
  config: ReportConfig;
  help: boolean;
  /** Flags not part of ReportConfig that a particular script declared (e.g. --json, --k). */
  extra: Map<string, string | boolean>;
}

export interface ExtraFlag {
  type: 'string' | 'boolean';
  help: string;
}

/**
 * Parses argv into a resolved config. `extra` declares script-specific flags. The config file
 * is `--config F` (required to exist) or `report.config.json` in `cwd` when present.
 */
export function resolveConfig(argv: string[], opts: { cwd?: string; extra?: Record<string, ExtraFlag> } = {}): ParsedArgs {
  const extraDecl = opts.extra ?? {};
  const spec: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' }, config: { type: 'string' } };
  for (const [flag, o] of Object.entries(OPTIONS)) spec[flag] = { type: o.kind === 'boolean' ? 'boolean' : 'string' };
  for (const [flag, o] of Object.entries(extraDecl)) spec[flag] = { type: o.type };
  const valueHint = (flag: string): string => {
    const option = OPTIONS[flag];
    return option ? VALUE_HINT[option.kind] : 'a value';
  };
  checkFlags(argv, spec, valueHint);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }));
  } catch (err) {
    // checkFlags explains every case node refuses; this is the safety net. node's message quotes
    // the flag as typed: escape what a terminal would act on (a line break included, so it stays
    // one line), and strip its trailing advice about "--"
    throw new InputError(visible(String((err as Error).message)).replace(/\. To specify.*$/, ''), { cause: err });
  }
  const cwd = opts.cwd ?? process.cwd();
  const fileSettings =
    typeof values.config === 'string'
      ? readConfigFile(values.config, true)
      : readConfigFile(`${cwd}/report.config.json`, false);
  const config: ReportConfig = { ...DEFAULTS, ...fileSettings };
  for (const [flag, option] of Object.entries(OPTIONS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    (config as unknown as Record<string, unknown>)[option.key] = coerce(option, raw, `--${flag}`);
  }
  if ((config.ratings === null) !== (config.movies === null)) {
    throw new InputError('--ratings and --movies go together: give both MovieLens files');
  }
  if (config.catalog !== null && config.ratings !== null) {
    throw new InputError('--catalog cannot be combined with --ratings/--movies: choose one data source');
  }
  if (config.data !== null && (config.catalog !== null || config.ratings !== null)) {
    throw new InputError('--data cannot be combined with --catalog or --ratings/--movies: choose one data source');
  }
  if (config.failOnRegression !== null) {
    if (config.compare === null) throw new InputError('--fail-on-regression needs --compare: the previous build to measure the drop against');
    parseGuard(config.failOnRegression);
  }
  if (config.summary !== null && config.compare === null) throw new InputError('--summary needs --compare: the summary is the comparison with a previous build');
  if (config.catalog !== null) {
    // The simulation's defaults (10 users × 5 ratings) suit its 20 titles; over a catalogue of
    // thousands they give an evaluation with no hits. Unless set, simulate enough viewers for it
    // to measure something (issue 11).
    for (const [key, value] of Object.entries(CATALOG_DEFAULTS) as [keyof typeof CATALOG_DEFAULTS, number][]) {
      const flag = Object.keys(OPTIONS).find((f) => OPTIONS[f].key === key)!;
      if (values[flag] === undefined && !(key in fileSettings)) (config as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const extra = new Map<string, string | boolean>();
  for (const flag of Object.keys(extraDecl)) {
    const v = values[flag];
    if (v !== undefined) extra.set(flag, v);
  }
  return { config, help: values.help === true, extra };
}

/** A --user-pages setting as it would be typed. */
export function shownUserPages(s: UserPagesSetting): string {
  return s.kind === 'all' ? 'all' : s.kind === 'sample' ? String(s.size) : s.file;
}

/** What a flag of each kind takes, for "--users needs a value (a whole number)". */
const VALUE_HINT: Record<Kind, string> = {
  int: 'a whole number',
  string: 'a value',
  path: 'a file or folder path',
  date: 'a date as YYYY-MM-DD',
  boolean: '',
  prefix: 'a URL path such as /report/',
  userPages: 'all, a number of users or a file of user ids',
  feedback: FEEDBACK.join(', '),
};

/**
 * The flag mistakes node's parseArgs reports in its own words ("Unknown option", "argument is
 * ambiguous"), said for the reader: the nearest known flag for a typo, what value a flag takes
 * when it is missing. Reads node's own tokens (non-strict), so the split into flags and values is
 * exactly node's.
 */
function checkFlags(argv: string[], spec: Record<string, { type: 'string' | 'boolean' }>, valueHint: (flag: string) => string): void {
  const { tokens } = parseArgs({ args: argv, options: spec, strict: false, allowPositionals: true, tokens: true });
  const known = Object.keys(spec).map((f) => `--${f}`);
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new InputError(`unexpected argument ${quoted(token.value)}: every setting is a flag such as --seed 7 (see --help)`);
    }
    if (token.kind !== 'option') continue;
    const typed = visible(token.rawName);
    const type = spec[token.name]?.type;
    if (type === undefined || token.rawName.length === 2) {
      // short flags (-x) are not used: "-s" is a typo too
      const asFlag = token.rawName.startsWith('--') ? token.rawName : `--${token.rawName.replace(/^-+/, '')}`;
      // equally near flags are both named: "--colour" is as near --compare as --config
      const near = nearestNames(asFlag, known, 2);
      const distance = (n: string) => editDistance(asFlag.toLowerCase(), n.toLowerCase());
      const tied = near.filter((n) => distance(n) === distance(near[0]));
      throw new InputError(`unknown flag ${typed}${tied.length > 0 ? ` — did you mean ${tied.join(' or ')}?` : ' (see --help for the flags)'}`);
    }
    if (type === 'boolean' && token.inlineValue) {
      throw new InputError(`${typed} takes no value: write ${typed} alone, or leave it out for false`);
    }
    if (type === 'string') {
      const hint = valueHint(token.name);
      if (token.value === undefined) throw new InputError(`${typed} needs a value (${hint})`);
      if (!token.inlineValue && token.value.startsWith('-')) {
        throw new InputError(`${typed} needs a value (${hint}), found the flag ${visible(token.value)} instead (a value starting with a dash is written ${typed}=-…)`);
      }
    }
  }
}

export function helpText(command: string, extra: Record<string, ExtraFlag> = {}): string {
  const rows: [string, string][] = [['--config F', 'JSON settings file (default: report.config.json if present)']];
  for (const [flag, o] of Object.entries(OPTIONS)) {
    const def = DEFAULTS[o.key];
    const shown = typeof def === 'object' && def !== null ? shownUserPages(def) : def;
    rows.push([`--${flag}${o.kind === 'boolean' ? '' : ' V'}`, `${o.help}${def === null || def === false ? '' : ` (default ${shown})`}`]);
  }
  for (const [flag, o] of Object.entries(extra)) rows.push([`--${flag}${o.type === 'boolean' ? '' : ' V'}`, o.help]);
  rows.push(['--help', 'show this help']);
  const width = maxOf(rows.map(([f]) => f.length));
  return `Usage: ${command} [options]\n\n${rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`).join('\n')}\n`;
}
