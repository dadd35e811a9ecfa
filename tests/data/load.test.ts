// Every bad input the loaders must refuse (issue 5, item 1), driven through loadDataset, the data
// stage's entry point. Each case asserts the InputError's one-line message names the file, the
// line and the column or field, and says what was expected.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, type ReportConfig } from '../../build/config.ts';
import { describeCounts, loadDataset, simulationOptions } from '../../build/data/load.ts';
import { simulate } from '../../build/data/simulate.ts';
import type { CsvLimits } from '../../build/data/csv.ts';
import { InputError } from '../../build/types.ts';

const root = mkdtempSync(join(tmpdir(), 'load-test-'));
let caseNo = 0;

const MOVIES = 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,"Heat, The (1995)",Action\n';
const RATINGS = 'userId,movieId,rating,timestamp\n1,1,4.5,1260759144\n1,2,3,1260759145\n';
const NETFLIX_HEADER = 'show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description\n';
const NETFLIX_ROW = 's1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,"September 25, 2021",2020,PG-13,90 min,Documentaries,A film.\n';

interface Files {
  movies?: string | Uint8Array;
  ratings?: string | Uint8Array;
  catalog?: string | Uint8Array;
}

/** Writes the case's files into a fresh folder; returns the config pointing at them. */
function setup(files: Files): ReportConfig {
  const dir = join(root, `case${caseNo++}`);
  mkdirSync(dir);
  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  if (files.catalog !== undefined) return { ...DEFAULTS, catalog: write('netflix_titles.csv', files.catalog) };
  return {
    ...DEFAULTS,
    movies: write('movies.csv', files.movies ?? MOVIES),
    ratings: write('ratings.csv', files.ratings ?? RATINGS),
  };
}

interface BadCase {
  name: string;
  files: Files;
  /** Which file the message must name. */
  file: 'ratings' | 'movies' | 'catalog';
  line: number | null;
  field: string | null;
  message: string;
  limits?: Partial<CsvLimits>;
  /** Replace the configured path (a directory, a missing file…). */
  path?: (config: ReportConfig) => string;
}

const ratings = (...rows: string[]): string => `userId,movieId,rating,timestamp\n${rows.join('\n')}\n`;
const netflix = (row: string): string => NETFLIX_HEADER + NETFLIX_ROW + row + '\n';

