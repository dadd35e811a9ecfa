// build/data/service.ts: a service's own tables from CSV or Parquet, the column mapping, the
// detected rating scale, inferred ratings from plays, and one-line errors naming file, line (or
// Parquet row) and column.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadService, parseTime } from '../../build/data/service.ts';
import { exportData } from '../../build/data/exportData.ts';
import { inferredRating, watchText } from '../../build/data/implicit.ts';
import { InputError } from '../../build/types.ts';

const root = mkdtempSync(path.join(tmpdir(), 'service-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A data folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = path.join(root, `d${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const TITLES = 'title_id,title,genres,year,kind,duration_min,extra\nt1,Dark,Sci-Fi|Drama,2017,series,55,x\nt2,Heat,Crime,1995,Movie,170,y\nt3,"Up, Again",Animation,,,,z\n';
const USERS = 'user_id,plan,region\nu1,Premium,UK\nu2,Basic,\n';
const RATINGS = 'user_id,title_id,rating,timestamp\nu1,t1,5,2025-06-01T10:00:00Z\nu1,t2,2,1717236000\nu2,t3,4,\nu3,t1,3,2025-06-02\n';
const PLAYS = 'user_id,title_id,start,device,minutes\nu1,t1,2025-06-01T20:00:00Z,Smart TV,50\nu1,t1,2025-06-02 20:00,iPhone,40\nu2,t3,2025-06-03T08:00:00+02:00,web,90\n';

async function fails(dir: string, pattern: RegExp): Promise<InputError> {
  try {
    await loadService(dir);
  } catch (err) {
    assert.instance(err, InputError);
    const message = (err as Error).message;
    assert.not.match(message, /\n/, 'one line');
    assert.match(message, pattern);
    return err as InputError;
  }
  throw new Error(`expected ${pattern} to be thrown`);
}

test('CSV tables: titles with optional columns, users, ratings and plays; extra columns ignored; users only in ratings added', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'users.csv': USERS, 'ratings.csv': RATINGS, 'plays.csv': PLAYS }));
  assert.is(ds.source.kind, 'service');
  assert.equal(ds.titles.map((t) => [t.id, t.name, t.genres, t.year, t.kind, t.durationMin]), [
    ['t1', 'Dark', ['Sci-Fi', 'Drama'], 2017, 'TV Show', 55],
    ['t2', 'Heat', ['Crime'], 1995, 'Movie', 170],
    ['t3', 'Up, Again', ['Animation'], null, null, null],
  ]);
  assert.equal(ds.users, [
    { id: 'u1', plan: 'Premium', region: 'UK' },
    { id: 'u2', plan: 'Basic', region: null },
    { id: 'u3', plan: null, region: null },
  ]);
  assert.equal([...ds.ratings].map((r) => [r.userId, r.titleId, r.value, r.timestamp]), [
    ['u1', 't1', 5, Date.UTC(2025, 5, 1, 10)],
    ['u1', 't2', 2, 1717236000_000],
    ['u2', 't3', 4, null],
    ['u3', 't1', 3, Date.UTC(2025, 5, 2)],
  ]);
  assert.equal(ds.ratingScale, { min: 1, max: 5, step: 1 });
  assert.equal([...ds.sessions!].map((s) => [s.device, s.start, s.minutes]), [
    ['TV', Date.UTC(2025, 5, 1, 20), 50],
    ['Mobile', Date.UTC(2025, 5, 2, 20), 40],
    ['Desktop', Date.UTC(2025, 5, 3, 6), 90],
  ]);
  assert.is(ds.implicit ?? null, null);
  assert.is(ds.counts.get('users only in ratings or plays'), 1);
  assert.ok(ds.notes.some((x) => /1 user in the ratings or plays is not in the users table/.test(x)), ds.notes.join(' | '));
});

test('columns.json renames columns, sets the list separator and the rating scale', async () => {
  const dir = folder({
    'titles.csv': 'show_id,name,listed_in\ns1,Dark,"Sci-Fi, Drama"\n',
    'ratings.csv': 'member,show,stars\nm1,s1,8\n',
    'columns.json': JSON.stringify({ titles: { title_id: 'show_id', title: 'name', genres: 'listed_in' }, ratings: { user_id: 'member', title_id: 'show', rating: 'stars' }, listSeparator: ',', ratingScale: { min: 1, max: 10, step: 1 } }),
  });
  const ds = await loadService(dir);
  assert.equal(ds.titles[0].genres, ['Sci-Fi', 'Drama']);
  assert.equal(ds.ratingScale, { min: 1, max: 10, step: 1 });
  assert.equal(ds.users.map((u) => u.id), ['m1']);
  assert.is(ds.sessions, null);
});

