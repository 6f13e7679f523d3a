import type { IngestMessage, IngestReply, JobId, KnownEvents } from '../../shared/ipc';
import type { CaseDb } from './caseDb';
import { DictionaryEncoder, SEGMENT_SIZE, SegmentBuilder } from './segmentBuilder';
import type { WriterUpdate } from './writerProtocol';

interface CaseState {
  dictionary: DictionaryEncoder;
  nextSegment: number;
  nextFile: number;
}

async function loadState(db: CaseDb): Promise<CaseState> {
  const [entries, lastSegment, lastFile] = await Promise.all([
    db.dictionary.toArray(),
    db.segments.orderBy(':id').last(),
    db.files.orderBy(':id').last(),
  ]);
  return {
    dictionary: new DictionaryEncoder(entries),
    nextSegment: (lastSegment?.id ?? -1) + 1,
    nextFile: (lastFile?.id ?? -1) + 1,
  };
}

/**
 * The identities and places of every event the case holds, for a job whose first file will get
 * the id `fileBase` (so earlier files get negative job indexes).
 */
async function knownEvents(db: CaseDb, fileBase: number): Promise<KnownEvents> {
  const segments = await db.segments.toArray();
  const count = segments.reduce((sum, segment) => sum + segment.count, 0);
  const known: KnownEvents = { keys: new Float64Array(count), digests: new Uint32Array(2 * count), files: new Int32Array(count), indexes: new Uint32Array(count) };
  let at = 0;
  for (const segment of segments) {
    known.keys.set(segment.keys, at);
    known.digests.set(segment.digests, 2 * at);
    known.indexes.set(segment.index, at);
    for (let row = 0; row < segment.count; row++) known.files[at + row] = segment.file[row]! - fileBase;
    at += segment.count;
  }
  return known;
}

/**
 * Stores ingest jobs into a case: events into segments of SEGMENT_SIZE (columns, texts and
 * dictionary counts in one transaction), file records as they arrive. A job is first told what
 * the case holds, so that it deduplicates across imports. Messages of a job are
 * handled one at a time and a batch is acknowledged only once taken, so a slow disk slows ingest
 * instead of filling memory.
 */
export class CaseWriter {
  private readonly state: Promise<CaseState>;

  constructor(private readonly db: CaseDb) {
    this.state = loadState(db);
  }

  attach(job: JobId, port: MessagePort, report: (update: WriterUpdate) => void): void {
    let failed = false;
    let stored = 0;
    let fileBase = 0;
    let builder: SegmentBuilder | undefined;
    let queue = Promise.resolve();
    /** Runs `work` after what came before; the first failure ends the job's storing for good. */
    const step = (work: () => Promise<void>): void => {
      queue = queue.then(async () => {
        if (failed) return;
        try {
          await work();
        } catch (error) {
          failed = true;
          port.close();
          report({ kind: 'failed', job, error: (error as Error).message });
        }
      });
    };

    const flush = async (state: CaseState): Promise<void> => {
      const { segment, texts } = builder!.take(state.nextSegment++);
      const changes = state.dictionary.takeChanges();
      await this.db.transaction('rw', [this.db.segments, this.db.texts, this.db.dictionary], async () => {
        await this.db.segments.add(segment);
        await this.db.texts.add(texts);
        await this.db.dictionary.bulkPut(changes);
      });
    };

    const handle = async (message: IngestMessage): Promise<void> => {
      const state = await this.state;
      builder ??= new SegmentBuilder(state.dictionary);
      switch (message.type) {
        case 'plan':
          state.nextFile = fileBase + message.filesTotal;
          break;
        case 'batch':
          for (const [at, event] of message.events.entries()) {
            builder.add(event, fileBase + event.file, message.identities, at);
            if (builder.size === SEGMENT_SIZE) await flush(state);
          }
          stored += message.events.length;
          port.postMessage({ type: 'ack', seq: message.seq } satisfies IngestReply);
          report({ kind: 'stored', job, stored });
          return;
        case 'file':
          await this.db.files.put({ ...message.file, id: fileBase + message.file.index, job });
          break;
        case 'conflict': {
          const place = (p: { file: number; index: number }) => ({ file: fileBase + p.file, index: p.index });
          await this.db.conflicts.add({ eventId: message.eventId, job, first: place(message.first), second: place(message.second) });
          return;
        }
        case 'done':
          if (builder.size > 0) await flush(state);
          port.close();
          break;
      }
      report({ kind: 'ingest', job, stored, message });
    };

    step(async () => {
      fileBase = (await this.state).nextFile;
      const known = await knownEvents(this.db, fileBase);
      port.postMessage({ type: 'known', known } satisfies IngestReply, [known.keys.buffer, known.digests.buffer, known.files.buffer, known.indexes.buffer]);
    });
    port.onmessage = (event: MessageEvent<IngestMessage>) => step(() => handle(event.data));
  }
}
