/**
 * One CloudTrail event as Cairn stores it: normalized fields for filtering, the original JSON
 * text exactly as it appeared in the evidence, and where it came from.
 */
export interface CairnEvent {
  /** Epoch milliseconds UTC; NaN when the event has no readable time. */
  time: number;
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
  text: string;
}

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
}

/** One evidence file as read: identity, hashes of its bytes, what it held and what went wrong. */
export interface EvidenceFile {
  /** Index within its job; events refer to their file by it. */
  index: number;
  /** Path as the user knows it (inside an archive: archive path, then entry name). */
  path: string;
  format: string;
  size: number;
  /** SHA-256 of the bytes as read from disk. */
  sha256: string;
  /** SHA-256 of the decompressed content (same as sha256 when not compressed). */
  contentSha256: string;
  events: number;
  issues: IngestIssue[];
}
