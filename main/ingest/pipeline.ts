import type { CairnEvent } from '../../shared/event';
import { EVENT_FLAGS, errorCount } from '../../shared/event';
import { PARTIAL_KEY, type EventPlace, type IngestMessage, type IngestProgress, type JobId, type KnownEvents } from '../../shared/ipc';
import { printable } from '../../shared/printable';
import { CancelFlag } from './cancelFlag';
import { Deduplicator } from './dedup';
import { FileTracker } from './fileTracker';
import { FilesInProgress } from './filesInProgress';
import { JobTotals } from './jobTotals';
import { DEFAULT_LIMITS, type IngestLimits } from './limits';
import type { ParsedEvents } from './parseDisk';
import { nextTurn } from './nextTurn';
import { notReached } from './notReached';
import { ParsePool } from './parsePool';
import { countFiles, walkFiles } from './walkFiles';

export interface IngestOptions {
  /** Events per batch message. */
  batchSize?: number;
  limits?: Partial<IngestLimits>;
  /** Parse on this many threads: this one and worker threads running `script` (the built parseWorker.cjs); else on this thread only. */
  parallel?: { script: string; threads: number };
  /** What the case being added to holds already, in pages, all taken (after the plan) before any event is judged. */
  known?: AsyncIterable<KnownEvents>;
  /** Events deduplication remembers in memory before writing them to disk (see Deduplicator). */
  memoryEntries?: number;
  /**
   * Whether stored events are posted in batches (the default). Without, every event is still read,
   * hashed, parsed, normalized and deduplicated, but parse threads send the job only each event's
   * identity and place: for a report of counts and hashes.
   */
  events?: boolean;
  /**
   * Set to stop the job: it is looked at before each file and by the readers per chunk read. The
   * file being read is recorded as far as it was read, its events taken so far are sent, and the
   * job ends with `done` saying it was cancelled.
   */
  cancel?: CancelFlag;
}

/**
 * A job's messages as the core posts them: batches hold event objects, which the app's worker
 * turns into columns to cross threads (shared/eventColumns.ts); the command line reads them as they are.
 */
export type JobMessage =
  | Exclude<IngestMessage, { type: 'batch' }>
  | (Omit<Extract<IngestMessage, { type: 'batch' }>, 'events'> & { events: CairnEvent[] })
  /**
   * A partial row (see PARTIAL_KEY) of an eventID held so far only as other partial rows, `first`
   * the earliest of them, which stands for the call. Never stored, so never sent to the app, which
   * finds such rows from the identities it stores (renderer/query/rowsOfOneCall); the command line counts them.
   */
  | { type: 'firstRow'; job: JobId; eventId: string; first: EventPlace; second: EventPlace };

/** Sends one message of the job; awaiting it is the backpressure. */
export type Post = (message: JobMessage) => Promise<void> | void;

/**
 * Runs one ingest job over the picked paths and posts its messages in order: a plan, then
 * batches of events interleaved with file records, conflicts and progress, then done. Files are
 * parsed on this thread or on worker threads; either way their results are taken in walk order,
 * so a job's outcome never depends on timing. Events seen twice (same eventID, same content)
 * (in this job or, given `known`, already in the case) are counted, not sent again; the same
 * eventID with different content is sent and reported as a conflict. A job that stops on an
 * error outside any one file's read (deduplication's temporary files, a parse thread dying, a
 * message that cannot be sent) still sends the events it took and records the files it was in,
 * as far as it took them (see FilesInProgress), and each file on disk it had not reached
 * (see notReached), then ends with done carrying the error. Plain
 * Node: the app's worker, the command line and the tests all run this code.
 */
