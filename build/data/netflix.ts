// Loader for the public Netflix catalogue (netflix_titles.csv, Kaggle "Netflix Movies and TV
// Shows", 2021 edition), and the dataset of simulated users over it.
//
// Documented rules, for the file's known quirks (../shared/data/README.md):
// - duration "90 min" → 90 minutes; "2 Seasons" → no minutes (null: episode length unknown).
//   Plausible ranges, else an error: 1–1,000 minutes, 1–100 seasons; release_year and the year
//   of date_added 1870–2100.
// - Three rows have the duration shifted into the rating column ("74 min") and duration empty:
//   the minutes are recovered from the rating column and counted.
// - An empty maturity rating is allowed (counted); the rating is not used otherwise.
// - date_added may carry a leading space; it is trimmed and checked ("September 25, 2021"), or empty.
// - listed_in is split on ", " into genres; director, cast and country become content tags.
// - show_id is kept as the raw trimmed string; a repeated show_id is an error.
// - Titles and descriptions are made one line (s8420's title has a line break inside quotes).
// - Control characters in any field are normalised by the CSV reader (build/data/csv.ts) and
//   counted.
import type { Dataset, SourceFile, Title } from '../types.ts';
import type { CsvLimits } from './csv.ts';
import { NO_GENRES, normalisedCount, requireId, YEARS } from './movielens.ts';
import { simulate, type SimulationOptions } from './simulate.ts';
import { CsvTable, oneLine } from './table.ts';
import { plural } from '../util/numbers.ts';

export const NETFLIX_COLUMNS = [
  'show_id',
  'type',
  'title',
  'director',
  'cast',
  'country',
  'date_added',
  'release_year',
  'rating',
  'duration',
  'listed_in',
  'description',
] as const;

const MAX_MINUTES = 1000;
const MAX_SEASONS = 100;

/** Netflix's catch-all listings: a title's kind, given where Netflix named no genre. */
const UNCATEGORISED = new Set(['Movies', 'TV Shows']);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface NetflixCatalogue {
  titles: Title[];
  file: SourceFile;
  counts: Map<string, number>;
}

export async function loadNetflixCatalogue(path: string, limits: Partial<CsvLimits> = {}): Promise<Title[]> {
  return (await readNetflixCatalogue(path, limits)).titles;
}

/** Real titles and genres, with simulated users, ratings and sessions drawn over them. */
export async function loadNetflixDataset(path: string, sim: SimulationOptions, limits: Partial<CsvLimits> = {}): Promise<Dataset> {
  const catalogue = await readNetflixCatalogue(path, limits);
  const dataset = simulate(sim, catalogue.titles);
  const counts = new Map([...dataset.counts, ...catalogue.counts]);
  const uncategorised = catalogue.counts.get(UNCATEGORISED_COUNT) ?? 0;
  return {
    ...dataset,
    source: {
      kind: 'netflix',
      seed: sim.seed,
      files: [catalogue.file],
      description: `The Netflix catalogue (${plural(catalogue.titles.length, 'title')}) with simulated viewers, seed ${sim.seed}: ${plural(dataset.users.length, 'user')}, ${plural(dataset.ratings.length, 'rating')} and ${plural(dataset.sessions!.length, 'viewing session')} in the 30 days to ${sim.endDate}.`,
    },
    notes: [
      'Titles, genres, years and durations are the real Netflix catalogue; users, ratings and viewing sessions are simulated over it.',
      ...dataset.notes,
      ...(uncategorised > 0
        ? [`${plural(uncategorised, 'title is', 'titles are')} listed by Netflix only as "Movies" or "TV Shows", with no genre; genre figures and charts leave ${uncategorised === 1 ? 'it' : 'them'} out.`]
        : []),
      'Shows listed in seasons have no episode length in the catalogue; their simulated sessions assume 45-minute episodes.',
    ],
    counts,
  };
}

/** The count line for titles listed only as "Movies" or "TV Shows" (readNetflixCatalogue). */
const UNCATEGORISED_COUNT = 'titles without a genre (listed only as "Movies" or "TV Shows")';

