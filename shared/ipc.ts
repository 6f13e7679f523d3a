import type { EvidenceFile } from './event';
import type { EventColumns } from './eventColumns';

/** Identifies one ingest run; main creates it, the renderer echoes it back. */
export type JobId = string;

/**
 * Every call the renderer can make to main. The preload implements exactly this (with
 * `satisfies`) and main registers a handler map typed from it, so the two cannot drift apart.
 * No call takes a file path from the page: main opens dialogs, and the preload resolves dropped files.
 */
export interface CairnApi {
  /** Shows the open dialog; starts an ingest job for what the user picked, or returns null. */
  openEvidence(): Promise<JobId | null>;
  /**
   * Adds files and folders dropped on the window. The preload resolves each File to its path on
   * disk (a File the page made itself has none and is skipped) and main starts an ingest job for
   * them; null when none resolved.
   */
  addDroppedEvidence(files: File[]): Promise<JobId | null>;
  /** Stops a running job; events already delivered stay. */
  cancelIngest(job: JobId): Promise<void>;
  /** Puts text on the system clipboard (the sandboxed page has no clipboard permission). */
  copyText(text: string): Promise<void>;
}

/** The most text one copy may carry. */
export const MAX_COPY_CHARS = 64 * 2 ** 20;

/**
 * The calls as main receives them: the same as the page's, except that dropped files arrive as
 * the paths the preload resolved for them.
 */
export type MainApi = Omit<CairnApi, 'addDroppedEvidence'> & { addDroppedEvidence(paths: string[]): Promise<JobId | null> };

export type ApiChannel = keyof CairnApi;
export const API_CHANNELS = ['openEvidence', 'addDroppedEvidence', 'cancelIngest', 'copyText'] as const satisfies readonly ApiChannel[];

/** Counters of a running job, sent with every progress message. */
export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  events: number;
  duplicates: number;
  conflicts: number;
  errors: number;
}

/** Where an event is: its file (job index) and position in the file. */
export interface EventPlace {
  file: number;
  index: number;
}

/** Messages main sends on a job's ingest port, in order: plan, then files and batches, then done. */
export type IngestMessage =
  | { type: 'plan'; job: JobId; filesTotal: number; bytesTotal: number }
  /**
   * `inProgress`: the files some of these events belong to whose own records have not been sent,
   * as far as they were read (no hashes): what names them if the job ends before those come.
   */
  | { type: 'batch'; job: JobId; seq: number; events: EventColumns; identities: BatchIdentities; inProgress: EvidenceFile[] }
  | { type: 'file'; job: JobId; file: EvidenceFile }
  /**
   * The job starts reading a file on disk (sent before any of it is read): as the walk listed it,
   * format 'unknown', no hashes. Main keeps it (see JobReach) and passes it to the renderer only
   * should the job die before a batch or the file's record names the file: then it names it.
   */
  | { type: 'reading'; job: JobId; file: EvidenceFile }
  | { type: 'conflict'; job: JobId; eventId: string; first: EventPlace; second: EventPlace }
  /**
   * A partial row (a CSV row built from some of an event's columns) and the full event of its
   * eventID, the first read first: `partial` says which of the two is the row. Not a conflict:
   * the app compares the fields the row gives with the full event's.
   */
  | { type: 'copy'; job: JobId; eventId: string; first: EventPlace; second: EventPlace; partial: 'first' | 'second' }
  | { type: 'progress'; job: JobId; progress: IngestProgress }
  /** The job took a page of the case's known events: the renderer sends the next, if any. */
  | { type: 'seeded'; job: JobId }
  | { type: 'done'; job: JobId; progress: IngestProgress; cancelled: boolean; error?: string };

/**
 * Added to a key (bit 52: still an exact double; see main/ingest/dedup.ts) when its event is a partial row: a CSV row built
 * from some of an event's fields (Lake results of selected columns), not the event's JSON. Such a
 * row and the full event of its eventID are not two contents of one event, so never a conflict;
 * each is kept, and linked to the other as its copy. Partial rows are compared with one another
 * by content as events are (the same row read twice is a duplicate), but two that differ are not
 * a conflict either: they may give different columns of one event; the first stands for the call
 * until a full event of it comes.
 */
export const PARTIAL_KEY = 2 ** 52;

/**
 * How a batch's events are recognised again (see main/ingest/dedup.ts), stored with them so a
 * later import into the same case finds its duplicates: per event, the key of its eventID and
 * 64 bits of the SHA-256 of its content (two words; main/ingest/readDocument.ts, `comparedText`).
 */
export interface BatchIdentities {
  keys: Float64Array<ArrayBuffer>;
  digests: Uint32Array<ArrayBuffer>;
}

/**
 * Events a case holds already, sent by the renderer before anything else so that a job
 * deduplicates across imports: identities as in a batch, and places with file indexes relative to
 * the job's first file (an earlier import's files are negative). They come in pages, each sent
 * once the job has taken the one before, so neither side holds a large case's all at once.
 */
export interface KnownEvents extends BatchIdentities {
  files: Int32Array;
  indexes: Uint32Array;
}

/**
 * The renderer's answers on the ingest port: first what the case already holds, a page at a time
 * (`more` while pages follow), then an ack for each batch taken, which frees a slot for the next.
 */
export type IngestReply = { type: 'known'; known: KnownEvents; more: boolean } | { type: 'ack'; seq: number };

/** How many batches may be unacknowledged at once before ingest waits. */
export const MAX_BATCHES_IN_FLIGHT = 4;

/** The window message that hands a job's port from the preload to the page. */
export const INGEST_PORT_MESSAGE = 'cairn:ingest-port';

/** Calls the preload makes; Electron IPC in the app, page bindings in the e2e harness. */
export interface Transport {
  invoke(channel: ApiChannel, args: unknown[]): Promise<unknown>;
}

/** Shape check for job ids, used by main to validate arguments and by the page. */
export function isJobId(value: unknown): value is JobId {
  return typeof value === 'string' && /^job-[0-9a-f-]{36}$/.test(value);
}