export async function runIngest(job: JobId, paths: readonly string[], post: Post, options: IngestOptions = {}): Promise<IngestProgress> {
  const batchSize = options.batchSize ?? 1000;
  const keepEvents = options.events ?? true;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const cancel = options.cancel ?? new CancelFlag();
  const progress: IngestProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, duplicates: 0, conflicts: 0, errors: 0 };
  const dedup = new Deduplicator(options.memoryEntries);
  let seq = 0;
  /** The file on disk being taken, and what it holds. */
  let current: FilesInProgress | undefined;
  let batch: CairnEvent[] = [];
  const keys = new Float64Array(batchSize);
  const digests = new Uint32Array(2 * batchSize);
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const identities = { keys: keys.slice(0, batch.length), digests: digests.slice(0, 2 * batch.length) };
    const events = batch;
    batch = [];
    await post({ type: 'batch', job, seq: seq++, events, identities, inProgress: current?.unrecorded() ?? [] });
  };

  const take = async (parsed: ParsedEvents, files: FilesInProgress): Promise<void> => {
    const { events, identities } = parsed;
    files.reading(parsed.open);
    for (let at = 0; at < identities.ids.length; at++) {
      const local = identities.files[at]!;
      const counts = files.tally(local);
      const file = local + files.base;
      const index = identities.indexes[at]!;
      const verdict = dedup.check(identities, at, file, index);
      counts.last = index;
      if (verdict.kind === 'duplicate') {
        counts.duplicates++;
        progress.duplicates++;
        continue;
      }
      const event = events[at];
      if (verdict.kind === 'conflict') {
        if (event) event.flags |= EVENT_FLAGS.conflict;
        counts.conflicts++;
        progress.conflicts++;
        await post({ type: 'conflict', job, eventId: identities.ids[at]!, first: verdict.first, second: { file, index } });
      }
      const partial = identities.keys[at]! >= PARTIAL_KEY ? 'second' : 'first';
      if (verdict.copies) for (const copy of verdict.copies) await post({ type: 'copy', job, eventId: identities.ids[at]!, first: copy, second: { file, index }, partial });
      if (verdict.kind === 'new' && verdict.firstRow) await post({ type: 'firstRow', job, eventId: identities.ids[at]!, first: verdict.firstRow, second: { file, index } });
      counts.events++;
      progress.events++;
      if (!event) continue;
      event.file = file;
      const into = batch.length;
      batch.push(event);
      keys[into] = identities.keys[at]!;
      digests[2 * into] = identities.digests[2 * at]!;
      digests[2 * into + 1] = identities.digests[2 * at + 1]!;
      if (batch.length >= batchSize) await flush();
    }
  };

  const totals = new JobTotals();
  const { parallel } = options;
  // The files are walked twice, to count them and to parse them, so that they are never all
  // held: the counts are only for progress (the tree may change between the walks). The count
  // is quick (a walk on this thread, see walkFiles: 5,000 files in about 20 ms).
  const count = countFiles(paths);
  progress.filesTotal = count.files;
  progress.bytesTotal = count.bytes;
  const pool = new ParsePool(walkFiles(paths), { limits, totals, cancel, keepEvents }, parallel && parallel.threads > 1 ? { script: parallel.script, count: parallel.threads - 1 } : undefined);
  let nextFile = 0;
  /** Files on disk taken from the walk, the one being read included. */
  let walked = 0;
  let cancelled = false;
  let failure: Error | undefined;
  try {
    await post({ type: 'plan', job, filesTotal: progress.filesTotal, bytesTotal: progress.bytesTotal });
    if (options.known) for await (const page of options.known) dedup.seed(page);
    for await (const [disk, { path, size, notRead }] of pool.files()) {
      if ((cancelled = cancel.cancelled)) break;
      walked = disk + 1;
      const doneBefore = progress.bytesDone;
      if (notRead) {
        const file = new FileTracker(nextFile++, path, []);
        file.record.format = notRead.format;
        file.record.unread = true;
        file.issue(notRead.severity, notRead.message);
        if (notRead.severity === 'error') progress.errors++;
        await post({ type: 'file', job, file: file.finish() });
      } else {
        const files = (current = new FilesInProgress(nextFile, { path, size }));
        await post({ type: 'reading', job, file: files.announced() });
        for await (const output of pool.outputs(disk)) {
          progress.bytesDone = doneBefore + output.bytesRead;
          if (output.type === 'events') {
            await take(output, files);
            continue;
          }
          const file = files.record(output.file);
          nextFile = Math.max(nextFile, file.index + 1);
          progress.errors += errorCount(file);
          await post({ type: 'file', job, file });
        }
        current = undefined;
      }
      progress.filesDone++;
      // The walk, the reads ahead and the workers' messages all wait for a turn of the event loop.
      await nextTurn();
      // A file cut short by the cancel counts the bytes read of it, not its size.
      if ((cancelled = cancel.cancelled)) break;
      progress.bytesDone = doneBefore + size;
      await post({ type: 'progress', job, progress: { ...progress } });
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    // Its parsers stop at their next chunk read, as on a cancel.
    cancel.cancel();
  } finally {
    await pool.close();
    dedup.close();
  }
  // Its message may name a file of the evidence.
  const reason = failure && printable(failure.message);
  const stopped = reason !== undefined && current ? current.stopped(reason) : [];
  for (const file of stopped) {
    progress.errors += errorCount(file);
    await post({ type: 'file', job, file });
  }
  if (stopped.length > 0) progress.filesDone++;
  if (reason !== undefined) {
    const next = Math.max(nextFile, ...stopped.map((file) => file.index + 1));
    for (const file of notReached(paths, walked, next, reason)) {
      progress.errors++;
      await post({ type: 'file', job, file });
    }
  }
  await flush();
  await post({ type: 'done', job, progress: { ...progress }, cancelled, ...(reason !== undefined ? { error: `ingest stopped: ${reason}` } : {}) });
  return progress;
}
