import type { IngestMessage, JobId } from '../../shared/ipc';

/** Page → writer worker: take over a job's ingest port and store its events into a case's database. */
export type WriterRequest = { type: 'attach'; job: JobId; port: MessagePort; caseDb: string };

/** Writer worker → page: what ingest reported, with how many events are stored so far. */
export type WriterUpdate =
  | { kind: 'ingest'; job: JobId; stored: number; message: Exclude<IngestMessage, { type: 'batch' } | { type: 'conflict' } | { type: 'copy' }> }
  | { kind: 'stored'; job: JobId; stored: number }
  | { kind: 'failed'; job: JobId; stored: number; error: string };
