import type { IngestMessage, IngestReply, JobId, KnownEvents } from '../../shared/ipc';
import type { CaseDb, ConflictRecord, FileRecord } from './caseDb';
import { formatCount } from '../format';
import { ADD_AGAIN } from '../ingest/addAgain';
import { JobLedger } from './jobLedger';
import { DictionaryEncoder, SEGMENT_SIZE, SegmentBuilder } from './segmentBuilder';
import type { WriterUpdate } from './writerProtocol';

interface CaseState {
  dictionary: DictionaryEncoder;
  nextSegment: number;
  nextFile: number;
}

async function loadState(db: CaseDb): Promise<CaseState> {
  const [entries, lastSegment, lastFile] = await Promise.all([
    db.dictionaries.toArray(),
    db.segments.orderBy(':id').last(),
    db.files.orderBy(':id').last(),
  ]);
  return {
    dictionary: new DictionaryEncoder(entries),
    nextSegment: (lastSegment?.id ?? -1) + 1,
    nextFile: (lastFile?.id ?? -1) + 1,
  };
}

/** Whether storing failed because the disk or the origin's quota is full (Dexie may wrap the DOMException). */
function isQuotaExceeded(error: unknown): boolean {
  const { name, inner } = error as { name?: string; inner?: { name?: string } };
  return name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError';
}

/** Segments whose events go in one page of known events: 64 × 4,096 events, about 6 MB. */
const KNOWN_PAGE_SEGMENTS = 64;

/**
 * The identities and places of every event the case holds, a page of segments at a time, for a
 * job whose first file will get the id `fileBase` (so earlier files get negative job indexes).
 */
async function* knownPages(db: CaseDb, fileBase: number): AsyncGenerator<Extract<IngestReply, { type: 'known' }>> {
  for (let from = 0; ; ) {
    const [segments, identities] = await db.transaction('r', [db.segments, db.identities], async () => {
      const page = await db.segments.where(':id').aboveOrEqual(from).limit(KNOWN_PAGE_SEGMENTS).toArray();
      return [page, await db.identities.bulkGet(page.map((segment) => segment.id))] as const;
    });
    const count = segments.reduce((sum, segment) => sum + segment.count, 0);
    const known: KnownEvents = { keys: new Float64Array(count), digests: new Uint32Array(2 * count), files: new Int32Array(count), indexes: new Uint32Array(count) };
    let at = 0;
    for (const [n, segment] of segments.entries()) {
      known.keys.set(identities[n]!.keys, at);
      known.digests.set(identities[n]!.digests, 2 * at);
      known.indexes.set(segment.index, at);
      for (let row = 0; row < segment.count; row++) known.files[at + row] = segment.file[row]! - fileBase;
      at += segment.count;
    }
    const more = segments.length === KNOWN_PAGE_SEGMENTS;
    yield { type: 'known', known, more };
    if (!more) return;
    from = segments.at(-1)!.id + 1;
  }
}

/** Progress is reported to the page at most this often (a job has a message per file: thousands). */
const REPORT_INTERVAL_MS = 100;

/**
 * Stores ingest jobs into a case: events into segments of whole batches, up to SEGMENT_SIZE
 * (columns, texts and dictionary counts in one transaction, with the file records and conflicts
 * that are complete once they are in: see JobLedger). A job is first told what the case holds,
 * so that it deduplicates across imports. Messages of a job are handled one at a time; a batch is
 * acknowledged once its events are taken into the segment being filled, while the segment before
 * is written: one transaction at a time, so a slow disk slows ingest instead of filling memory.
 */
export class CaseWriter {
  private readonly state: Promise<CaseState>;

  constructor(private readonly db: CaseDb) {
    this.state = loadState(db);
  }

