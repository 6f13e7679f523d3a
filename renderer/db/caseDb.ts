import Dexie, { type Table } from 'dexie';
import { DICTIONARY_FIELDS, type DictionaryField, type EvidenceFile } from '../../shared/event';
import type { JobId } from '../../shared/ipc';
import { unpackTexts, type PackedTexts } from '../../shared/packedTexts';
import type { WrapperColumns } from '../../shared/eventColumns';
import type { EventWrapper } from '../../shared/eventWrapper';

/** Whole numbers in the narrowest array that holds a segment's values (opening a case reads every one). */
export type NumberColumn = Uint8Array | Uint16Array | Uint32Array;

/**
 * A segment: a few thousand events stored as columns in one row (DESIGN.md, "Storage"). Times
 * are epoch ms (NaN when unknown); string fields are ids into the case's dictionaries.
 */
export interface SegmentRecord {
  id: number;
  count: number;
  minTime: number;
  maxTime: number;
  time: Float64Array;
  /** How each time was written below the second (shared/timeFraction); absent in cases stored before it was kept. */
  timeFraction?: NumberColumn;
  columns: Record<DictionaryField, NumberColumn>;
  readOnly: Int8Array;
  /** EVENT_FLAGS bits per event. */
  flags: Uint8Array;
  /** Case-wide evidence file id of each event, and its index within that file. */
  file: NumberColumn;
  index: NumberColumn;
}

/**
 * Each event's identity as ingest worked it out (BatchIdentities), by segment: how later imports
 * find duplicates. Kept apart so that opening a case does not read them.
 */
export interface SegmentIdentities {
  id: number;
  keys: Float64Array;
  digests: Uint32Array;
}

/**
 * The original JSON texts of a segment's events, kept apart so column scans never load them:
 * packed, as the segment's batches brought them, with the wrappers of those that had one (by
 * segment row; absent in cases stored before they were kept, and in a segment with none). Cases
 * stored before texts were packed hold them as strings.
 */
export type SegmentTexts = { id: number; blocks: PackedTexts[]; wrappers?: WrapperColumns[] } | { id: number; texts: string[] };

/** A segment's texts, in row order (none for a segment with no record). */
export async function textsOf(record: SegmentTexts | undefined): Promise<string[]> {
  if (!record) return [];
  if ('texts' in record) return record.texts;
  return (await Promise.all(record.blocks.map(unpackTexts))).flat();
}

/** The wrapper of a segment's event at `row`, when it was kept (see CairnEvent.wrapper). */
export async function wrapperOf(record: SegmentTexts | undefined, row: number): Promise<EventWrapper | undefined> {
  for (const block of record && 'wrappers' in record ? (record.wrappers ?? []) : []) {
    const found = block.rows.indexOf(row);
    if (found >= 0) return { text: (await unpackTexts(block.texts))[found]!, at: block.at[found]! };
  }
  return undefined;
}

/**
 * What one segment did to one field's dictionary: the values it used first (their ids run from
 * `firstId`) and how many more events now carry each id it used. A field's dictionary is its
 * chunks in segment order; a value's count is the sum of its increments.
 */
export interface DictionaryChunk {
  segment: number;
  field: DictionaryField;
  firstId: number;
  values: string[];
  ids: Uint32Array;
  counts: Uint32Array;
}

/** Each field's values, by id, from its chunks. */
export function dictionaryValues(chunks: readonly DictionaryChunk[]): Record<DictionaryField, string[]> {
  const values = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, [] as string[]])) as Record<DictionaryField, string[]>;
  for (const chunk of [...chunks].sort((a, b) => a.segment - b.segment)) chunk.values.forEach((value, k) => (values[chunk.field][chunk.firstId + k] = value));
  return values;
}

/**
 * How many events carry each value of each field (by id), from the chunks of the segments up to
 * `lastSegment` (those of a segment not held yet are left for when it is), added to `prior`'s.
 */
