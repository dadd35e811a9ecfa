// The second writer of user pages (userPageFiles.ts says why there is one): pages' data in,
// files out. It counts the pages it has written in shared memory, which the main thread reads to
// keep its queue full, and posts one Outcome at the end: the number written, or its error, after
// which it takes no more pages.
import { parentPort, workerData } from 'node:worker_threads';
import { outcomeOf } from '../util/worker.ts';
import { PageWriter, userViewOf, type PageWriterMessage, type PageWriterSetup } from './userPageFiles.ts';

const setup = workerData as PageWriterSetup;
const writer = new PageWriter(setup.folder, setup.site, setup.sections, setup.assets);
let written = 0;

parentPort!.on('message', (m: PageWriterMessage) => {
  if (Atomics.load(setup.progress, 1) !== 0) return;
  const outcome = outcomeOf(() => {
    if ('end' in m) return written;
    for (const page of m.pages) {
      writer.write(userViewOf(page));
      written++;
      Atomics.add(setup.progress, 0, 1);
    }
    return written;
  });
  if (outcome.error || 'end' in m) {
    if (outcome.error) Atomics.store(setup.progress, 1, 1);
    parentPort!.postMessage(outcome);
    parentPort!.close();
  }
});
