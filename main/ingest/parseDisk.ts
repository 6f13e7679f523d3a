import type { CairnEvent, EvidenceFile } from '../../shared/event';
import type { CancelFlag } from './cancelFlag';
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
  /**
   * The files being read when these events were emitted (the file on disk, an archive in it, its
   * entry), as far as they were read (see FileTracker.sofar): what names them should the job stop
   * before their own records come.
   */
  open: EvidenceFile[];
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

/** What every file of a job is parsed with, on whichever thread parses it. */
export interface ParseSettings {
  limits: IngestLimits;
  totals: JobTotals;
  cancel: CancelFlag;
  /** Whether events are emitted, or only their identities (see parseDiskFile). */
  keepEvents: boolean;
}

/** A file on disk to parse: its size as the walk found it, and its bytes when they were read whole already. */
export interface DiskFile {
  path: string;
  size: number;
  whole?: Buffer | undefined;
}

/**
 * Parses one file on disk, whatever it holds (archives are opened in memory), and emits its
 * events in batches with their identities, and a record for it and for each entry inside it.
 * File indexes are local to this file on disk, numbered as files are met (0 is the file on disk,
 * whose record comes last); events point to them. Without `keepEvents`, only the events'
 * identities are emitted: all that deduplication and the counts need. Once the job is cancelled
 * it stops at its next chunk read, emitting what it read and records that say where each file
 * it was in stopped (see TreeReader). Runs on any thread: pure Node, no shared state but the
 * job's byte total and its cancel flag.
 */
export async function parseDiskFile({ path, size, whole }: DiskFile, { limits, totals, cancel, keepEvents }: ParseSettings, emit: Emit): Promise<void> {
  let nextFile = 0;
  let bytesRead = 0;
  let events: CairnEvent[] = [];
  // Made when an event comes: most files hold one batch, or none.
  let identities: EventIdentities | undefined;
  const open = new Set<FileTracker>();
  const flush = async (): Promise<void> => {
    if (!identities) return;
    const output: ParsedEvents = { type: 'events', events, identities, bytesRead, open: [...open].map((file) => file.sofar()) };
    events = [];
    identities = undefined;
    await emit(output);
  };
  const reader = new TreeReader({
    limits,
    totals,
    cancel,
    newFile(name, container) {
      const file = new FileTracker(nextFile++, name, container);
      open.add(file);
      return file;
    },
    async fileDone(file) {
      await flush();
      open.delete(file);
      await emit({ type: 'file', file: file.finish(), bytesRead });
    },
    readDocument: (stream, head, file) =>
      // Not async: only a full batch has a promise to wait for.
      readDocument(stream, head, file, limits, (from, event, eventId, compared, partial) => {
        from.record.events++;
        if (keepEvents) events.push(event);
        identities ??= new EventIdentities(BATCH_EVENTS);
        identities.add(eventId, compared, event.file, event.index, partial);
        return identities.ids.length === BATCH_EVENTS ? flush() : undefined;
      }),
  });
  await reader.readDiskFile(path, size, (bytes) => (bytesRead += bytes), whole);
}
