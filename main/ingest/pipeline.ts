import { readFile } from 'node:fs/promises';
import type { CairnEvent } from '../../shared/event';
import { EVENT_FLAGS } from '../../shared/event';
import type { IngestMessage, IngestProgress, JobId } from '../../shared/ipc';
import { Deduplicator } from './dedup';
import { FileTracker } from './fileTracker';
import { DEFAULT_LIMITS, type IngestLimits } from './limits';
import { listFiles } from './listFiles';
import { readDocument } from './readDocument';
import { TreeReader } from './readTree';

/** Small files are read whole ahead of the one being parsed: up to this many, and bytes. */
const PREFETCH_FILES = 16;
const PREFETCH_BYTES = 8 * 2 ** 20;

export interface IngestOptions {
  /** Events per batch message. */
  batchSize?: number;
  limits?: Partial<IngestLimits>;
}

/** Sends one message of the job; awaiting it is the backpressure. */
export type Post = (message: IngestMessage) => Promise<void> | void;

/**
 * Runs one ingest job over the picked paths and posts its messages in order: a plan, then
 * batches of events interleaved with file records, conflicts and progress, then done. Events
 * seen twice (same eventID, same content) are counted, not sent again; the same eventID with
 * different content is sent and reported as a conflict. Plain Node: the app's worker, the
 * command line and the tests all run this code.
 */
export async function runIngest(job: JobId, paths: readonly string[], post: Post, options: IngestOptions = {}): Promise<IngestProgress> {
  const batchSize = options.batchSize ?? 1000;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const listed = await listFiles(paths);
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: listed.length,
    bytesDone: 0,
    bytesTotal: listed.reduce((sum, file) => sum + file.size, 0),
    events: 0,
    duplicates: 0,
    conflicts: 0,
    errors: 0,
  };
  await post({ type: 'plan', job, filesTotal: progress.filesTotal, bytesTotal: progress.bytesTotal });

  const dedup = new Deduplicator();
  let nextFile = 0;
  let seq = 0;
  let batch: CairnEvent[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await post({ type: 'batch', job, seq: seq++, events });
  };

  const receive = async (file: FileTracker, event: CairnEvent, eventId: string | undefined): Promise<void> => {
    {
      // Without an eventID, the text itself is the identity: only exact copies match.
      const verdict = dedup.check(eventId ?? `\u0000${event.text}`, event.text, file.index, event.index);
      if (verdict.kind === 'duplicate') {
        file.record.duplicates++;
        progress.duplicates++;
        return;
      }
      if (verdict.kind === 'conflict' && eventId !== undefined) {
        event.flags |= EVENT_FLAGS.conflict;
        file.record.conflicts++;
        progress.conflicts++;
        await post({ type: 'conflict', job, eventId, first: verdict.first, second: { file: file.index, index: event.index } });
      }
    }
    file.record.events++;
    progress.events++;
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  };

  const reader = new TreeReader({
    limits,
    totals: { bytes: 0 },
    newFile: (path, container) => new FileTracker(nextFile++, path, container),
    async fileDone(file) {
      progress.errors += file.errors;
      await post({ type: 'file', job, file: file.finish() });
    },
    readDocument: (stream, head, file) => readDocument(stream, head, file, limits, receive),
  });

  // Small files are read a few ahead, so the disk works while earlier files are parsed.
  const ahead = new Map<number, Promise<Buffer | undefined>>();
  let aheadBytes = 0;
  let nextAhead = 0;
  const prefetch = (): void => {
    for (; nextAhead < listed.length && ahead.size < PREFETCH_FILES && aheadBytes < PREFETCH_BYTES; nextAhead++) {
      const next = listed[nextAhead]!;
      if (next.error || next.size > PREFETCH_BYTES) continue;
      aheadBytes += next.size;
      ahead.set(nextAhead, readFile(next.path).catch(() => undefined));
    }
  };
  for (const [i, { path, size, error }] of listed.entries()) {
    const doneBefore = progress.bytesDone;
    prefetch();
    const prefetched = await ahead.get(i);
    if (ahead.delete(i)) aheadBytes -= size;
    if (error) {
      const file = new FileTracker(nextFile++, path, []);
      file.record.format = 'unreadable';
      file.issue('error', error);
      progress.errors++;
      await post({ type: 'file', job, file: file.finish() });
    } else {
      await reader.readDiskFile(path, (bytes) => (progress.bytesDone += bytes), prefetched);
    }
    progress.filesDone++;
    progress.bytesDone = doneBefore + size;
    await post({ type: 'progress', job, progress: { ...progress } });
  }
  await flush();
  await post({ type: 'done', job, progress: { ...progress }, cancelled: false });
  return progress;
}
