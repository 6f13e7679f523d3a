import type { IngestMessage, JobId } from '../../shared/ipc';

/** Page → writer worker: take over a job's ingest port and store its events into a case's database. */
export type WriterRequest = { type: 'attach'; job: JobId; port: MessagePort; caseDb: string };

/**
 * Writer worker → page: what ingest reported, with how many events are stored so far. At the end
 * (with `done`, or `failed` when storing stopped), `errors`: those in the file records the case
 * holds of the job (see JobLedger.errors), as the Evidence panel then counts them; the job's own
 * count misses those the case adds when it stops.
 */
export type WriterUpdate =
  | { kind: 'ingest'; job: JobId; stored: number; message: Exclude<IngestMessage, { type: 'batch' } | { type: 'conflict' } | { type: 'copy' }>; errors?: number }
  | { kind: 'stored'; job: JobId; stored: number }
  | { kind: 'failed'; job: JobId; stored: number; errors: number; error: string };
