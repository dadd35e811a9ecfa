// The evaluation worker's entry point (see parallel.ts): job in, EvaluationResult out. A failure
// is posted whole (name, message, stack, a user error's fields) for the main thread to rethrow.
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerError } from '../util/errors.ts';
import { runJob, type EvaluationJob } from './parallel.ts';

try {
  parentPort!.postMessage({ result: runJob(workerData as EvaluationJob) });
} catch (err) {
  parentPort!.postMessage({ error: toWorkerError(err) });
}
