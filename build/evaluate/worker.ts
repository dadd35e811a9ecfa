// The evaluation worker's entry point (see parallel.ts): job in, EvaluationResult out.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type EvaluationJob } from './parallel.ts';

try {
  parentPort!.postMessage({ result: runJob(workerData as EvaluationJob) });
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
