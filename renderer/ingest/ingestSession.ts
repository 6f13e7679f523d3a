import type { JobId } from '../../shared/ipc';
import { api, onIngestPort } from '../api';
import { caseDbName, updateCase } from '../cases/caseRegistry';
import { catchUpAfterImport, catchUpWithImport, report } from '../cases/caseSession';
import type { WriterRequest, WriterUpdate } from '../db/writerProtocol';
import { applyUpdate } from './applyUpdate';
import { EMPTY_PROGRESS, useCairn } from '../store';

/**
 * Connects ingest ports to the writer worker: each job's port is handed to the worker, which
 * stores its batches into the open case; the worker's updates drive the progress view, and the
 * case is read again as segments are stored (every few seconds) and when a job ends.
 */
export function startIngestSession(): () => void {
  const writer = new Worker(new URL('../db/writer.worker.ts', import.meta.url), { type: 'module', name: 'cairn-writer' });
  /** Events of the running job stored when the case was last asked to catch up. */
  let caughtUp = 0;
  /** The case the running job stores into. */
  let importingInto = '';
  writer.onmessage = (event: MessageEvent<WriterUpdate>) => {
    const update = event.data;
    const show = (): void => useCairn.getState().setIngest((view) => applyUpdate(view, update));
    // Storing stopped for good: the job in main has nobody to deliver to any more.
    if (update.kind === 'failed') void api().cancelIngest(update.job);
    const ended = update.kind === 'failed' || (update.kind === 'ingest' && update.message.type === 'done');
    // The end is shown once the case has been read with all the job stored, so the summary and the
    // listing never show an older count beside "Import complete".
    if (ended) void catchUpAfterImport(importingInto).then(show);
    else {
      show();
      // New segments committed: the listing and the summary catch up with them, now and then.
      if (update.stored > caughtUp) {
        catchUpWithImport(importingInto);
        caughtUp = update.stored;
      }
    }
  };
  const stop = onIngestPort((job: JobId, port: MessagePort) => {
    const { current } = useCairn.getState();
    if (!current) return port.close();
    useCairn.getState().setIngest(() => ({ job, progress: EMPTY_PROGRESS, stored: 0, running: true, cancelled: false, error: null }));
    caughtUp = 0;
    importingInto = current.id;
    // Marked before anything is stored, so that a case the app closes on is seen to need settling when next listed (see settledCase).
    void updateCase(current.id, { importing: true })
      .catch(report('Cannot save the case'))
      .then(() => writer.postMessage({ type: 'attach', job, port, caseDb: caseDbName(current.id) } satisfies WriterRequest, [port]));
  });
  return () => {
    stop();
    writer.terminate();
  };
}