test('the scale is detected: half stars give 0.5–5, ratings above 5 give 1–10', async () => {
  const half = await loadService(folder({ 'titles.csv': TITLES, 'ratings.csv': 'user_id,title_id,rating\na,t1,4.5\na,t2,0.5\n' }));
  assert.equal(half.ratingScale, { min: 0.5, max: 5, step: 0.5 });
  const ten = await loadService(folder({ 'titles.csv': TITLES, 'ratings.csv': 'user_id,title_id,rating\na,t1,7\na,t2,10\n' }));
  assert.equal(ten.ratingScale, { min: 1, max: 10, step: 1 });
  await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': 'user_id,title_id,rating\na,t1,70\n' }), /ratings go up to 70; give the scale in columns\.json/);
});

test('plays without ratings: inferred ratings, the watch history kept for the reasons', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'plays.csv': PLAYS }));
  assert.ok(ds.implicit);
  assert.equal(ds.implicit!.get('u1', 't1'), { sessions: 2, minutes: 90 });
  assert.equal([...ds.ratings].map((r) => [r.userId, r.titleId, r.value]), [
    ['u1', 't1', inferredRating({ sessions: 2, minutes: 90 }, 90)],
    ['u2', 't3', 3],
  ]);
  assert.equal(ds.ratingScale, { min: 1, max: 5, step: 0.5 });
  assert.ok(ds.notes.some((x) => /plays and no ratings/.test(x)));
});

test('inferred ratings: the usual title 3, three times as much 4, a tenth about 1.5; repeats add confidence', () => {
  assert.is(inferredRating({ sessions: 1, minutes: 60 }, 60), 3);
  assert.is(inferredRating({ sessions: 1, minutes: 180 }, 60), 4);
  assert.is(inferredRating({ sessions: 1, minutes: 6 }, 60), 1.5);
  assert.ok(inferredRating({ sessions: 5, minutes: 60 }, 60) > 3);
  assert.is(watchText({ sessions: 3, minutes: 250 }).replace(/\u00a0/g, ' '), '3 sessions, 4 h 10 min');
  assert.not.match(watchText({ sessions: 3, minutes: 250 }), /\d (h|min|sessions)/, 'no breakable space inside a figure');
  assert.is(watchText({ sessions: 1, minutes: 45 }).replace(/\u00a0/g, ' '), '1 session, 45 min');
  assert.is(watchText({ sessions: 2, minutes: 120 }).replace(/\u00a0/g, ' '), '2 sessions, 2 h');
});

test('times: ISO 8601 with or without time and zone, Unix seconds; nonsense refused', () => {
  assert.is(parseTime('2025-06-01'), Date.UTC(2025, 5, 1));
  assert.is(parseTime('2025-06-01T20:15:00.250Z'), Date.UTC(2025, 5, 1, 20, 15, 0, 250));
  assert.is(parseTime('2025-06-01 20:15-05:00'), Date.UTC(2025, 5, 2, 1, 15));
  assert.is(parseTime('1717236000'), 1717236000_000);
  for (const bad of ['2025-02-30', '2025-06-01T25:00', 'yesterday', '', '99999999999', '1969-12-31']) assert.is(parseTime(bad), null, bad);
});

