// Bench input in the --data schema at a size the simulation cannot reach: the Netflix Prize's
// shape (480,189 users, 17,770 titles, about 10⁸ ratings). The simulation draws every rating in
// JavaScript; 10⁸ of them would take longer than the build being measured, so this one is drawn by
// DuckDB, in SQL, straight into Parquet. It is a shape, not a simulation of taste: what is modelled
// is what costs time — how ratings spread over users (log-normal, median 96, mean about 209, at
// most 17,000, as in the Prize data) and over titles (a Zipf-like popularity) — plus enough taste
// that recommendations are not noise (each user has a favourite genre that half their ratings come
// from, and rates it higher). Every draw is a hash of (row, purpose), so the same arguments write
// the same files on any machine and thread count.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface PrizeShape {
  users: number;
  titles: number;
  /** Median and log-sd of ratings per user (log-normal), and the cap. */
  median: number;
  sigma: number;
  maxPerUser: number;
  /**
   * What the service logged: ratings (the Prize's own), or plays — each rating's row becomes a
   * play whose minutes follow the rating, a quarter of the liked ones watched twice, from a users
   * table with plans and regions — for the plays-only path (inferred ratings, devices, plans).
   */
  interactions?: 'ratings' | 'plays';
}

/** The Netflix Prize's training set: 480,189 users, 17,770 titles, 100,480,507 ratings. */
export const NETFLIX_PRIZE: PrizeShape = { users: 480_189, titles: 17_770, median: 120, sigma: 1.247, maxPerUser: 17_000 };