export async function readNetflixCatalogue(path: string, limits: Partial<CsvLimits> = {}): Promise<NetflixCatalogue> {
  const table = new CsvTable(path, NETFLIX_COLUMNS, limits);
  const titles: Title[] = [];
  const firstLine = new Map<string, number>();
  let recovered = 0;
  let uncategorised = 0;
  let noRating = 0;
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawId, type, rawTitle, director, cast, country, rawDate, rawYear, rating, rawDuration, listedIn, description] = fields;
    const id = requireId(table, line, 'show_id', rawId);
    const seen = firstLine.get(id);
    if (seen !== undefined) table.fail(line, 'show_id', `a show_id not used before (already on line ${seen})`, rawId);
    firstLine.set(id, line);
    const kind = type.trim() === 'Movie' ? 'Movie' : type.trim() === 'TV Show' ? 'TV Show' : table.fail(line, 'type', '"Movie" or "TV Show"', type);
    const name = oneLine(rawTitle);
    if (name === '') table.fail(line, 'title', 'a non-empty title', rawTitle);
    const year = rawYear.trim();
    if (!/^\d{4}$/.test(year)) table.fail(line, 'release_year', 'a four-digit year', rawYear);
    if (Number(year) < YEARS.min || Number(year) > YEARS.max) table.fail(line, 'release_year', `a year from ${YEARS.min} to ${YEARS.max}`, rawYear);
    checkDate(table, line, rawDate);
    let durationMin: number | null;
    const shifted = /^\s*(\d+) min\s*$/.exec(rating);
    if (rawDuration.trim() === '' && shifted) {
      durationMin = Number(shifted[1]); // the known shifted-column rows
      if (durationMin < 1 || durationMin > MAX_MINUTES) table.fail(line, 'rating', `a duration from 1 to ${MAX_MINUTES} min (moved from the duration column)`, rating);
      recovered++;
    } else {
      durationMin = parseDuration(table, line, rawDuration);
      if (rating.trim() === '') noRating++;
    }
    const listed = splitList(listedIn);
    if (listed.length === 0) table.fail(line, 'listed_in', 'genres separated by ", "', listedIn);
    // Netflix files a title it did not categorise under a bare "Movies" or "TV Shows" (73 titles,
    // never beside a genre): that is the title's kind, not a genre, and read as one it made
    // "Movies titles earn the highest mean rating". Such a title has no genre, as in MovieLens.
    const genres = listed.every((g) => UNCATEGORISED.has(g)) ? [NO_GENRES] : listed.filter((g) => !UNCATEGORISED.has(g));
    if (genres[0] === NO_GENRES) uncategorised++;
    titles.push({
      id,
      name,
      genres,
      year: Number(year),
      durationMin,
      kind,
      description: oneLine(description),
      tags: [...new Set([...splitList(director), ...splitList(cast), ...splitList(country)])],
    });
  }
  const counts = new Map([
    ['catalogue titles', titles.length],
    ['durations recovered from the rating column', recovered],
    ['titles without a maturity rating', noRating],
    [UNCATEGORISED_COUNT, uncategorised],
    [normalisedCount(path), table.normalised],
  ]);
  return { titles, file: table.file(), counts };
}

function splitList(raw: string): string[] {
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

function parseDuration(table: CsvTable, line: number, raw: string): number | null {
  const s = raw.trim();
  const minutes = /^(\d+) min$/.exec(s);
  const seasons = /^(\d+) Seasons?$/.exec(s);
  if (!minutes && !seasons) return table.fail(line, 'duration', 'a duration such as "90 min" or "2 Seasons"', raw);
  const n = Number((minutes ?? seasons)![1]);
  if (minutes) return n >= 1 && n <= MAX_MINUTES ? n : table.fail(line, 'duration', `a duration from 1 to ${MAX_MINUTES} min`, raw);
  return n >= 1 && n <= MAX_SEASONS ? null : table.fail(line, 'duration', `from 1 to ${MAX_SEASONS} seasons`, raw);
}

function checkDate(table: CsvTable, line: number, raw: string): void {
  const s = raw.trim();
  if (s === '') return;
  const m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(s);
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  const ok = m !== null && month >= 0 && Number(m[3]) >= YEARS.min && Number(m[3]) <= YEARS.max && new Date(Date.UTC(Number(m[3]), month, Number(m[2]))).getUTCDate() === Number(m[2]);
  if (!ok) table.fail(line, 'date_added', `a date such as "September 25, 2021" (year ${YEARS.min}–${YEARS.max}) or an empty cell`, raw);
}
