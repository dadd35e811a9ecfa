// Issue 5, item 1: every bad input goes through the real CLI and must exit 2 with one line that
// names the file, line and column/field (or the flag / setting), leaving the last good site
// byte-for-byte untouched. The quirks that are valid CSV (BOM, CRLF, quoted commas and line
// breaks, repeated ratings) must build — they make the "previous site" every failure is checked against.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashTree, leftovers, pool, ROOT, runBuild, treeDiff } from './run.ts';
import { parseCsv } from '../site/parseCsv.ts';
import { reproduceCommand } from '../../build/buildReport.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bad-input-'));
const out = path.join(dir, 'site');
const at = (name: string) => path.join(dir, name);
let caseNo = 0;
/** A case's own files live in their own folder, so cases cannot overwrite each other's. */
function files(contents: Record<string, string | Buffer>): (name: string) => string {
  const folder = path.join(dir, `case-${++caseNo}`);
  mkdirSync(folder);
  for (const [name, content] of Object.entries(contents)) writeFileSync(path.join(folder, name), content);
  return (name) => (name in contents ? path.join(folder, name) : at(name));
}
const BOM = '\ufeff';
const ML_RATINGS = 'userId,movieId,rating,timestamp';
const ML_MOVIES = 'movieId,title,genres';
const NETFLIX = 'show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description';

/** A small valid MovieLens pair carrying every tolerated quirk. */
function goodMovieLens(): { movies: string; ratings: string } {
  const genres = ['Action|Crime', 'Comedy', 'Drama|Romance', 'Animation|Children', 'Thriller', 'Sci-Fi|Action', 'Documentary', 'Horror', 'Comedy|Drama', 'Adventure'];
  const movies = [ML_MOVIES];
  for (let i = 1; i <= 12; i++) {
    if (i === 2) movies.push('2,"Toy, Story (1995)",Animation|Children'); // quoted comma
    else if (i === 3) movies.push('3,"Two\nLines (2001)",Drama'); // quoted line break
    else movies.push(`${i},Movie ${i} (${1990 + i}),${genres[i % genres.length]}`);
  }
  const ratings = [ML_RATINGS];
  for (let u = 1; u <= 6; u++)
    for (let k = 0; k < 6; k++) ratings.push(`${u},${((u * 3 + k * 5) % 12) + 1},${(1 + ((u + k) % 9) / 2).toFixed(1)},${964982703 + u * 100 + k}`);
  ratings.push('1,4,5.0,964999999'); // user 1 rated movie 4 already: the later row wins
  // BOM + CRLF on both files
  return { movies: BOM + movies.join('\r\n') + '\r\n', ratings: BOM + ratings.join('\r\n') + '\r\n' };
}

const good = goodMovieLens();
writeFileSync(at('movies.csv'), good.movies);
writeFileSync(at('ratings.csv'), good.ratings);
const goodFlags = ['--ratings', at('ratings.csv'), '--movies', at('movies.csv')];
let before = new Map<string, string>();

interface Case {
  name: string;
  /** Files written into the temp folder before the run. */
  files?: Record<string, string | Buffer>;
  setup?: () => void;
  /** `f` names a file: the case's own when it wrote one, else the shared good files. */
  flags: (f: (name: string) => string) => string[];
  /** The whole stderr line must match. */
  message: RegExp;
}