export function dictionaryCounts(chunks: readonly DictionaryChunk[], lastSegment: number, prior?: Record<DictionaryField, Uint32Array>): Record<DictionaryField, Uint32Array> {
  const held = chunks.filter((chunk) => chunk.segment <= lastSegment);
  const size = (field: DictionaryField): number => held.reduce((most, chunk) => (chunk.field === field ? chunk.ids.reduce((m, id) => Math.max(m, id + 1), most) : most), prior?.[field].length ?? 0);
  const counts = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, new Uint32Array(size(field))])) as Record<DictionaryField, Uint32Array>;
  if (prior) for (const field of DICTIONARY_FIELDS) counts[field].set(prior[field]);
  for (const { field, ids, counts: added } of held) ids.forEach((id, k) => (counts[field][id]! += added[k]!));
  return counts;
}

/**
 * Two events with the same eventID and different content, by their places in the case, the first
 * read first. With `partial`, not a conflict but a copy: one of the two (`partial` says which) is
 * a CSV row giving some of the event's fields, the other the full event (see IngestMessage 'copy').
 */
export interface ConflictRecord {
  id?: number;
  eventId: string;
  job: JobId;
  first: { file: number; index: number };
  second: { file: number; index: number };
  partial?: 'first' | 'second';
}

/** Whether a record is a conflict, not a partial row's copy. */
export const isConflict = (record: ConflictRecord): boolean => record.partial === undefined;

/** An investigator's marks on one event, by its place in storage. */
export interface Annotation {
  segment: number;
  row: number;
  bookmarked: boolean;
  tags: string[];
  note: string;
}

export interface FileRecord extends EvidenceFile {
  /** Case-wide id (events refer to it); `index` stays the file's position in its job. */
  id: number;
  job: JobId;
}

/**
 * A running import's mark on its case, rewritten in every transaction that stores its events or
 * records (and gone in the one that ends it), so that it always agrees with what the case holds:
 * what a crash or the app closing leaves is known from it. `files` and `conflicts` are what the job
 * told the writer that is not stored yet (see JobLedger.pending); the job's segments are those from
 * `firstSegment` on, its files those from `fileBase` on.
 */
export interface ImportMark {
  job: JobId;
  fileBase: number;
  firstSegment: number;
  reading: FileRecord[];
  arrived: FileRecord[];
  conflicts: ConflictRecord[];
}

/**
 * How writes reach the disk, chosen per kind of data:
 * - `marks` ('strict'): an investigator's bookmarks, tags and notes, and the case list, exist
 *   nowhere else, so each write is flushed to disk before it counts as done;
 * - `import` ('relaxed'): events can always be read again from the evidence, and each segment is
 *   one transaction with the records that count it, so a crash loses at most the last segments of
 *   an import, consistently, and adding the evidence again completes it (known events are
 *   skipped). A flush per segment would cost most of the import's speed.
 */
export const DURABILITY = { marks: 'strict', import: 'relaxed' } as const;

/** One case's database; the source of truth for its events. */
export class CaseDb extends Dexie {
  segments!: Table<SegmentRecord, number>;
  texts!: Table<SegmentTexts, number>;
  identities!: Table<SegmentIdentities, number>;
  dictionaries!: Table<DictionaryChunk, [number, DictionaryField]>;
  files!: Table<FileRecord, number>;
  conflicts!: Table<ConflictRecord, number>;
  annotations!: Table<Annotation, [number, number]>;
  imports!: Table<ImportMark, JobId>;

  constructor(name: string, durability: 'strict' | 'relaxed' = DURABILITY.marks) {
    super(name, { chromeTransactionDurability: durability });
    this.version(2).stores({ segments: 'id', texts: 'id', dictionaries: '[segment+field]', files: 'id', conflicts: '++id, eventId, [first.file+first.index], [second.file+second.index]', annotations: '[segment+row]' });
    // Version 3 moves the identity columns out of the segments (opening a million-event case read 16 MB it never used).
    this.version(3)
      .stores({ identities: 'id' })
      .upgrade(async (tx) => {
        const segments: (SegmentRecord & Partial<SegmentIdentities>)[] = await tx.table('segments').toArray();
        await tx.table('identities').bulkAdd(segments.map(({ id, keys, digests }) => ({ id, keys, digests })));
        for (const segment of segments) {
          delete segment.keys;
          delete segment.digests;
        }
        await tx.table('segments').bulkPut(segments);
      });
    this.version(4).stores({ imports: 'job' });
  }
}
