// Loader for MovieLens-format ratings.csv + movies.csv (GroupLens "ml-latest-small" and kin).
//
// Documented rules:
// - Ids are kept as the raw strings (trimmed); an empty id is an error. The site slugs them.
// - Titles are made one line: whitespace runs, line breaks inside quotes included, become a space.
// - A movie whose genres are "(no genres listed)" keeps that label as its one genre, so every
//   title has at least one genre (Title.genres' contract) and the report shows the gap honestly.
// - The year comes from a trailing "(1995)" in the title when present; the name keeps the title
//   as MovieLens writes it ("Heat (1995)" and "Heat (1986)" stay distinguishable), except that a
//   trailing article is put back in front for readers: "Shawshank Redemption, The (1994)" →
//   "The Shawshank Redemption (1994)". A year
//   outside 1870–2100 is not taken as one (the title keeps no year), counted.
// - Ratings are 0.5–5 in half stars; timestamps are Unix seconds from 1995 (MovieLens began
//   then) to 2100, stored as ms; anything else is an error.
// - Control characters in any field are normalised by the CSV reader (build/data/csv.ts) and
//   counted per file.
// - A user rating the same movie twice: the later row wins (MovieLens records re-ratings that
//   way), counted as "duplicate ratings replaced".
// - A rating of a movieId that movies.csv does not list is an error, not a silent skip.
import path from 'node:path';
import type { Dataset, Rating, Title, User } from '../types.ts';
import type { CsvLimits } from './csv.ts';
import { CsvTable, oneLine } from './table.ts';
import { groupDigits } from '../util/numbers.ts';
import { IdDictionary, RatingsBuilder, type Ratings } from '../util/ratings.ts';

export const MOVIES_COLUMNS = ['movieId', 'title', 'genres'] as const;
export const RATINGS_COLUMNS = ['userId', 'movieId', 'rating', 'timestamp'] as const;
export const NO_GENRES = '(no genres listed)';

/** Whether a title's genre label is a genre: MovieLens' NO_GENRES marks a missing one. */
export const isGenre = (g: string): boolean => g !== NO_GENRES;

const ARTICLES = "The|A|An|Les|La|Le|L'|Il|Die|Der|Das|El|Los|Las";
const TRAILING_ARTICLE = new RegExp(`^(.+?), (${ARTICLES})((?: \\([^()]*\\))*)$`);
/** An alternate title in parentheses with its article at the end: "(Boat, The)", "(a.k.a. Ring, The)". */
const ALTERNATE_TRAILING_ARTICLE = new RegExp(`\\((a\\.k\\.a\\. )?([^()]+?), (${ARTICLES})\\)`, 'g');

const articleFirst = (article: string, rest: string) => `${article}${article.endsWith("'") ? '' : ' '}${rest}`;

/**
 * "Shawshank Redemption, The (1994)" → "The Shawshank Redemption (1994)", and the same in an
 * alternate title: "Das Boot (Boat, The)" → "Das Boot (The Boat)"; other titles unchanged.
 */
export function displayTitle(name: string): string {
  const m = TRAILING_ARTICLE.exec(name);
  const front = m ? `${articleFirst(m[2], m[1])}${m[3]}` : name;
  return front.replace(ALTERNATE_TRAILING_ARTICLE, (_, aka: string | undefined, rest: string, article: string) => `(${aka ?? ''}${articleFirst(article, rest)})`);
}

