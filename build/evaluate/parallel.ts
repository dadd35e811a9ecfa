// The evaluation on the machine's second core. The build is one thread of JavaScript, and the
// evaluation trains its own models on the train split and ranks every user once per compared
// model (4–6 s at 10,000 users): work that needs nothing the recommend stage makes, so it runs
// in a worker thread while the main thread recommends. The worker gets the dataset in compact
// form (typed arrays, not 500,000 objects) and sends back the EvaluationResult; the result is
// the same as `evaluate` in the main thread (tests/evaluate/parallel.test.ts).
//
// Small datasets evaluate in the main thread: starting a worker (about 0.3 s) would cost more
// than it saves.
import { runWorker } from '../util/worker.ts';
import type { Dataset, EvaluationResult, Rating } from '../types.ts';
import { evaluate } from './evaluate.ts';
import { COMPARED_BY_NAME } from '../recommend/index.ts';

/** Below this many ratings the evaluation runs in the main thread. */
export const WORKER_MIN_RATINGS = 20_000;

export interface EvaluationJob {
  source: Dataset['source'];
  titles: Dataset['titles'];
  users: Dataset['users'];
  ratingScale: Dataset['ratingScale'];
  ids: { users: string[]; titles: string[] };
  /** Ratings in dataset order: indexes into ids, the value, and the timestamp (NaN for none). */
  ratings: { user: Int32Array<ArrayBuffer>; title: Int32Array<ArrayBuffer>; value: Float64Array<ArrayBuffer>; timestamp: Float64Array<ArrayBuffer> };
  truthTopGenres: [string, string[]][] | null;
  k: number;
  seed: number;
  recommenders: string[];
}

export interface ParallelOptions {
  k: number;
  seed: number;
  /** Names from COMPARED_BY_NAME, after popularity. */
  recommenders: string[];
  /** Ratings from which a worker is used (default WORKER_MIN_RATINGS). */
  workerMinRatings?: number;
}

/** The dataset as an EvaluationJob: what crosses to the worker. */
export function toJob(ds: Dataset, opts: ParallelOptions): EvaluationJob {
  const users: string[] = [];
  const titles: string[] = [];
  const userIdx = new Map<string, number>();
  const titleIdx = new Map<string, number>();
  const n = ds.ratings.length;
  const ratings = { user: new Int32Array(n), title: new Int32Array(n), value: new Float64Array(n), timestamp: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = ds.ratings[i];
    let u = userIdx.get(r.userId);
    if (u === undefined) userIdx.set(r.userId, (u = users.push(r.userId) - 1));
    let t = titleIdx.get(r.titleId);
    if (t === undefined) titleIdx.set(r.titleId, (t = titles.push(r.titleId) - 1));
    ratings.user[i] = u;
    ratings.title[i] = t;
    ratings.value[i] = r.value;
    ratings.timestamp[i] = r.timestamp ?? NaN;
  }
  return {
    source: ds.source,
    titles: ds.titles,
    users: ds.users,
    ratingScale: ds.ratingScale,
    ids: { users, titles },
    ratings,
    truthTopGenres: ds.truth ? [...ds.truth.topGenres] : null,
    k: opts.k,
    seed: opts.seed,
    recommenders: opts.recommenders,
  };
}

/** The inverse of toJob, as far as the evaluation reads a dataset, and the evaluation itself. */
export function runJob(job: EvaluationJob): EvaluationResult {
  const { ratings: r, ids } = job;
  const ratings: Rating[] = new Array(r.user.length);
  for (let i = 0; i < ratings.length; i++) {
    const ts = r.timestamp[i];
    ratings[i] = { userId: ids.users[r.user[i]], titleId: ids.titles[r.title[i]], value: r.value[i], timestamp: Number.isNaN(ts) ? null : ts };
  }
  const ds: Dataset = {
    source: job.source,
    titles: job.titles,
    users: job.users,
    ratings,
    sessions: null,
    truth: job.truthTopGenres ? { genrePreference: new Map(), deviceHabit: new Map(), topGenres: new Map(job.truthTopGenres) } : null,
    ratingScale: job.ratingScale,
    notes: [],
    counts: new Map(),
  };
  return evaluate(ds, { k: job.k, seed: job.seed, recommenders: job.recommenders.map(recommenderNamed) });
}

function recommenderNamed(name: string) {
  const make = COMPARED_BY_NAME.get(name);
  if (!make) throw new Error(`unknown recommender ${JSON.stringify(name)}`);
  return make;
}

/**
 * Starts the evaluation: in a worker when the dataset is large enough, else (lazily) in the
 * main thread when awaited. Await the result where the evaluation is needed.
 */
export function startEvaluation(ds: Dataset, opts: ParallelOptions): () => Promise<EvaluationResult> {
  const inMainThread = () => evaluate(ds, { k: opts.k, seed: opts.seed, recommenders: opts.recommenders.map(recommenderNamed) });
  if (ds.ratings.length < (opts.workerMinRatings ?? WORKER_MIN_RATINGS)) return async () => inMainThread();
  const job = toJob(ds, opts);
  const result = runWorker<EvaluationResult>(new URL('./worker.ts', import.meta.url), 'evaluation worker', {
    workerData: job,
    transferList: [job.ratings.user.buffer, job.ratings.title.buffer, job.ratings.value.buffer, job.ratings.timestamp.buffer],
  });
  // Not awaited until the caller needs it; keep an early failure from being "unhandled".
  result.catch(() => {});
  return () => result;
}