const CASES: BadCase[] = [
  { name: 'empty file', files: { ratings: '' }, file: 'ratings', line: 1, field: null, message: 'the file is empty' },
  { name: 'header only', files: { ratings: 'userId,movieId,rating,timestamp\n' }, file: 'ratings', line: 2, field: null, message: 'no data rows after the header' },
  { name: 'header only, no line break', files: { movies: 'movieId,title,genres' }, file: 'movies', line: 2, field: null, message: 'no data rows after the header' },
  { name: 'missing column', files: { ratings: 'userId,movieId,rating\n1,1,4\n' }, file: 'ratings', line: 1, field: 'timestamp', message: 'column "timestamp" is missing' },
  { name: 'renamed column', files: { ratings: 'userId,movieId,score,timestamp\n1,1,4,1\n' }, file: 'ratings', line: 1, field: 'rating', message: 'column "rating" is missing (found "score" in its place)' },
  { name: 'extra column', files: { ratings: 'userId,movieId,rating,timestamp,comment\n1,1,4,1,x\n' }, file: 'ratings', line: 1, field: 'comment', message: 'unexpected column "comment"' },
  { name: 'repeated column', files: { movies: 'movieId,title,title\n1,a,b\n' }, file: 'movies', line: 1, field: 'title', message: 'column "title" appears twice' },
  { name: 'non-numeric rating', files: { ratings: ratings('1,1,4,964982701', '1,2,abc,964982701') }, file: 'ratings', line: 3, field: 'rating', message: 'column "rating": expected a number from 0.5 to 5 in steps of 0.5, got "abc"' },
  { name: 'rating above 5', files: { ratings: ratings('1,1,5.5,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "5.5"' },
  { name: 'rating 0', files: { ratings: ratings('1,1,0,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "0"' },
  { name: 'negative rating', files: { ratings: ratings('1,1,-1,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "-1"' },
  { name: 'rating off the half-star grid', files: { ratings: ratings('1,1,4.3,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'in steps of 0.5, got "4.3"' },
  { name: 'NaN rating', files: { ratings: ratings('1,1,NaN,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "NaN"' },
  { name: 'Infinity rating', files: { ratings: ratings('1,1,Infinity,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "Infinity"' },
  { name: 'empty rating', files: { ratings: ratings('1,1,,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got ""' },
  { name: 'hex rating', files: { ratings: ratings('1,1,0x4,964982701') }, file: 'ratings', line: 2, field: 'rating', message: 'got "0x4"' },
  { name: 'bad timestamp', files: { ratings: ratings('1,1,4,yesterday') }, file: 'ratings', line: 2, field: 'timestamp', message: 'expected Unix time in whole seconds from 1995 to 2100, got "yesterday"' },
  { name: 'movie absent from movies.csv', files: { ratings: ratings('1,1,4,964982701', '2,99,4,964982701') }, file: 'ratings', line: 3, field: 'movieId', message: 'column "movieId": expected a movieId listed in ' },
  { name: 'empty user id', files: { ratings: ratings(' ,1,4,964982701') }, file: 'ratings', line: 2, field: 'userId', message: 'column "userId": expected a non-empty id, got " "' },
  { name: 'errors come in file order', files: { ratings: ratings('1,1,9,964982701', '1,2') }, file: 'ratings', line: 2, field: 'rating', message: 'got "9"' },
  { name: 'too few fields', files: { ratings: ratings('1,1,4') }, file: 'ratings', line: 2, field: 'timestamp', message: 'column "timestamp": missing; expected 4 fields' },
  { name: 'too many fields (unquoted comma)', files: { movies: 'movieId,title,genres\n1,Heat, The (1995),Action\n' }, file: 'movies', line: 2, field: '4', message: 'field 4: unexpected extra field "Action"' },
  { name: 'duplicate movieId', files: { movies: MOVIES + '1,Again (2000),Drama\n' }, file: 'movies', line: 4, field: 'movieId', message: 'expected a movieId not used before (already on line 2), got "1"' },
  { name: 'empty movieId', files: { movies: 'movieId,title,genres\n,x,Drama\n' }, file: 'movies', line: 2, field: 'movieId', message: 'expected a non-empty id' },
  { name: 'empty genres', files: { movies: 'movieId,title,genres\n1,x,\n' }, file: 'movies', line: 2, field: 'genres', message: 'expected genres separated by "|"' },
  { name: 'invalid UTF-8', files: { movies: Buffer.concat([Buffer.from(MOVIES), Buffer.from('3,Caf'), Buffer.from([0xe9]), Buffer.from(' (1990),Drama\n')]) }, file: 'movies', line: 4, field: null, message: 'invalid UTF-8 (byte 0xe9)' },
  { name: 'unterminated quote', files: { movies: MOVIES + '3,"Never closed (1990),Drama\n4,x,Drama\n' }, file: 'movies', line: 4, field: null, message: 'quoted field never closed' },
  { name: 'stray quote', files: { movies: MOVIES + '3,The "Best" (1990),Drama\n' }, file: 'movies', line: 4, field: '2', message: 'a quote inside an unquoted field' },
  { name: 'a directory given as a file', files: {}, file: 'ratings', line: null, field: null, message: 'is a directory, expected a CSV file', path: (c) => join(c.ratings!, '..') },
  { name: 'a missing file', files: {}, file: 'ratings', line: null, field: null, message: 'cannot read file (ENOENT: no such file)', path: (c) => `${c.ratings}.missing` },
  { name: 'an unreadable path (a file used as a folder)', files: {}, file: 'ratings', line: null, field: null, message: 'cannot read file (ENOTDIR', path: (c) => join(c.ratings!, 'ratings.csv') },
  { name: 'a file above the size limit', files: {}, file: 'movies', line: null, field: null, message: 'file is 88 bytes, above the 64 bytes limit', limits: { maxBytes: 64 } },
  { name: 'more rows than the limit', files: { ratings: ratings('1,1,4,964982701', '1,2,4,964982701', '2,1,4,964982701') }, file: 'ratings', line: 4, field: null, message: 'more than 2 data rows', limits: { maxRows: 2 } },
  { name: 'duplicate show_id', files: { catalog: netflix(NETFLIX_ROW.trim()) }, file: 'catalog', line: 3, field: 'show_id', message: 'expected a show_id not used before (already on line 2), got "s1"' },
  { name: 'unknown type', files: { catalog: netflix('s2,Podcast,X,,,,,2020,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'type', message: 'expected "Movie" or "TV Show", got "Podcast"' },
  { name: 'bad duration', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,ninety,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'expected a duration such as "90 min" or "2 Seasons", got "ninety"' },
  { name: 'empty duration without the shift', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'got ""' },
  { name: 'bad release year', files: { catalog: netflix('s2,Movie,X,,,,,20x0,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'release_year', message: 'expected a four-digit year' },
  { name: 'bad date_added', files: { catalog: netflix('s2,Movie,X,,,,"Smarch 3, 2020",2020,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'date_added', message: 'got "Smarch 3, 2020"' },
  { name: 'empty listed_in', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,90 min,,d') }, file: 'catalog', line: 3, field: 'listed_in', message: 'expected genres separated by ", "' },
  // Issue 15: plausible ranges (an error naming file, line and column, like every bad value).
  { name: 'timestamp before 1995', files: { ratings: ratings('1,1,4,1') }, file: 'ratings', line: 2, field: 'timestamp', message: 'expected Unix time in whole seconds from 1995 to 2100, got "1"' },
  { name: 'timestamp from 2100 on', files: { ratings: ratings('1,1,4,4102444800') }, file: 'ratings', line: 2, field: 'timestamp', message: 'got "4102444800"' },
  { name: 'timestamp of 20 digits', files: { ratings: ratings('1,1,4,99999999999999999999') }, file: 'ratings', line: 2, field: 'timestamp', message: 'got "99999999999999999999"' },
  { name: 'duration of 20 digits', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,99999999999999999999 min,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'expected a duration from 1 to 1000 min, got "99999999999999999999 min"' },
  { name: 'duration of 1001 minutes', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,1001 min,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'got "1001 min"' },
  { name: 'duration of 0 minutes', files: { catalog: netflix('s2,Movie,X,,,,,2020,PG,0 min,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'got "0 min"' },
  { name: '101 seasons', files: { catalog: netflix('s2,TV Show,X,,,,,2020,PG,101 Seasons,Dramas,d') }, file: 'catalog', line: 3, field: 'duration', message: 'expected from 1 to 100 seasons, got "101 Seasons"' },
  { name: 'shifted duration out of range', files: { catalog: netflix('s2,Movie,X,,,,,2020,99999 min,,Dramas,d') }, file: 'catalog', line: 3, field: 'rating', message: 'expected a duration from 1 to 1000 min (moved from the duration column), got "99999 min"' },
  { name: 'release year before 1870', files: { catalog: netflix('s2,Movie,X,,,,,1869,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'release_year', message: 'expected a year from 1870 to 2100, got "1869"' },
  { name: 'release year 9999', files: { catalog: netflix('s2,Movie,X,,,,,9999,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'release_year', message: 'got "9999"' },
  { name: 'date_added in year 9999', files: { catalog: netflix('s2,Movie,X,,,,"May 1, 9999",2020,PG,90 min,Dramas,d') }, file: 'catalog', line: 3, field: 'date_added', message: 'got "May 1, 9999"' },
  // Issue 15: header names are shown quoted and escaped; old-Mac files get their diagnosis.
  { name: 'CR-only line ends', files: { ratings: 'userId,movieId,rating,timestamp\r1,1,5.0,964982703\r1,2,5.0,964982703\r' }, file: 'ratings', line: 1, field: null, message: 'the file uses CR-only line ends (old Mac format); save it with LF or CRLF line ends' },
  { name: 'an invisible BOM inside the header', files: { ratings: 'userId,\ufeffmovieId,rating,timestamp\n1,1,4,964982701\n' }, file: 'ratings', line: 1, field: 'movieId', message: 'column "movieId" is missing (found "\\ufeffmovieId" in its place)' },
  { name: 'catalogue header renamed', files: { catalog: NETFLIX_HEADER.replace('listed_in', 'genres') + NETFLIX_ROW }, file: 'catalog', line: 1, field: 'listed_in', message: 'column "listed_in" is missing (found "genres" in its place)' },
];

for (const c of CASES) {
  test(`refuses: ${c.name}`, async () => {
    const config = setup(c.files);
    const key = c.file === 'catalog' ? 'catalog' : c.file;
    const path = c.path ? c.path(config) : config[key]!;
    const run = { ...config, [key]: path };
    try {
      await loadDataset(run, c.limits);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const where = c.line === null ? `${path}: ` : `${path}:${c.line}: `;
      assert.ok(err.message.startsWith(where), `"${err.message}" should start with "${where}"`);
      assert.ok(err.message.includes(c.message), `"${err.message}" should include "${c.message}"`);
      assert.not.match(err.message, /[\r\n]/);
      assert.is(err.file, path);
      assert.is(err.line, c.line);
      assert.is(err.field, c.field);
      if (c.field !== null && !/^\d+$/.test(c.field)) assert.ok(err.message.includes(`"${c.field}"`), 'the message names the column');
      return;
    }
    assert.unreachable('loadDataset accepted the bad input');
  });
}

test('accepted: BOM, CRLF, quoted commas and quoted line breaks', async () => {
  const movies = '\uFEFFmovieId,title,genres\r\n1,"Heat, The (1995)",Action|Crime\r\n2,"Two\r\nLines (2001)",Drama\r\n';
  const d = await loadDataset(setup({ movies, ratings: 'userId,movieId,rating,timestamp\r\n1,1,4.5,964982701\r\n1,2,0.5,964982702\r\n' }));
  assert.equal(d.titles.map((t) => [t.id, t.name, t.genres, t.year]), [
    ['1', 'The Heat (1995)', ['Action', 'Crime'], 1995],
    ['2', 'Two Lines (2001)', ['Drama'], 2001], // quoted CRLF normalised to a space by the reader
  ]);
  assert.equal([...d.ratings].map((r) => r.value), [4.5, 0.5]);
});

test('duplicate (user, title) pairs: the later row wins, counted', async () => {
  const d = await loadDataset(setup({ ratings: ratings('1,1,4,964982710', '1,2,3,964982711', '1,1,2.5,964982712') }));
  assert.equal([...d.ratings], [
    { userId: '1', titleId: '1', value: 2.5, timestamp: 964982712000 },
    { userId: '1', titleId: '2', value: 3, timestamp: 964982711000 },
  ]);
  assert.is(d.counts.get('duplicate ratings replaced'), 1);
  assert.match(describeCounts(d), 'ratings 2, duplicate ratings replaced 1');
  assert.ok(d.notes.some((n) => n.includes('1 repeated rating of the same movie')));
});

test('a first line that is not a header is never echoed (a mistyped path to /etc/passwd)', async () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
  const config = setup({ ratings: passwd });
  try {
    await loadDataset(config);
    assert.unreachable('accepted');
  } catch (err) {
    assert.instance(err, InputError);
    const message = (err as Error).message;
    assert.is(message, `${config.ratings}:1: the first line is not a header of this file (it names none of the expected columns); expected the header "userId,movieId,rating,timestamp"`);
    assert.not.ok(message.includes('root'));
  }
});

test('header names with escape sequences and line breaks reach the message escaped, on one line', async () => {
  // The CR and ESC are normalised away by the reader; what is left is shown quoted.
  const config = setup({ ratings: 'userId,movieId,"\u001b[2J\rrating\u2028x",timestamp\n1,1,4,964982701\n' });
  try {
    await loadDataset(config);
    assert.unreachable('accepted');
  } catch (err) {
    const message = (err as Error).message;
    assert.ok(message.startsWith(`${config.ratings}:1: column "rating" is missing (found "[2J rating x" in its place)`), message);
    assert.not.match(message, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  }
});

test('control characters in fields are normalised, and counted per file in the data counts', async () => {
  const movies = 'movieId,title,genres\n1,"Evil\u202e (1995)\u001b[2J","Drama\r\r![a](/etc/hostname)|Comedy"\n2,"Two\r\nLines (2001)",Drama\r\r![a](/etc/hostname)|Comedy\n';
  const d = await loadDataset(setup({ movies, ratings: ratings('1,1,4\u0001,964982701', '1,2,3,964982702') }));
  assert.equal(d.titles.map((t) => [t.name, t.genres, t.year]), [
    ['Evil (1995)[2J', ['Drama ![a](/etc/hostname)', 'Comedy'], null],
    ['Two Lines (2001)', ['Drama ![a](/etc/hostname)', 'Comedy'], 2001],
  ]);
  assert.is(d.ratings.at(0).value, 4);
  assert.is(d.counts.get('control characters normalised in movies.csv'), 8);
  assert.is(d.counts.get('control characters normalised in ratings.csv'), 1);
  assert.match(describeCounts(d), 'control characters normalised in movies.csv 8, control characters normalised in ratings.csv 1');
  for (const t of d.titles) assert.not.match(t.name + t.genres.join(), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
});

test('a MovieLens title year outside 1870–2100 is not taken as a year, and counted', async () => {
  const movies = 'movieId,title,genres\n1,Toy Story (1995),Animation\n2,Odd (1000),Drama\n3,Far (2101),Drama\n';
  const d = await loadDataset(setup({ movies, ratings: ratings('1,1,4,964982701', '1,2,3,964982702') }));
  assert.equal(d.titles.map((t) => t.year), [1995, null, null]);
  assert.is(d.counts.get('title years outside 1870–2100 ignored'), 2);
});

test('the Netflix catalogue counts its normalised characters too', async () => {
  const d = await loadDataset({ ...setup({ catalog: NETFLIX_HEADER + NETFLIX_ROW.replace('Dick Johnson', 'Dick\u0007 Johnson') }), users: 3 });
  assert.is(d.titles[0].name, 'Dick Johnson Is Dead');
  assert.is(d.counts.get('control characters normalised in netflix_titles.csv'), 1);
});

test('no data flags: the simulation with the config\'s options', async () => {
  const config = { ...DEFAULTS, seed: 9, users: 12 };
  const d = await loadDataset(config);
  assert.equal(d, simulate(simulationOptions(config)));
  assert.is(d.users.length, 12);
});

test('every source file carries its size and SHA-256', async () => {
  const d = await loadDataset(setup({}));
  assert.equal(d.source.files.map((f) => f.bytes), [Buffer.byteLength(RATINGS), Buffer.byteLength(MOVIES)]);
  const c = await loadDataset(setup({ catalog: NETFLIX_HEADER + NETFLIX_ROW }));
  assert.is(c.source.files[0].bytes, Buffer.byteLength(NETFLIX_HEADER + NETFLIX_ROW));
  assert.match(c.source.files[0].sha256, /^[0-9a-f]{64}$/);
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