const GENRES = ['Action', 'Adventure', 'Animation', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Family', 'Fantasy', 'History', 'Horror', 'Music', 'Mystery', 'Romance', 'Science Fiction', 'Thriller', 'War', 'Western'];

/** SQL for the shape's three tables (titles, users' counts, ratings) and their Parquet files. */
export function prizeShapeSql(s: PrizeShape, dir: string): string[] {
  const lit = (p: string) => `'${p.replaceAll("'", "''")}'`;
  const genres = `[${GENRES.map(lit).join(', ')}]`;
  // u01(key, salt): a uniform draw in [0, 1) from a hash; 2^53 keeps every bit a double holds
  return [
    `CREATE MACRO u01(key, salt) AS CAST(hash(key, salt) >> 11 AS DOUBLE) / 9007199254740992.0`,
    `CREATE TABLE t AS SELECT i AS tid, CAST(floor(u01(i, 1) * ${GENRES.length}) AS INTEGER) AS g1,
       CASE WHEN u01(i, 2) < 0.4 THEN CAST(floor(u01(i, 3) * ${GENRES.length}) AS INTEGER) END AS g2,
       pow(i + 100, -1.0) AS w, (u01(i, 4) - 0.5) * 1.4 AS quality
     FROM range(${s.titles}) r(i)`,
    // each title covers [lo, lo + its weight) of the cumulative popularity, overall and in its first genre
    `CREATE TABLE cdf_all AS SELECT tid, (sum(w) OVER (ORDER BY tid) - w) / sum(w) OVER () AS lo FROM t`,
    `CREATE TABLE cdf_genre AS SELECT g1, tid, (sum(w) OVER (PARTITION BY g1 ORDER BY tid) - w) / sum(w) OVER (PARTITION BY g1) AS lo FROM t`,
    `CREATE TABLE u AS SELECT i AS uid,
       CAST(least(${s.maxPerUser}, greatest(1, round(exp(ln(${s.median}) + ${s.sigma} * sqrt(-2 * ln(1 - u01(i, 5))) * cos(2 * pi() * u01(i, 6)))))) AS INTEGER) AS n,
       CAST(floor(u01(i, 7) * ${GENRES.length}) AS INTEGER) AS fav, u01(i, 8) * 2200 AS day0
     FROM range(${s.users}) r(i)`,
    // 1.6 draws per rating wanted: a user's repeats of a title are dropped, and the first n
    // distinct titles kept (a heavy user whose draws run out of distinct titles keeps fewer)
    `CREATE TABLE d AS SELECT uid, n, fav, day0, k, u01(uid * 100000 + k, 9) AS p, u01(uid * 100000 + k, 10) < 0.5 AS infav
     FROM (SELECT uid, n, fav, day0, unnest(range(CAST(ceil(n * 1.6) AS INTEGER) + 4)) AS k FROM u)`,
    `CREATE TABLE pick AS
       SELECT d.uid, d.n, d.k, d.fav, d.day0, c.tid FROM (SELECT * FROM d WHERE infav) d ASOF JOIN cdf_genre c ON d.fav = c.g1 AND d.p >= c.lo
       UNION ALL
       SELECT d.uid, d.n, d.k, d.fav, d.day0, c.tid FROM (SELECT * FROM d WHERE NOT infav) d ASOF JOIN cdf_all c ON d.p >= c.lo`,
    `DROP TABLE d`,
    // a title drawn twice by one user is rated once (its first draw), and a user keeps n titles
    `CREATE TABLE r AS SELECT p.uid, p.tid,
       CAST(least(5, greatest(1, round(3.3 + CASE WHEN t.g1 = p.fav OR t.g2 = p.fav THEN 0.9 ELSE 0 END + t.quality
         + 1.6 * (u01(p.uid * 100000 + p.k, 11) + u01(p.uid * 100000 + p.k, 12) + u01(p.uid * 100000 + p.k, 13) - 1.5)))) AS INTEGER) AS rating,
       TIMESTAMP '1999-11-11' + to_milliseconds(CAST((p.day0 + u01(p.uid * 100000 + p.k, 14) * 120) * 86400000 AS BIGINT)) AS ts
     FROM (SELECT uid, tid, min(k) AS k, any_value(n) AS n, any_value(fav) AS fav, any_value(day0) AS day0 FROM pick GROUP BY uid, tid
           QUALIFY row_number() OVER (PARTITION BY uid ORDER BY min(k)) <= any_value(n)) p JOIN t USING (tid)`,
    `DROP TABLE pick`,
    `COPY (SELECT tid + 1 AS title_id, 'Title ' || (tid + 1) AS title,
       CASE WHEN g2 IS NULL OR g2 = g1 THEN [${genres}[g1 + 1]] ELSE [${genres}[g1 + 1], ${genres}[g2 + 1]] END AS genres
     FROM t ORDER BY tid) TO ${lit(path.join(dir, 'titles.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
    ...(s.interactions === 'plays' ? playsSql(dir) : [
      `COPY (SELECT uid + 1 AS user_id, tid + 1 AS title_id, rating, ts AS timestamp FROM r ORDER BY uid, ts, tid)
       TO ${lit(path.join(dir, 'ratings.parquet'))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)`,
    ]),
  ];
}

/**
 * The ratings table `r` as plays and users: minutes are a share of the title's length that grows
 * with the rating (so inferred ratings recover the taste), a quarter of the titles rated 4 or 5
 * are watched again a day later, each user has a favourite device for 60% of their plays, and a
 * plan (Basic 30%, Standard 45%, Premium 25%) and region.
 */
function playsSql(dir: string): string[] {
  const lit = (p: string) => `'${p.replaceAll("'", "''")}'`;
  const devices = `['Mobile', 'TV', 'Desktop', 'Tablet']`;
  const play = (again: number) => `SELECT r.uid, r.tid, r.ts + INTERVAL ${again} DAY AS start,
       CASE WHEN u01(r.uid * 100000 + r.tid, ${20 + again}) < 0.6 THEN ${devices}[1 + CAST(floor(u01(r.uid, 16) * 4) AS INTEGER)]
            ELSE ${devices}[1 + CAST(floor(u01(r.uid * 100000 + r.tid, ${22 + again}) * 4) AS INTEGER)] END AS device,
       greatest(1, round((40 + 100 * u01(r.tid, 18)) * least(1, greatest(0.05, 0.17 * r.rating + 0.3 * (u01(r.uid * 100000 + r.tid, ${24 + again}) - 0.5))))) AS minutes
     FROM r`;
  return [
    `COPY (SELECT uid + 1 AS user_id, CASE WHEN u01(uid, 30) < 0.3 THEN 'Basic' WHEN u01(uid, 30) < 0.75 THEN 'Standard' ELSE 'Premium' END AS plan,
       ['USA', 'India', 'UK', 'Canada'][1 + CAST(floor(u01(uid, 31) * 4) AS INTEGER)] AS region FROM u ORDER BY uid)
     TO ${lit(path.join(dir, 'users.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
    `COPY (SELECT uid + 1 AS user_id, tid + 1 AS title_id, start, device, minutes FROM (
       ${play(0)}
       UNION ALL
       ${play(1)} WHERE r.rating >= 4 AND u01(r.uid * 100000 + r.tid, 26) < 0.25
     ) ORDER BY uid, start, tid)
     TO ${lit(path.join(dir, 'plays.parquet'))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)`,
  ];
}

/**
 * Writes the shape's titles.parquet and ratings.parquet (or users.parquet and plays.parquet) into
 * `dir` (once: an existing complete folder is kept). Returns the number of ratings (or plays) written.
 */
export async function writePrizeShape(s: PrizeShape, dir: string, tempDir: string): Promise<number> {
  const done = path.join(dir, s.interactions === 'plays' ? 'plays.parquet' : 'ratings.parquet');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  if (!existsSync(done)) {
    const staging = `${dir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', temp_directory: tempDir, preserve_insertion_order: 'false', memory_limit: '12GB' });
    const connection = await instance.connect();
    try {
      for (const sql of prizeShapeSql(s, staging)) await connection.run(sql);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${done.replaceAll("'", "''")}')`);
    return Number(reader.getRows()[0][0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
