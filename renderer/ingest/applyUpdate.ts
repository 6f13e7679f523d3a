import type { WriterUpdate } from '../db/writerProtocol';
import type { IngestView } from '../store';
import { jobStopped } from './addAgain';

/**
 * The import's view after one of the writer's updates about it. Its end shows the figures the case
 * then holds (events stored, errors in the job's file records: see WriterUpdate) and, when it
 * stopped on an error, why and what to do next.
 */
export function applyUpdate(view: IngestView | null, update: WriterUpdate): IngestView | null {
  if (!view || view.job !== update.job) return view;
  if (update.kind === 'failed') return { ...view, stored: update.stored, progress: { ...view.progress, errors: update.errors }, running: false, error: update.error };
  if (update.kind === 'stored') return { ...view, stored: update.stored };
  const message = update.message;
  switch (message.type) {
    case 'plan':
      return { ...view, stored: update.stored, progress: { ...view.progress, filesTotal: message.filesTotal, bytesTotal: message.bytesTotal } };
    case 'progress':
      return { ...view, stored: update.stored, progress: message.progress };
    case 'done':
      return { ...view, stored: update.stored, progress: { ...message.progress, errors: update.errors ?? message.progress.errors }, running: false, cancelled: message.cancelled, error: message.error ? jobStopped(message.error) : null };
    default:
      return { ...view, stored: update.stored };
  }
}
