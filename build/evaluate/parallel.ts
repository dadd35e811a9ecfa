// The evaluation on the machine's second core. The build is one thread of JavaScript, and the
// evaluation trains its own models on the train split and ranks every user once per compared
// model (4–6 s at 10,000 users): work that needs nothing the recommend stage makes, so it runs
// in a worker thread while the main thread recommends. The worker gets the dataset's rating
// columns (copies: a transfer would detach the main thread's) and sends back the
// EvaluationResult, the same as `evaluate` in the main thread (tests/evaluate/parallel.test.ts).
//
// Small datasets evaluate in the main thread: starting a worker (about 0.3 s) would cost more
// than it saves.
import { runWorker } from '../util/worker.ts';
import type { Dataset, EvaluationResult } from '../types.ts';
import { Ratings } from '../util/ratings.ts';
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

/** The dataset as an EvaluationJob: what crosses to the worker (copies of the columns, which the transfer detaches). */
export function toJob(ds: Dataset, opts: ParallelOptions): EvaluationJob {
  const r = ds.ratings;
  return {
    source: ds.source,
    titles: ds.titles,
    users: ds.users,
    ratingScale: ds.ratingScale,
    ids: { users: [...r.userIds], titles: [...r.titleIds] },
    ratings: { user: r.user.slice(), title: r.title.slice(), value: r.value.slice(), timestamp: r.time.slice() },
    truthTopGenres: ds.truth ? [...ds.truth.topGenres] : null,
    k: opts.k,
    seed: opts.seed,
    recommenders: opts.recommenders,
  };
}

/** The inverse of toJob, as far as the evaluation reads a dataset, and the evaluation itself. */
export function runJob(job: EvaluationJob): EvaluationResult {
  const { ratings: r, ids } = job;
  const ratings = new Ratings(ids.users, ids.titles, r.user, r.title, r.value, r.timestamp);
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
