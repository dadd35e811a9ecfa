// The evaluation worker's entry point (see parallel.ts): job in, EvaluationResult out, posted as
// an Outcome (build/util/worker.ts), so a failure arrives whole for the main thread to rethrow.
import { parentPort, workerData } from 'node:worker_threads';
import { outcomeOf } from '../util/worker.ts';
import { runJob, type EvaluationJob } from './parallel.ts';

parentPort!.postMessage(outcomeOf(() => runJob(workerData as EvaluationJob)));
