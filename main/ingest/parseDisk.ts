import type { CairnEvent, EvidenceFile } from '../../shared/event';
import { EventIdentities, type ParsedIdentities } from './dedup';
import { FileTracker } from './fileTracker';
import type { JobTotals } from './jobTotals';
import type { IngestLimits } from './limits';
import { readDocument } from './readDocument';
import { TreeReader } from './readTree';

/** Events parsed from one file on disk, with their identities for deduplication. */
export interface ParsedEvents {
  type: 'events';
  /** The events, in the order of their identities; none when not kept (see parseDiskFile). */
  events: CairnEvent[];
  identities: ParsedIdentities;
  /** Bytes of the file on disk read so far. */
  bytesRead: number;
}

/**
 * The record of the file on disk or of an entry inside it, once read. Its `events` count is what
 * was parsed: duplicates and conflicts are decided later, by the job.
 */
export interface ParsedFile {
  type: 'file';
  file: EvidenceFile;
  bytesRead: number;
}

export type ParseOutput = ParsedEvents | ParsedFile;

/** Takes each output in order; awaiting it is the backpressure. */
export type Emit = (output: ParseOutput) => Promise<void> | void;

const BATCH_EVENTS = 500;

/**
 * Parses one file on disk, whatever it holds (archives are opened in memory), and emits its
 * events in batches with their identities, and a record for it and for each entry inside it.
 * File indexes are local to this file on disk, numbered as files are met (0 is the file on disk,
 * whose record comes last); events point to them. Without `keepEvents`, only the events'
 * identities are emitted: all that deduplication and the counts need. Runs on any thread: pure
 * Node, no shared state but the job's byte total.
 */
export async function parseDiskFile(path: string, limits: IngestLimits, totals: JobTotals, emit: Emit, keepEvents: boolean, whole?: Buffer): Promise<void> {
  let nextFile = 0;
  let bytesRead = 0;
  let events: CairnEvent[] = [];
  let identities = new EventIdentities(BATCH_EVENTS);
  const flush = async (): Promise<void> => {
    if (identities.ids.length === 0) return;
    const output: ParsedEvents = { type: 'events', events, identities, bytesRead };
    events = [];
    identities = new EventIdentities(BATCH_EVENTS);
    await emit(output);
  };
  const reader = new TreeReader({
    limits,
    totals,
    newFile: (name, container) => new FileTracker(nextFile++, name, container),
    async fileDone(file) {
      await flush();
      await emit({ type: 'file', file: file.finish(), bytesRead });
    },
    readDocument: (stream, head, file) =>
      // Not async: only a full batch has a promise to wait for.
      readDocument(stream, head, file, limits, (from, event, eventId, compared) => {
        from.record.events++;
        if (keepEvents) events.push(event);
        identities.add(eventId, compared, event.file, event.index);
        return identities.ids.length === BATCH_EVENTS ? flush() : undefined;
      }),
  });
  await reader.readDiskFile(path, (bytes) => (bytesRead += bytes), whole);
}