/** Plausible release years (the first films to 2100), shared with the Netflix loader. */
export const YEARS = { min: 1870, max: 2100 } as const;
/** Plausible rating times, Unix seconds: 1995-01-01 (MovieLens began) to 2100-01-01. */
export const RATING_TIMES = { min: Date.UTC(1995, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 } as const;

export interface LoadOptions {
  /** Recorded as the dataset's seed (the evaluation split uses it); nothing here is random. */
  seed?: number;
  limits?: Partial<CsvLimits>;
}

export async function loadMovieLens(ratingsPath: string, moviesPath: string, options: LoadOptions = {}): Promise<Dataset> {
  const movies = new CsvTable(moviesPath, MOVIES_COLUMNS, options.limits);
  const { titles, badYears } = await readMovies(movies);
  const ratingsTable = new CsvTable(ratingsPath, RATINGS_COLUMNS, options.limits);
  const { ratings, users, replaced } = await readRatings(ratingsTable, titles, moviesPath);
  const noGenres = titles.filter((t) => t.genres[0] === NO_GENRES).length;
  const notes = [
    'MovieLens has ratings only: no viewing sessions, devices, subscription plans or regions, so the engagement sections are left out.',
    'Ratings are 0.5 to 5 stars in half stars, as MovieLens users gave them.',
  ];
  if (noGenres > 0) notes.push(`${count(noGenres, 'movie has', 'movies have')} no genres in MovieLens ("${NO_GENRES}"); genre figures and charts leave ${noGenres === 1 ? 'it' : 'them'} out.`);
  if (replaced > 0) notes.push(`${count(replaced, 'repeated rating', 'repeated ratings')} of the same movie by the same user replaced by the later one.`);
  return {
    source: {
      kind: 'movielens',
      seed: options.seed ?? 42,
      files: [ratingsTable.file(), movies.file()],
      description: `MovieLens ratings: ${groupDigits(ratings.length, 0)} ratings by ${groupDigits(users.length, 0)} users of ${groupDigits(titles.length, 0)} movies.`,
    },
    titles,
    users,
    ratings,
    sessions: null,
    truth: null,
    ratingScale: { min: 0.5, max: 5, step: 0.5 },
    notes,
    counts: new Map([
      ['titles', titles.length],
      ['users', users.length],
      ['ratings', ratings.length],
      ['duplicate ratings replaced', replaced],
      ['titles without genres', noGenres],
      ['title years outside 1870–2100 ignored', badYears],
      [normalisedCount(moviesPath), movies.normalised],
      [normalisedCount(ratingsPath), ratingsTable.normalised],
    ]),
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The data-log name of a file's count of characters changed by the CSV reader's normalisation. */
export function normalisedCount(file: string): string {
  return `control characters normalised in ${path.basename(file)}`;
}

/** A trimmed, non-empty id, or the standard error. */
export function requireId(table: CsvTable, line: number, column: string, raw: string): string {
  const id = raw.trim();
  if (id === '') table.fail(line, column, 'a non-empty id', raw);
  return id;
}

async function readMovies(table: CsvTable): Promise<{ titles: Title[]; badYears: number }> {
  const titles: Title[] = [];
  let badYears = 0;
  const firstLine = new Map<string, number>();
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawId, rawTitle, rawGenres] = fields;
    const id = requireId(table, line, 'movieId', rawId);
    const seen = firstLine.get(id);
    if (seen !== undefined) table.fail(line, 'movieId', `a movieId not used before (already on line ${seen})`, rawId);
    firstLine.set(id, line);
    const name = displayTitle(oneLine(rawTitle));
    if (name === '') table.fail(line, 'title', 'a non-empty title', rawTitle);
    const genres = rawGenres.split('|').map((g) => g.trim()).filter((g) => g !== '');
    if (genres.length === 0) table.fail(line, 'genres', `genres separated by "|" (or "${NO_GENRES}")`, rawGenres);
    const match = /\((\d{4})(?:[-–]\d{4})?\)\s*$/.exec(name);
    let year = match ? Number(match[1]) : null;
    if (year !== null && (year < YEARS.min || year > YEARS.max)) {
      year = null;
      badYears++;
    }
    titles.push({
      id,
      name,
      genres: [...new Set(genres)],
      year,
      durationMin: null,
      kind: 'Movie',
      description: '',
      tags: [],
    });
  }
  return { titles, badYears };
}

const HALF_STARS = 'a number from 0.5 to 5 in steps of 0.5';

/** A decimal number written plainly (no NaN, Infinity, hex, exponent or empty cell). */
const DECIMAL = /^\s*\d+(?:\.\d+)?\s*$/;

async function readRatings(table: CsvTable, titles: Title[], moviesPath: string): Promise<{ ratings: Ratings; users: User[]; replaced: number }> {
  const cols = new RatingsBuilder(1 << 16, { users: new IdDictionary(), titles: new IdDictionary(titles.map((t) => t.id)) });
  // MovieLens lists a user's ratings together: a row by the previous row's user needs no lookup.
  let lastRaw: string | null = null;
  let lastUser = -1;
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawUser, rawMovie, rawRating, rawTime] = fields;
    if (rawUser !== lastRaw) {
      lastUser = cols.users.intern(requireId(table, line, 'userId', rawUser));
      lastRaw = rawUser;
    }
    const title = cols.titles.get(requireId(table, line, 'movieId', rawMovie));
    if (title < 0) table.fail(line, 'movieId', `a movieId listed in ${moviesPath}`, rawMovie);
    const value = Number(rawRating);
    if (!DECIMAL.test(rawRating) || value < 0.5 || value > 5 || !Number.isInteger(value * 2)) table.fail(line, 'rating', HALF_STARS, rawRating);
    const seconds = Number(rawTime);
    if (!/^\s*\d+\s*$/.test(rawTime) || seconds < RATING_TIMES.min || seconds >= RATING_TIMES.max) {
      table.fail(line, 'timestamp', 'Unix time in whole seconds from 1995 to 2100', rawTime);
    }
    cols.pushIndexes(lastUser, title, value, seconds * 1000);
  }
  // the later row wins, in the earlier one's place
  const replaced = cols.replaceRepeats('by file order');
  const users = cols.users.names.map((id) => ({ id, plan: null, region: null }));
  return { ratings: cols.finish(), users, replaced };
}