test('bad input: one line naming file, line and column', async () => {
  await fails(folder({ 'titles.csv': TITLES.replace('t2,Heat', 't1,Heat'), 'ratings.csv': RATINGS }), /titles\.csv:3: column "title_id": expected an id not used before \(already on line 2\), got "t1"$/);
  await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': RATINGS.replace('u2,t3', 'u2,t9') }), /ratings\.csv:4: column "title_id": expected a title_id listed in .*titles\.csv, got "t9"$/);
  await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': RATINGS.replace(',4,', ',four,') }), /ratings\.csv:4: column "rating": expected a number, got "four"$/);
  await fails(folder({ 'titles.csv': TITLES, 'plays.csv': PLAYS.replace('web', 'fridge') }), /plays\.csv:4: column "device": expected one of Mobile, TV, Desktop, Tablet .*, got "fridge"$/);
  await fails(folder({ 'titles.csv': TITLES, 'plays.csv': PLAYS.replace(',40', ',-4') }), /plays\.csv:3: column "minutes": expected minutes watched, above 0/);
  await fails(folder({ 'titles.csv': TITLES, 'plays.csv': PLAYS.replace('2025-06-02 20:00', 'June 2') }), /plays\.csv:3: column "start": expected a time as ISO 8601/);
  await fails(folder({ 'titles.csv': 'id,title,genres\n1,A,B\n', 'ratings.csv': RATINGS }), /titles\.csv:1: column "title_id" is missing; the titles table needs title_id, title, genres \(columns\.json can map other names\)$/);
  await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': 'user_id,title_id,rating\nu1,t1,5,extra\n' }), /ratings\.csv:2: expected 3 fields as in the header, found 4/);
  await fails(folder({ 'titles.csv': TITLES }), /no ratings or plays table/);
  // a file that is not this table (a key, a password file): named, never echoed
  const secret = await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': 'root:x:0:0:SECRET,/root\n' }), /ratings\.csv:1: the first line is not a header of the ratings table \(it names none of its columns\)/);
  assert.not.match(secret.message, /SECRET|root:x/);
  await fails(folder({ 'ratings.csv': RATINGS }), /no titles\.csv or titles\.parquet/);
  await fails(folder({ 'titles.csv': TITLES, 'titles.parquet': 'x', 'ratings.csv': RATINGS }), /both titles\.csv and titles\.parquet are present; keep one$/);
  await fails(folder({ 'titles.csv': TITLES, 'ratings.csv': RATINGS, 'columns.json': '{"titles": {"name": "x"}}' }), /columns\.json: titles: unknown column "name" \(known: title_id, /);
  await fails(folder({ 'titles.csv': TITLES, 'ratings.parquet': 'not parquet at all' }), /ratings\.parquet: not a readable Parquet file/);
});

test('Parquet: the same tables read back from an export, and a bad cell named by row and column', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'users.csv': USERS, 'ratings.csv': RATINGS, 'plays.csv': PLAYS }));
  const out = path.join(root, 'export');
  assert.equal(await exportData(ds, out), ['titles', 'users', 'ratings', 'plays']);
  const back = await loadService(path.join(out, 'parquet'));
  assert.equal(back.titles, ds.titles);
  assert.equal(back.users, ds.users);
  assert.equal([...back.ratings], [...ds.ratings]);
  assert.equal(back.sessions, ds.sessions);
  assert.equal(back.ratingScale, ds.ratingScale);
  // A Parquet table with a bad value: rebuilt through the CSV export with one cell changed.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const bad = folder({ 'titles.csv': TITLES });
  await db.run(`COPY (SELECT * REPLACE (CASE WHEN user_id = 'u2' THEN 'six' ELSE CAST(rating AS VARCHAR) END AS rating) FROM read_parquet('${path.join(out, 'parquet', 'ratings.parquet')}')) TO '${path.join(bad, 'ratings.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  await fails(bad, /ratings\.parquet: row 3: column "rating": expected a number, got "six"$/);
});

test('Parquet numbers and timestamps read as numbers: a bad one is still named by row and column', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'users.csv': USERS, 'ratings.csv': RATINGS }));
  const out = path.join(root, 'numeric-export');
  await exportData(ds, out);
  const src = path.join(out, 'parquet', 'ratings.parquet');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  // the export's rating is DOUBLE and its timestamp TIMESTAMP; the same as FLOAT, INTEGER-free DECIMAL and TIMESTAMP_MS
  const retyped = folder({ 'titles.csv': TITLES });
  await db.run(`COPY (SELECT user_id, title_id, CAST(rating AS DECIMAL(4, 1)) AS rating, CAST(timestamp AS TIMESTAMP_MS) AS timestamp FROM read_parquet('${src}')) TO '${path.join(retyped, 'ratings.parquet')}' (FORMAT parquet)`);
  const negative = folder({ 'titles.csv': TITLES });
  await db.run(`COPY (SELECT * REPLACE (CASE WHEN user_id = 'u2' THEN -1.5 ELSE rating END AS rating) FROM read_parquet('${src}')) TO '${path.join(negative, 'ratings.parquet')}' (FORMAT parquet)`);
  const early = folder({ 'titles.csv': TITLES });
  await db.run(`COPY (SELECT * REPLACE (CASE WHEN user_id = 'u2' THEN TIMESTAMP '1969-12-31 23:59:59' ELSE timestamp END AS timestamp) FROM read_parquet('${src}')) TO '${path.join(early, 'ratings.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  assert.equal([...(await loadService(retyped)).ratings], [...ds.ratings]);
  await fails(negative, /ratings\.parquet: row 3: column "rating": expected a number, got "-1\.5"$/);
  await fails(early, /ratings\.parquet: row 3: column "timestamp": expected a time .*, got "-1"$/);
});

