import { Worker } from 'node:worker_threads';
import type { IngestMessage, IngestProgress, IngestReply, JobId, KnownEvents } from '../shared/ipc';
import { CancelFlag } from './ingest/cancelFlag';
import type { IngestWorkerData } from './ingest/worker';
import { JobReach } from './jobReach';

/**
 * Main's end of a job's channel to the renderer: a MessagePortMain in the app, a page bridge in
 * tests. The renderer closes the channel once it has taken the final `done`.
 */
export interface IngestPort {
  post(message: IngestMessage): void;
  onReply(listener: (reply: IngestReply) => void): void;
}

export interface RunningJob {
  cancel(): Promise<void>;
  /** Settles when the job has sent its final message. */
  finished: Promise<void>;
}

function isKnownEvents(value: unknown): boolean {
  const known = value as KnownEvents | null;
  if (typeof known !== 'object' || known === null) return false;
  const { keys, digests, files, indexes } = known;
  if (!(keys instanceof Float64Array && digests instanceof Uint32Array && files instanceof Int32Array && indexes instanceof Uint32Array)) return false;
  return digests.length === 2 * keys.length && files.length === keys.length && indexes.length === keys.length;
}

function isReply(value: unknown): value is IngestReply {
  const reply = value as IngestReply | null;
  if (typeof reply !== 'object' || reply === null) return false;
  return reply.type === 'ack' ? Number.isSafeInteger(reply.seq) : reply.type === 'known' && typeof reply.more === 'boolean' && isKnownEvents(reply.known);
}

/**
 * How long a cancelled job may take to stop on its own: to send the events it has read and the
 * record of the file it was in (readers stop at their next chunk, well within this). Past it, the
 * worker is stopped as it is, and the renderer records what it stored of that file by its place.
 */
export const CANCEL_GRACE_MS = 2000;

const NO_PROGRESS: IngestProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, duplicates: 0, conflicts: 0, errors: 0 };

/**
 * Runs one ingest job in a worker thread and relays it: messages to the renderer's port, the
 * case's known events and acks (validated: the page is not trusted) back to the worker. Cancel
 * asks the job to stop and lets it end by itself (its last events, the record of the file it was
 * in, `done`); a job that has not ended within CANCEL_GRACE_MS is stopped, and still closed with
 * a final `done` carrying the last progress.
 */
export function startIngestJob(workerPath: string, job: JobId, paths: readonly string[], port: IngestPort): RunningJob {
  const cancelFlag = new CancelFlag();
  const workerData: IngestWorkerData = { job, paths: [...paths], cancel: cancelFlag.memory };
  const worker = new Worker(workerPath, { workerData });
  let progress = NO_PROGRESS;
  let ended = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const reach = new JobReach();
  let dying = false;

  const end = (cancelled: boolean, reason?: string): void => {
    if (ended) return;
    ended = true;
    port.post({ type: 'done', job, progress, cancelled, ...(reason ? { error: reason } : {}) });
    finish();
  };

  /**
   * The job's thread died: the files it named without a record are recorded by the case (see
   * JobLedger.stopped; the file it announced last, when nothing else named it, is passed on for
   * that) and counted here; the files on disk it had not reached are listed, on a
   * thread of their own, and recorded as not read; then done says why.
   */
  const died = (reason: string): void => {
    if (ended || dying) return;
    dying = true;
    if (reach.unnamed) port.post(reach.unnamed);
    const open = reach.unrecorded.size;
    progress = { ...progress, filesDone: progress.filesDone + (open > 0 ? 1 : 0), errors: progress.errors + open };
    const lister = new Worker(workerPath, { workerData: { job, paths: [...paths], cancel: new CancelFlag().memory, notReached: { skip: reach.walked, index: reach.nextIndex, error: reason } } satisfies IngestWorkerData });
    lister.on('message', (message: IngestMessage) => {
      if (ended || message.type !== 'file') return;
      progress = { ...progress, errors: progress.errors + 1 };
      port.post(message);
    });
    lister.on('error', () => undefined);
    lister.on('exit', () => end(false, reason));
  };

  worker.on('message', (message: IngestMessage) => {
    if (ended || dying) return;
    reach.note(message);
    // Kept here, passed on only should the job die before anything else names its file (see died).
    if (message.type === 'reading') return;
    if (message.type === 'progress') progress = message.progress;
    if (message.type === 'done') {
      progress = message.progress;
      return end(message.cancelled, message.error);
    }
    port.post(message);
  });
  worker.on('error', (error) => died(`ingest stopped: ${error.message}`));
  worker.on('exit', (code) => died(`ingest stopped unexpectedly (exit code ${code})`));
  port.onReply((reply) => {
    if (isReply(reply)) worker.postMessage(reply);
  });

  return {
    finished,
    async cancel() {
      cancelFlag.cancel();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, CANCEL_GRACE_MS)))]);
      clearTimeout(timer);
      end(true);
      await worker.terminate();
    },
  };
}