const ratingsWith = (...rows: string[]) => ({ 'r.csv': [ML_RATINGS, ...rows].join('\n') + '\n' });
const ml = (f: (name: string) => string, ratings = 'r.csv', movies = 'movies.csv') => ['--ratings', f(ratings), '--movies', f(movies)];
const netflixRow = (id: string, overrides: Partial<Record<string, string>> = {}) => {
  const row = { type: 'Movie', title: 'A title', director: '', cast: '', country: '', date_added: 'September 25, 2021', release_year: '2020', rating: 'PG', duration: '90 min', listed_in: 'Dramas', description: 'd', ...overrides };
  return [id, row.type, row.title, row.director, row.cast, row.country, `"${row.date_added}"`, row.release_year, row.rating, row.duration, `"${row.listed_in}"`, row.description].join(',');
};
const R = (file: string) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cases: Case[] = [
  { name: 'empty file', files: { 'r.csv': '' }, flags: (f) => ml(f), message: /^error: \/\S+\/case-\d+\/r\.csv:1: the file is empty, expected a header line$/ },
  { name: 'header only', files: ratingsWith(), flags: (f) => ml(f), message: /r\.csv:2: no data rows after the header$/ },
  { name: 'BOM + header only', files: { 'r.csv': `${BOM}${ML_RATINGS}\r\n` }, flags: (f) => ml(f), message: /r\.csv:2: no data rows after the header$/ },
  { name: 'missing column', files: { 'r.csv': 'userId,movieId,rating\n1,1,4\n' }, flags: (f) => ml(f), message: /r\.csv:1: column "timestamp" is missing; expected the header "userId,movieId,rating,timestamp"$/ },
  { name: 'renamed column', files: { 'r.csv': 'userId,movieId,stars,timestamp\n1,1,4,1\n' }, flags: (f) => ml(f), message: /r\.csv:1: column "rating" is missing \(found "stars" in its place\)/ },
  { name: 'extra column in the header', files: { 'r.csv': `${ML_RATINGS},tag\n1,1,4,1,x\n` }, flags: (f) => ml(f), message: /r\.csv:1: unexpected column "tag"/ },
  { name: 'column named twice', files: { 'r.csv': `${ML_RATINGS},rating\n1,1,4,1,4\n` }, flags: (f) => ml(f), message: /r\.csv:1: column "rating" appears twice/ },
  { name: 'extra field in a row (unquoted comma)', files: ratingsWith('1,1,4.0,964982703', '1,2,4,5,964982703'), flags: (f) => ml(f), message: /r\.csv:3: field 5: unexpected extra field "964982703"/ },
  { name: 'missing field in a row', files: ratingsWith('1,1,4.0'), flags: (f) => ml(f), message: /r\.csv:2: column "timestamp": missing; expected 4 fields/ },
  { name: 'non-numeric rating', files: ratingsWith('1,1,four,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": expected a number from 0\.5 to 5 in steps of 0\.5, got "four"$/ },
  { name: 'rating above the scale', files: ratingsWith('1,1,4.0,964982703', '1,2,7,964982703'), flags: (f) => ml(f), message: /r\.csv:3: column "rating": expected a number from 0\.5 to 5 in steps of 0\.5, got "7"$/ },
  { name: 'rating below the scale', files: ratingsWith('1,1,0,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got "0"$/ },
  { name: 'negative rating', files: ratingsWith('1,1,-1,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got "-1"$/ },
  { name: 'rating off the half-star grid', files: ratingsWith('1,1,4.25,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got "4\.25"$/ },
  { name: 'NaN rating', files: ratingsWith('1,1,NaN,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got "NaN"$/ },
  { name: 'Infinity rating', files: ratingsWith('1,1,Infinity,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got "Infinity"$/ },
  { name: 'empty rating', files: ratingsWith('1,1,,964982703'), flags: (f) => ml(f), message: /r\.csv:2: column "rating": .*got ""$/ },
  { name: 'non-numeric timestamp', files: ratingsWith('1,1,4,yesterday'), flags: (f) => ml(f), message: /r\.csv:2: column "timestamp": expected Unix time in whole seconds from 1995 to 2100, got "yesterday"$/ },
  { name: 'empty user id', files: ratingsWith('1,1,4,964982703', ' ,1,4,964982703'), flags: (f) => ml(f), message: /r\.csv:3: column "userId": expected a non-empty id/ },
  { name: 'rating of a title absent from movies.csv', files: ratingsWith('1,1,4.0,964982703', '1,999,4.0,964982703'), flags: (f) => ml(f), message: new RegExp(`r\\.csv:3: column "movieId": expected a movieId listed in ${R(at('movies.csv'))}, got "999"$`) },
  { name: 'duplicate movieId in movies.csv', files: { 'm.csv': `${ML_MOVIES}\n1,A,Drama\n1,B,Drama\n` }, flags: (f) => ml(f, 'ratings.csv', 'm.csv'), message: /m\.csv:3: column "movieId": expected a movieId not used before \(already on line 2\), got "1"$/ },
  { name: 'invalid UTF-8', files: { 'm.csv': Buffer.concat([Buffer.from(`${ML_MOVIES}\n1,Good,Drama\n2,Bad `), Buffer.from([0xff, 0xfe]), Buffer.from(' title,Drama\n')]) }, flags: (f) => ml(f, 'ratings.csv', 'm.csv'), message: /m\.csv:3: invalid UTF-8 \(byte 0xff\): save the file as UTF-8$/ },
  { name: 'quoted field never closed', files: { 'm.csv': `${ML_MOVIES}\n1,Good,Drama\n2,"Open title,Drama\n3,Other,Drama\n` }, flags: (f) => ml(f, 'ratings.csv', 'm.csv'), message: /m\.csv:3: quoted field never closed/ },
  { name: 'quote inside an unquoted field', files: { 'm.csv': `${ML_MOVIES}\n1,The "Best",Drama\n` }, flags: (f) => ml(f, 'ratings.csv', 'm.csv'), message: /m\.csv:2: field 2: a quote inside an unquoted field/ },
  { name: 'a directory given as a file', setup: () => mkdirSync(at('folder.csv'), { recursive: true }), flags: (f) => ml(f, 'folder.csv'), message: /folder\.csv: is a directory, expected a CSV file$/ },
  { name: 'missing path', flags: (f) => ml(f, 'nowhere.csv'), message: /nowhere\.csv: cannot read file \(ENOENT: no such file\)$/ },
  { name: 'path through a file', flags: (f) => ml(f, 'ratings.csv/inner.csv'), message: /ratings\.csv\/inner\.csv: cannot read file \(ENOTDIR: a parent is not a folder\)$/ },
  { name: 'catalogue: repeated show_id', files: { 'n.csv': [NETFLIX, netflixRow('s1'), netflixRow('s2'), netflixRow('s1')].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:4: column "show_id": expected a show_id not used before \(already on line 2\), got "s1"$/ },
  { name: 'catalogue: bad type', files: { 'n.csv': [NETFLIX, netflixRow('s1', { type: 'Film' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "type": expected "Movie" or "TV Show", got "Film"$/ },
  { name: 'catalogue: bad duration', files: { 'n.csv': [NETFLIX, netflixRow('s1', { duration: 'NaN min' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "duration": expected a duration such as "90 min" or "2 Seasons", got "NaN min"$/ },
  { name: 'catalogue: bad year', files: { 'n.csv': [NETFLIX, netflixRow('s1', { release_year: 'Infinity' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "release_year": expected a four-digit year, got "Infinity"$/ },
  { name: 'bad flag value', flags: (f) => ['--seed', 'abc'], message: /^error: --seed: invalid value "abc": expected a whole number$/ },
  { name: 'flag value out of range', flags: (f) => ['--recommendations', '1000'], message: /^error: --recommendations: invalid value "1000": expected a whole number from 5 to 100$/ },
  { name: 'bad date flag', flags: (f) => ['--end-date', '2025-02-30'], message: /^error: --end-date: invalid value "2025-02-30": expected a real calendar date$/ },
  { name: 'unknown flag', flags: (f) => ['--colour', 'red'], message: /^error: unknown flag --colour — did you mean --compare or --config\?$/ },
  { name: 'unknown config key', files: { 'config.json': '{"seed": 1, "colour": "red"}' }, flags: (f) => ['--config', f('config.json')], message: /config\.json: unknown setting "colour" \(known: / },
  { name: 'bad config value', files: { 'config2.json': '{"users": 0}' }, flags: (f) => ['--config', f('config2.json')], message: /config2\.json: users: invalid value 0: expected a whole number from 1 to 1000000$/ },
  { name: 'config file not JSON', files: { 'config3.json': '{seed: 1}' }, flags: (f) => ['--config', f('config3.json')], message: /config3\.json: invalid JSON at line 1, column 2: expected a JSON object/ },
  // Issue 15: every input checked at the boundary.
  { name: 'CR-only line ends', files: { 'r.csv': [ML_RATINGS, '1,1,5.0,964982703', '1,2,5.0,964982703'].join('\r') + '\r' }, flags: (f) => ml(f), message: /^error: \/\S+\/r\.csv:1: the file uses CR-only line ends \(old Mac format\); save it with LF or CRLF line ends$/ },
  { name: 'ESC and CR in a header name', files: { 'r.csv': `userId,movieId,"\u001b[2J\rstars",timestamp\n1,1,4,964982703\n` }, flags: (f) => ml(f), message: /r\.csv:1: column "rating" is missing \(found "\[2J stars" in its place\)/ },
  { name: 'a BOM inside the header', files: { 'r.csv': `userId,\ufeffmovieId,rating,timestamp\n1,1,4,964982703\n` }, flags: (f) => ml(f), message: /r\.csv:1: column "movieId" is missing \(found "\\ufeffmovieId" in its place\)/ },
  { name: 'timestamp before 1995', files: ratingsWith('1,1,4.0,1'), flags: (f) => ml(f), message: /r\.csv:2: column "timestamp": expected Unix time in whole seconds from 1995 to 2100, got "1"$/ },
  { name: 'catalogue: duration of 20 digits', files: { 'n.csv': [NETFLIX, netflixRow('s1', { duration: '99999999999999999999 min' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "duration": expected a duration from 1 to 1000 min, got "99999999999999999999 min"$/ },
  { name: 'catalogue: 500 seasons', files: { 'n.csv': [NETFLIX, netflixRow('s1', { type: 'TV Show', duration: '500 Seasons' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "duration": expected from 1 to 100 seasons, got "500 Seasons"$/ },
  { name: 'catalogue: release year 9999', files: { 'n.csv': [NETFLIX, netflixRow('s1', { release_year: '9999' })].join('\n') + '\n' }, flags: (f) => ['--catalog', f('n.csv')], message: /n\.csv:2: column "release_year": expected a year from 1870 to 2100, got "9999"$/ },
  { name: 'a config naming /etc/passwd as ratings: its first line is not echoed', files: { 'pw.json': JSON.stringify({ ratings: '/etc/passwd', movies: at('movies.csv') }) }, flags: (f) => ['--config', f('pw.json')], message: /^error: \/etc\/passwd:1: the first line is not a header of this file \(it names none of the expected columns\); expected the header "userId,movieId,rating,timestamp"$/ },
  { name: 'config file with a JSON error: no text from the file', files: { 'c4.json': '{"seed": 1,\n root:x:0:0:root:/root:/bin/bash\n' }, flags: (f) => ['--config', f('c4.json')], message: /c4\.json: invalid JSON at line 2, column 2: expected a JSON object such as \{"seed": 42\}$/ },
  { name: 'config file with a BOM and a bad value: the BOM is accepted, the value shown escaped', files: { 'c5.json': '\ufeff{"seed": "\\u001b[2J7"}' }, flags: (f) => ['--config', f('c5.json')], message: /c5\.json: seed: invalid value "\\u001b\[2J7": expected a whole number$/ },
  { name: 'config file is a device', flags: () => ['--config', '/dev/zero'], message: /^error: \/dev\/zero: is not a regular file \(a device, FIFO or socket\), expected a JSON file$/ },
  { name: 'flag value with an escape sequence', flags: () => ['--seed', '\u001b[2J\r7'], message: /^error: --seed: invalid value "\\u001b\[2J\\r7": expected a whole number$/ },
  { name: '--path-prefix with dot segments', flags: () => ['--path-prefix', '/../../'], message: /^error: --path-prefix: invalid value "\/\.\.\/\.\.\/": expected a URL path such as \/ or \/report\// },
  { name: '--path-prefix .', flags: () => ['--path-prefix', '.'], message: /^error: --path-prefix: invalid value "\.": expected a URL path/ },
  { name: '--ratings without --movies', flags: (f) => ['--ratings', f('ratings.csv')], message: /^error: --ratings and --movies go together: give both MovieLens files$/ },
];

// Root reads any file whatever its mode, so the permission case only means something for others.
if (process.getuid?.() !== 0) {
  cases.push({
    name: 'unreadable file',
    setup: () => {
      writeFileSync(at('locked.csv'), good.ratings);
      chmodSync(at('locked.csv'), 0o000);
    },
    flags: (f) => ml(f, 'locked.csv'),
    message: /locked\.csv: cannot read file \(EACCES: permission denied\)$/,
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('BOM, CRLF, quoted commas and line breaks build; a repeated rating is replaced and counted in the log', async () => {
  const result = await runBuild([...goodFlags, '--out', out]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /^data: .*\bduplicate ratings replaced 1\b/m);
  assert.match(result.stdout, /ratings 36\b/, '37 rows, one replaced');
  const titles = readFileSync(path.join(out, 'data/titles.csv'), 'utf8');
  assert.ok(titles.includes('"Toy, Story (1995)"'), 'quoted comma kept inside the title');
  // The quoted line break stays inside its record (the loader folds titles onto one line).
  const rows = parseCsv(titles);
  assert.ok(rows.some((r) => r[0] === '3' && /^Two\s+Lines \(2001\)$/.test(r[1])), 'quoted line break read as part of the title');
  assert.ok(rows.every((r) => r.length === rows[0].length), 'no record split by the quoted line break');
  assert.not.ok(titles.includes('\ufeff'), 'the BOM is not data');
  assert.not.ok(readFileSync(path.join(out, 'data/ratings.csv'), 'utf8').includes('\r'), 'CRLF is not data');
  // Issue 15: the published Reproduce line names inputs outside the project by base name only.
  const home = readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.ok(home.includes('Reproduce: <code>npm run build -- --ratings ratings.csv --movies movies.csv</code>'), 'reproduce line with base names');
  assert.not.ok(home.includes(dir), 'no local folder on the page');
  before = hashTree(out);
  // 6 MovieLens users, no sessions: the same file set as tests/site/golden/movielens/
  assert.is(before.size, 60, 'the whole previous site');
});

test('control characters in titles and genres are normalised before the site, and counted in the log', async () => {
  const site = path.join(dir, 'site-hostile');
  const f = files({
    'movies.csv':
      BOM +
      [ML_MOVIES, '1,"Evil\u202e Title\u001b[2J (1995)","Drama\r\r![a](/etc/hostname)|Comedy"', '2,"Two\r\nLines (2001)",Drama', '3,"\u05e9\u05dc\u05d5\u05dd (2002)",Comedy\u0001', ...Array.from({ length: 9 }, (_, i) => `${i + 4},Movie ${i + 4} (2000),Drama|Comedy`)].join('\n') + '\n',
    'ratings.csv': [ML_RATINGS, ...Array.from({ length: 24 }, (_, k) => `${1 + (k % 4)},${1 + ((k * 5) % 12)},${1 + (k % 9) / 2},${964982703 + k}`)].join('\n') + '\n',
  });
  const result = await runBuild(['--ratings', f('ratings.csv'), '--movies', f('movies.csv'), '--out', site]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /^data: .*\bcontrol characters normalised in movies\.csv 7\b.*\bcontrol characters normalised in ratings\.csv 0\b/m);
  const titles = readFileSync(path.join(site, 'data/titles.csv'), 'utf8');
  assert.not.match(titles, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\r]/, 'no control characters reach the downloads');
  const all = [...hashTree(site).keys()].filter((p) => p.endsWith('.html')).map((p) => readFileSync(path.join(site, p), 'utf8')).join('');
  assert.not.match(all, /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, 'nor the pages');
  assert.ok(all.includes('Evil Title[2J (1995)'), 'the title minus its controls');
});

test('a Netflix genre holding "|" still filters the recommendation cards on a user page', async () => {
  const site = path.join(dir, 'site-pipe');
  const rows = Array.from({ length: 16 }, (_, i) => netflixRow(`s${i + 1}`, { title: `Title ${i + 1}`, listed_in: i % 2 === 0 ? 'Sci|Fi, Dramas' : 'Comedies' }));
  const f = files({ 'n.csv': [NETFLIX, ...rows].join('\n') + '\n' });
  const result = await runBuild(['--catalog', f('n.csv'), '--users', '6', '--ratings-per-user', '4', '--out', site]);
  assert.is(result.status, 0, result.stderr);
  const { JSDOM } = await import('jsdom');
  const { enhanceGenreFilter } = await import('../../templates/assets/genreFilter.ts');
  let checked = 0;
  for (const page of [...hashTree(site).keys()].filter((p) => /^users\/[^/]+\.html$/.test(p))) {
    const doc = new JSDOM(readFileSync(path.join(site, page), 'utf8')).window.document;
    const select = doc.getElementById('rec-genre') as HTMLSelectElement | null;
    if (!select || ![...select.options].some((o) => o.value === 'Sci|Fi')) continue;
    enhanceGenreFilter(doc);
    select.value = 'Sci|Fi';
    select.dispatchEvent(new doc.defaultView!.Event('change'));
    const cards = [...doc.querySelectorAll<HTMLElement>('.rec-card')];
    assert.ok(cards.some((c) => !c.hidden), `${page}: the cards of genre "Sci|Fi" are shown`);
    for (const c of cards) assert.is(!c.hidden, c.querySelector('.rec-meta')!.textContent!.includes('Sci|Fi'), `${page}: ${c.textContent}`);
    checked++;
  }
  assert.ok(checked > 0, 'some user page offers the "Sci|Fi" filter');
});

test('a catalogue every simulated user has rated in full still builds, and says nobody gets a recommendation', async () => {
  const site = path.join(dir, 'site-saturated');
  const rows = Array.from({ length: 16 }, (_, i) => netflixRow(`s${i + 1}`, { title: `Title ${i + 1}`, listed_in: i % 2 === 0 ? 'Dramas' : 'Comedies' }));
  const f = files({ 'n.csv': [NETFLIX, ...rows].join('\n') + '\n' });
  // 6 users × 20 ratings over 16 titles: every user rates every title, so no list has anything in it
  const result = await runBuild(['--catalog', f('n.csv'), '--users', '6', '--out', site]);
  assert.is(result.status, 0, result.stderr);
  const home = readFileSync(path.join(site, 'index.html'), 'utf8').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
  assert.match(home, /No user gets a recommendation: every user has already rated every title/);
  assert.match(home, /100% of all user × title pairs already carry a rating/);
  assert.not.match(home, /Only 100%|it is sparse|Every user with a title left/);
});

test('a right-to-left title cannot reorder the figures beside it: titles sit in <bdi> on user pages', async () => {
  const { recommendationCard } = await import('../../templates/userPage.ts');
  const reason = { titleName: '\u0633\u0644\u0627\u0645', rating: 4.5, similarity: 0.9, kind: 'rating' };
  const card = String(recommendationCard({} as never, { rank: 1, titleName: '\u05e9\u05dc\u05d5\u05dd', genres: ['Drama'], year: 2002, score: 0.5, reasons: [reason], explanation: '' } as never));
  assert.ok(card.includes('<h3 class="rec-title"><bdi>\u05e9\u05dc\u05d5\u05dd</bdi></h3>'), card);
  assert.ok(card.includes('<em><bdi>\u0633\u0644\u0627\u0645</bdi></em> ★4.5'), card);
  assert.ok(card.includes('data-genres="[&quot;Drama&quot;]"'), card);
});

test('the Reproduce line: inputs relative to the project root inside it, base names outside, never --out', () => {
  const inside = path.join(ROOT, 'tests/fixtures/data/ml-latest-small/ratings.csv');
  assert.is(
    reproduceCommand(['--ratings', inside, '--movies=/home/someone/private/movies.csv', '--out', '/srv/www/site', '--seed', '7', '--config', '/etc/x/report.json'], ROOT),
    'npm run build -- --ratings tests/fixtures/data/ml-latest-small/ratings.csv --movies=movies.csv --seed 7 --config report.json',
  );
  assert.is(reproduceCommand(['--catalog', 'data/n.csv'], ROOT, ROOT), 'npm run build -- --catalog data/n.csv');
  assert.is(reproduceCommand(['--catalog', '../../n.csv'], ROOT, ROOT), 'npm run build -- --catalog n.csv');
  // a service's data folder is a local path too: its base name only, on the published site
  // where exports go is not what the site is, like --out
  assert.is(reproduceCommand(['--data', '/home/someone/warehouse/export', '--export-data=/tmp/x/out', '--stages', '/srv/spark/run-7', '--export-stages', 's'], ROOT, ROOT), 'npm run build -- --data export --stages run-7');
});

test('every bad input: exit 2, one line naming file:line and column (or the flag), previous site untouched', async () => {
  assert.ok(before.size > 0, 'the good build ran first');
  const flags = cases.map((c) => {
    c.setup?.();
    return c.flags(files(c.files ?? {}));
  });
  const results = await pool(cases, 4, (_c, i) => runBuild([...flags[i], '--out', out]));
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const { status, stderr } = results[i];
    const lines = stderr.split('\n').filter((l) => l !== '');
    if (status !== 2) failures.push(`${c.name}: exit ${status}, stderr ${JSON.stringify(stderr)}`);
    else if (lines.length !== 1) failures.push(`${c.name}: ${lines.length} lines on stderr: ${JSON.stringify(stderr)}`);
    else if (!lines[0].startsWith('error: ') || !c.message.test(lines[0])) failures.push(`${c.name}: message ${JSON.stringify(lines[0])} does not match ${c.message}`);
  });
  assert.equal(failures, []);
  assert.equal(treeDiff(before, hashTree(out)), [], 'the previous site is byte-for-byte intact');
  assert.equal(leftovers(out), [], 'no staging folders left beside the output');
  // The closing table of the report: every case and its message.
  if (process.env.PRINT_CASES) cases.forEach((c, i) => console.log(`| ${c.name} | \`${results[i].stderr.trim()}\` |`));
});

test.run();
