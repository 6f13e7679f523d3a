import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_EVENTS, columnBuffers, columnsOf } from '../../shared/eventColumns';
import { MAX_BATCHES_IN_FLIGHT, type IngestMessage, type IngestReply, type JobId, type KnownEvents } from '../../shared/ipc';
import { BatchWindow } from './batchWindow';
import { CancelFlag } from './cancelFlag';
import { Channel } from './channel';
import { notReached } from './notReached';
import { packTexts } from './packTexts';
import { runIngest } from './pipeline';

/**
 * What main starts the worker with: the job, the picked paths, and the memory of the job's
 * CancelFlag. With `notReached`, it only records the files on disk a job that died had not reached
 * (see notReached), walking them here: never on the app's main thread.
 */
export interface IngestWorkerData {
  job: JobId;
  paths: string[];
  cancel: SharedArrayBuffer;
  notReached?: { skip: number; index: number; error: string };
}

/**
 * Worker-thread entry: runs one job off the main thread, deduplicating against what the case
 * already holds and holding back batches until acknowledged. It parses on its own thread: the
 * renderer storing the batches keeps the other core busy (on two cores, a 200k-event import took
 * 5.5–6.1 s with this thread alone and the same with a parse worker beside it, which copies every
 * event once more), and each more parse thread adds memory (see DEFAULT_PARSE_THREADS).
 */
async function run(): Promise<void> {
  const { job, paths, cancel, notReached: after } = workerData as IngestWorkerData;
  const port = parentPort!;
  if (after) {
    for (const file of notReached(paths, after.skip, after.index, after.error)) port.postMessage({ type: 'file', job, file } satisfies IngestMessage);
    return;
  }
  const window = new BatchWindow(MAX_BATCHES_IN_FLIGHT);
  // Each page of the case's known events taken asks the renderer for the next.
  const known = new Channel<KnownEvents>(Infinity, () => port.postMessage({ type: 'seeded', job } satisfies IngestMessage));
  const onReply = (reply: IngestReply): void => {
    if (reply.type === 'ack') return window.release(reply.seq);
    void known.push(reply.known);
    if (!reply.more) known.close();
  };
  port.on('message', onReply);
  await runIngest(job, paths, async (message) => {
    if (message.type === 'firstRow') return;
    if (message.type !== 'batch') return port.postMessage(message);
    await window.acquire(message.seq);
    const events = columnsOf(message.events, packTexts);
    port.postMessage({ ...message, events } satisfies IngestMessage, [...columnBuffers(events), message.identities.keys.buffer, message.identities.digests.buffer]);
  }, { known, batchSize: BATCH_EVENTS, cancel: new CancelFlag(cancel) });
  port.off('message', onReply);
}

void run();