test('Parquet integer ids (INTEGER or BIGINT) are the same ids as their text', async () => {
  const titles = 'title_id,title,genres\n7,Dark,Drama\n12,Heat,Crime\n';
  const text = await loadService(folder({ 'titles.csv': titles, 'ratings.csv': 'user_id,title_id,rating\n3,7,5\n3,12,2\n40,7,4\n' }));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const type of ['INTEGER', 'BIGINT']) {
    const dir = folder({});
    const rows = `(VALUES (3, 7, 5.0), (3, 12, 2.0), (40, 7, 4.0)) v(u, t, r)`;
    await db.run(`COPY (SELECT CAST(t AS ${type}) AS title_id, CASE t WHEN 7 THEN 'Dark' ELSE 'Heat' END AS title, [CASE t WHEN 7 THEN 'Drama' ELSE 'Crime' END] AS genres FROM (SELECT DISTINCT t FROM ${rows}) ORDER BY t) TO '${path.join(dir, 'titles.parquet')}' (FORMAT parquet)`);
    await db.run(`COPY (SELECT CAST(u AS ${type}) AS user_id, CAST(t AS ${type}) AS title_id, r AS rating FROM ${rows}) TO '${path.join(dir, 'ratings.parquet')}' (FORMAT parquet)`);
    const back = await loadService(dir);
    assert.equal([...back.ratings], [...text.ratings], type);
    assert.equal(back.users.map((u) => u.id), ['3', '40'], type);
  }
  db.closeSync();
});

test('a Parquet table may be a folder of part files, as Spark writes it', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'users.csv': USERS, 'ratings.csv': RATINGS }));
  const out = path.join(root, 'parts-export');
  await exportData(ds, out);
  const dir = folder({ 'titles.csv': TITLES });
  mkdirSync(path.join(dir, 'ratings.parquet'));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const src = path.join(out, 'parquet', 'ratings.parquet');
  await db.run(`COPY (SELECT * FROM read_parquet('${src}') WHERE user_id = 'u1') TO '${path.join(dir, 'ratings.parquet', 'part-00000.parquet')}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM read_parquet('${src}') WHERE user_id <> 'u1') TO '${path.join(dir, 'ratings.parquet', 'part-00001.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  const back = await loadService(dir);
  assert.equal([...back.ratings], [...ds.ratings]);
  assert.is(back.source.files.find((f) => f.path.endsWith('ratings.parquet'))!.bytes > 0, true);
});

test('--export-data refuses a non-empty folder it did not write, and replaces its own', async () => {
  const ds = await loadService(folder({ 'titles.csv': TITLES, 'ratings.csv': RATINGS }));
  const other = folder({ 'keep.txt': 'precious' });
  try {
    await exportData(ds, other);
    assert.unreachable('should refuse');
  } catch (err) {
    assert.match((err as Error).message, /will not write into a non-empty folder it did not create/);
  }
  // a file is refused in one line, and a sibling named like the old staging folder is left alone
  const file = path.join(root, 'a-file');
  writeFileSync(file, 'x');
  try {
    await exportData(ds, file);
    assert.unreachable('should refuse');
  } catch (err) {
    assert.match((err as Error).message, /--export-data needs a folder, and this is a file$/);
  }
  mkdirSync(path.join(root, 'mine.partial'));
  writeFileSync(path.join(root, 'mine.partial', 'keep.txt'), 'precious');
  const mine = path.join(root, 'mine');
  await exportData(ds, mine);
  assert.equal(await exportData(ds, mine), ['titles', 'users', 'ratings'], 'a second export replaces the first');
  assert.is(readFileSync(path.join(root, 'mine.partial', 'keep.txt'), 'utf8'), 'precious');
});

test.run();
