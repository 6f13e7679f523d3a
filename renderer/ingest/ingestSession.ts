import type { JobId } from '../../shared/ipc';
import { onIngestPort } from '../api';
import type { WriterRequest, WriterUpdate } from '../db/writerProtocol';
import type { QueryClient } from '../query/queryClient';
import { EMPTY_PROGRESS, useCairn, type IngestView } from '../store';

/** Rows the first screen shows after an import. */
export const FIRST_ROWS = 200;

/** Loads the case overview from the query worker into the store. */
export async function refreshOverview(query: QueryClient): Promise<void> {
  try {
    useCairn.getState().setOverview(await query.overview(FIRST_ROWS));
  } catch (error) {
    useCairn.getState().setError(`Cannot read the case: ${(error as Error).message}`);
  }
}

function applyUpdate(view: IngestView | null, update: WriterUpdate): IngestView | null {
  if (!view || view.job !== update.job) return view;
  if (update.kind === 'failed') return { ...view, running: false, error: `Storing events failed: ${update.error}` };
  if (update.kind === 'stored') return { ...view, stored: update.stored };
  const message = update.message;
  switch (message.type) {
    case 'plan':
      return { ...view, stored: update.stored, progress: { ...view.progress, filesTotal: message.filesTotal, bytesTotal: message.bytesTotal } };
    case 'progress':
      return { ...view, stored: update.stored, progress: message.progress };
    case 'done':
      return { ...view, stored: update.stored, progress: message.progress, running: false, cancelled: message.cancelled, error: message.error ?? null };
    default:
      return { ...view, stored: update.stored };
  }
}

/**
 * Connects ingest ports to the writer worker: each job's port is handed to the worker, which
 * stores its batches; the worker's updates drive the progress view, and the overview is
 * reloaded when a job ends.
 */
export function startIngestSession(query: QueryClient): () => void {
  const writer = new Worker(new URL('../db/writer.worker.ts', import.meta.url), { type: 'module', name: 'cairn-writer' });
  writer.onmessage = (event: MessageEvent<WriterUpdate>) => {
    const update = event.data;
    useCairn.getState().setIngest((view) => applyUpdate(view, update));
    const ended = update.kind === 'failed' || (update.kind === 'ingest' && update.message.type === 'done');
    if (ended) void refreshOverview(query);
  };
  const stop = onIngestPort((job: JobId, port: MessagePort) => {
    useCairn.getState().setIngest(() => ({ job, progress: EMPTY_PROGRESS, stored: 0, running: true, cancelled: false, error: null }));
    writer.postMessage({ type: 'attach', job, port } satisfies WriterRequest, [port]);
  });
  return () => {
    stop();
    writer.terminate();
  };
}