  attach(job: JobId, port: MessagePort, report: (update: WriterUpdate) => void): void {
    const ledger = new JobLedger();
    let failed = false;
    let stored = 0;
    let fileBase = 0;
    let firstSegment = 0;
    let known: ReturnType<typeof knownPages> | undefined;
    let builder: SegmentBuilder | undefined;
    let queue = Promise.resolve();
    /** The last transaction started; a failure surfaces at the next wait for it. */
    let writing = Promise.resolve();
    let busy = false;
    let lastReport = -Infinity;
    /** The latest progress not reported yet (reports are spaced out), shown if storing fails. */
    let unreported: Extract<IngestMessage, { type: 'progress' }> | undefined;

    /**
     * Once the transaction before has committed, takes what the builder holds (if `flush`) and
     * every record now complete, and starts writing them in one transaction.
     */
    const store = async (state: CaseState, flush: boolean): Promise<void> => {
      await writing;
      const taken = flush ? builder!.take(state.nextSegment++) : undefined;
      const changes = taken ? state.dictionary.takeChanges(taken.segment.id) : [];
      const records = ledger.completeWith(taken?.segment);
      if (!taken && records.files.length === 0 && records.conflicts.length === 0) return;
      const { segments, identities, texts, dictionaries, files, conflicts, imports } = this.db;
      busy = true;
      writing = this.db
        .transaction('rw', [segments, identities, texts, dictionaries, files, conflicts, imports], async () => {
          if (taken) {
            await segments.add(taken.segment);
            await identities.add(taken.identities);
            await texts.add(taken.texts);
            await dictionaries.bulkAdd(changes);
          }
          await files.bulkPut(records.files);
          await conflicts.bulkAdd(records.conflicts);
          await imports.put({ job, fileBase, firstSegment, ...ledger.pending(records) });
        })
        .then(() => {
          ledger.committed(taken?.segment, records);
          if (!taken) return;
          stored += taken.segment.count;
          // Said at once: the job may send nothing more for a while (a large file being read), and the page catches up on it.
          report({ kind: 'stored', job, stored });
        })
        .finally(() => (busy = false));
      // Handled where it is next awaited; this only keeps it from counting as unhandled meanwhile.
      writing.catch(() => undefined);
    };

    /** After a failure: records what is stored of each file, and why the rest is not. */
    const stop = async (error: unknown): Promise<string> => {
      const full = isQuotaExceeded(error);
      const reason = full ? 'the disk is full (storage quota exceeded)' : `storing failed (${(error as Error).message})`;
      try {
        await end(ledger.stopped(`Import stopped: ${reason}`, job, fileBase, false));
      } catch {
        return `Import stopped: ${reason}, and the files' records could not be written either. ${formatCount(stored)} events are stored.`;
      }
      const advice = full ? `Free some space, then ${ADD_AGAIN}` : `Once its cause is gone, ${ADD_AGAIN}`;
      return `Import stopped: ${reason}. ${formatCount(stored)} events are stored, and each file they came from says how many of its events the case holds. ${advice}.`;
    };

    /** Ends the job's storing: writes its last `records` (those a stop gives) and takes its mark off the case, in one transaction. */
    const end = async (records: { files: FileRecord[]; conflicts: ConflictRecord[] }): Promise<void> => {
      await this.db.transaction('rw', [this.db.files, this.db.conflicts, this.db.imports], async () => {
        await this.db.files.bulkPut(records.files);
        await this.db.conflicts.bulkAdd(records.conflicts);
        await this.db.imports.delete(job);
      });
      ledger.committed(undefined, records);
    };

    /** Whether a progress report is due (it is then taken as sent). */
    const reportDue = (): boolean => {
      const time = performance.now();
      if (time < lastReport + REPORT_INTERVAL_MS) return false;
      lastReport = time;
      return true;
    };

    /** Runs `work` after what came before; the first failure ends the job's storing for good. */
    const step = (work: () => Promise<void>): void => {
      queue = queue.then(async () => {
        if (failed) return;
        try {
          await work();
        } catch (error) {
          failed = true;
          port.close();
          if (unreported) report({ kind: 'ingest', job, stored, message: unreported });
          const told = await stop(error);
          report({ kind: 'failed', job, stored, errors: ledger.errors, error: told });
        }
      });
    };

    const handle = async (message: IngestMessage): Promise<void> => {
      const state = await this.state;
      builder ??= new SegmentBuilder(state.dictionary);
      switch (message.type) {
        case 'seeded':
          await sendKnown();
          return;
        case 'batch':
          ledger.filesReading(message.inProgress.map((file) => ({ ...file, id: fileBase + file.index, job })));
          if (builder.size > 0 && !builder.fits(message.events.count)) await store(state, true);
          builder.add(message.events, message.identities, fileBase);
          if (builder.size === SEGMENT_SIZE) await store(state, true);
          port.postMessage({ type: 'ack', seq: message.seq } satisfies IngestReply);
          if (reportDue()) report({ kind: 'stored', job, stored });
          return;
        case 'reading':
          ledger.filesReading([{ ...message.file, id: fileBase + message.file.index, job }]);
          return;
        case 'file':
          ledger.fileArrived({ ...message.file, id: fileBase + message.file.index, job });
          // While a segment is being written, its files' records go with the next transaction.
          if (!busy) await store(state, false);
          return;
        case 'conflict':
        case 'copy': {
          const place = (p: { file: number; index: number }) => ({ file: fileBase + p.file, index: p.index });
          const record: ConflictRecord = { eventId: message.eventId, job, first: place(message.first), second: place(message.second) };
          ledger.conflictArrived(message.type === 'copy' ? { ...record, partial: message.partial } : record);
          return;
        }
        case 'progress':
          unreported = reportDue() ? undefined : message;
          if (unreported) return;
          break;
        case 'done':
          await store(state, builder.size > 0);
          await writing;
          // A job that ended early leaves the file it was in with events in the case and no record: it
          // is recorded as far as it is stored, so that every stored event keeps a file that counts it.
          await end(message.cancelled || message.error ? ledger.stopped(message.cancelled ? 'Import cancelled' : `Import stopped: ${message.error}`, job, fileBase, true) : { files: [], conflicts: [] });
          port.close();
          break;
      }
      report({ kind: 'ingest', job, stored, message, ...(message.type === 'done' ? { errors: ledger.errors } : {}) });
    };

    /** Sends the next page of what the case holds, if any is left. */
    const sendKnown = async (): Promise<void> => {
      const page = await known!.next();
      if (page.done) return;
      const { keys, digests, files, indexes } = page.value.known;
      port.postMessage(page.value, [keys.buffer, digests.buffer, files.buffer, indexes.buffer]);
    };

    step(async () => {
      const state = await this.state;
      fileBase = state.nextFile;
      firstSegment = state.nextSegment;
      await this.db.imports.put({ job, fileBase, firstSegment, reading: [], arrived: [], conflicts: [] });
      known = knownPages(this.db, fileBase);
      await sendKnown();
    });
    port.onmessage = (event: MessageEvent<IngestMessage>) => step(() => handle(event.data));
  }
}
