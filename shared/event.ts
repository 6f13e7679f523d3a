import type { EventWrapper } from './eventWrapper';

/**
 * One CloudTrail event as Cairn stores it: normalized fields for filtering, the original JSON
 * text exactly as it appeared in the evidence, and where it came from.
 */
export interface CairnEvent {
  /** Epoch milliseconds UTC; NaN when the event has no readable time. */
  time: number;
  /** How the time was written below the second: fraction digits and sub-millisecond part (shared/timeFraction). */
  timeFraction: number;
  eventName: string;
  eventSource: string;
  actor: string;
  actorType: string;
  sourceIp: string;
  region: string;
  account: string;
  errorCode: string;
  accessKey: string;
  eventType: string;
  userAgent: string;
  /** 1 read-only, 0 not, -1 not stated. */
  readOnly: number;
  /** Index of the evidence file within its job (see EvidenceFile.index). */
  file: number;
  /** Position of the event within that file, from 0. */
  index: number;
  /** EVENT_FLAGS bits: a conflicting twin, text with invalid UTF-8 or UTF-16 replaced, lone surrogates escaped, nesting too deep to walk, JSON read out of a string or cell. */
  flags: number;
  /** The event's JSON exactly as it appeared in the evidence. */
  text: string;
  /** What held that JSON in its file (an item, a row, an export line), as it stood there; absent for an event that was its file's JSON. */
  wrapper?: EventWrapper;
}

export const EVENT_FLAGS = {
  /** Another event has the same eventID but different content: both are kept. */
  conflict: 1,
  /** The file had invalid UTF-8 or UTF-16; the text shows U+FFFD there (the file's hashes cover the bytes). */
  invalidText: 2,
  /**
   * The event's JSON, decoded from a JSON string (lookup-events, filter-log-events), held lone
   * UTF-16 surrogates: each is written as its `\uXXXX` escape, which parses to the same value.
   */
  escapedSurrogates: 4,
  /**
   * Objects and arrays nest in the event deeper than the app walks (JSON_TREE_DEPTH, or the job's
   * limit): it is stored with its text as it is, its fields read from the levels within the limit,
   * and it is shown as that text, not as a tree.
   */
  deepNesting: 8,
  /**
   * A CSV row of some of the event's fields and the full event of its eventID (the two ends of a
   * partial copy), or with none in the case, two CSV rows of it, disagree on a field. Set on both by the explorer as it reads the case, never stored.
   */
  copyDisagrees: 16,
  /**
   * The event's JSON stood in its file as a value, not as JSON of its own: a JSON string (a
   * lookup-events item's CloudTrailEvent, a filter-log-events item's message, an Insights row's
   * @message) or a CSV cell (Lake's eventjson, an Insights CSV's @message). Its text is that value,
   * unescaped or unquoted: the file holds the same JSON written with escapes (`\"`) or doubled quotes.
   */
  unwrapped: 32,
} as const;

/** The string fields of an event, each stored as a dictionary-encoded column. */
export const DICTIONARY_FIELDS = [
  'eventName',
  'eventSource',
  'actor',
  'actorType',
  'sourceIp',
  'region',
  'account',
  'errorCode',
  'accessKey',
  'eventType',
  'userAgent',
] as const satisfies readonly (keyof CairnEvent)[];

export type DictionaryField = (typeof DICTIONARY_FIELDS)[number];

/** A problem in one evidence file, with where in it. */
export interface IngestIssue {
  severity: 'error' | 'warning';
  message: string;
  /** e.g. "byte 1042" or "line 17"; empty when it concerns the whole file. */
  location: string;
  /**
   * Set on the error saying that the import stopped in or before this file (the user cancelled it,
   * it failed outside the file's own read, storing stopped): what is missing of the file is missing
   * because of the import, not the file, and a complete reading of it in a later import makes this
   * error history (see distinctEvidence).
   */
  stopped?: true;
}

/** How many of a file's listed problems are errors: what the import counts and the Evidence panel shows. */
export const errorCount = (file: Pick<EvidenceFile, 'issues'>): number => file.issues.filter((issue) => issue.severity === 'error').length;

/**
 * One evidence file as read: a file on disk or an entry of an archive. Identity, hashes of its
 * bytes, what it held and what went wrong.
 */
export interface EvidenceFile {
  /** Index within its job; events refer to their file by it. */
  index: number;
  /** Path on disk, or the entry's name inside its archive. */
  path: string;
  /** The archives it sits in, outermost first (a disk path, then entry names); empty on disk. */
  container: string[];
  format: string;
  /** Bytes as read: on disk, or as stored in its archive after the archive's own decompression. */
  size: number;
  /** SHA-256 of those bytes. */
  sha256: string;
  /** SHA-256 after gunzip (the same as sha256 when the file is not gzipped). */
  contentSha256: string;
  /** The object key under which CloudTrail delivered it, when its path shows one (`AWSLogs/…`). */
  s3Key: string;
  /** Events stored: new ones and conflicting twins, not duplicates. */
  events: number;
  duplicates: number;
  conflicts: number;
  issues: IngestIssue[];
  /**
   * Set when none of the file was read: a path the walk names without opening (a link, a pipe, one
   * it cannot open), a file an import that stopped on an error never reached, or an archive entry
   * never opened (a tar link or device, an encrypted zip entry, one refused). Without it, a
   * file with no hash was read part of the way, or how far is not known.
   */
  unread?: true;
  /** A digest file's or CloudTrail Lake sign file's JSON, kept for integrity checks. */
  digest?: string;
  /** A CSV file's header line as written: how a row built from its columns (see shared/csvRow) is read again, cell by cell. */
  csvHeader?: string;
}
