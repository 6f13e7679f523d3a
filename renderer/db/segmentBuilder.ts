import { DICTIONARY_FIELDS, type DictionaryField } from '../../shared/event';
import { BATCH_EVENTS, type EventColumns, type WrapperColumns } from '../../shared/eventColumns';
import type { PackedTexts } from '../../shared/packedTexts';
import type { BatchIdentities } from '../../shared/ipc';
import { dictionaryValues, type DictionaryChunk, type NumberColumn, type SegmentIdentities, type SegmentRecord, type SegmentTexts } from './caseDb';

/**
 * Most events per segment: large enough for fast bulk writes, small enough to read one on demand.
 * A segment holds whole batches (their texts stay packed as they came), so four of main's fill one.
 */
export const SEGMENT_SIZE = 4 * BATCH_EVENTS;

interface FieldDictionary {
  ids: Map<string, number>;
  values: string[];
  /** Values before this id are stored already. */
  stored: number;
  /** Uses of each id since the last takeChanges, and the ids used, in order of first use. */
  uses: Uint32Array;
  used: number[];
}

/** Assigns each distinct value of each field a dense id and counts its uses; remembers what changed. */
export class DictionaryEncoder {
  private readonly fields = new Map<DictionaryField, FieldDictionary>();

  constructor(existing: readonly DictionaryChunk[] = []) {
    const values = dictionaryValues(existing);
    for (const field of DICTIONARY_FIELDS) {
      const ids = new Map(values[field].map((value, id) => [value, id]));
      this.fields.set(field, { ids, values: values[field], stored: values[field].length, uses: new Uint32Array(Math.max(64, 2 * ids.size)), used: [] });
    }
  }

  /** The id of a value: a new one for a value never seen. */
  idOf(field: DictionaryField, value: string): number {
    const dictionary = this.fields.get(field)!;
    let id = dictionary.ids.get(value);
    if (id === undefined) {
      id = dictionary.values.push(value) - 1;
      dictionary.ids.set(value, id);
      if (id >= dictionary.uses.length) {
        const uses = new Uint32Array(2 * dictionary.uses.length);
        uses.set(dictionary.uses);
        dictionary.uses = uses;
      }
    }
    return id;
  }

  /** Counts `events` more events carrying `id`. */
  use(field: DictionaryField, id: number, events: number): void {
    const dictionary = this.fields.get(field)!;
    if (dictionary.uses[id] === 0) dictionary.used.push(id);
    dictionary.uses[id]! += events;
  }

  /** What changed since the last call, as the chunks of `segment`: one per field it touched. */
  takeChanges(segment: number): DictionaryChunk[] {
    const chunks: DictionaryChunk[] = [];
    for (const [field, dictionary] of this.fields) {
      if (dictionary.used.length === 0) continue;
      const { stored, values, uses, used } = dictionary;
      const ids = Uint32Array.from(used);
      chunks.push({ segment, field, firstId: stored, values: values.slice(stored), ids, counts: ids.map((id) => uses[id]!) });
      for (const id of used) uses[id] = 0;
      dictionary.stored = values.length;
      dictionary.used = [];
    }
    return chunks;
  }
}

/** The first `count` values in the narrowest array that holds them. */
function narrowed(values: Uint32Array, count: number): NumberColumn {
  let max = 0;
  for (let at = 0; at < count; at++) if (values[at]! > max) max = values[at]!;
  if (max >= 2 ** 16) return values.slice(0, count);
  const column = max < 2 ** 8 ? new Uint8Array(count) : new Uint16Array(count);
  column.set(values.subarray(0, count));
  return column;
}

/** Fills one segment's columns and texts from whole ingest batches, and emits it when asked. */
export class SegmentBuilder {
  private count = 0;
  private time = new Float64Array(SEGMENT_SIZE);
  private timeFraction = new Uint32Array(SEGMENT_SIZE);
  private readOnly = new Int8Array(SEGMENT_SIZE);
  private flags = new Uint8Array(SEGMENT_SIZE);
  private file = new Uint32Array(SEGMENT_SIZE);
  private index = new Uint32Array(SEGMENT_SIZE);
  private columns = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, new Uint32Array(SEGMENT_SIZE)])) as Record<DictionaryField, Uint32Array>;
  private keys = new Float64Array(SEGMENT_SIZE);
  private digests = new Uint32Array(2 * SEGMENT_SIZE);
  private texts: PackedTexts[] = [];
  private wrappers: WrapperColumns[] = [];

  constructor(private readonly dictionary: DictionaryEncoder) {}

  get size(): number {
    return this.count;
  }

  /** Whether a batch of `count` events fits in what is left of the segment. */
  fits(count: number): boolean {
    return this.count + count <= SEGMENT_SIZE;
  }

  /** Adds a batch whose identities are given, its file indexes moved on by `fileBase` to case-wide file ids. */
  add(batch: EventColumns, identities: BatchIdentities, fileBase: number): void {
    const { count } = batch;
    if (!this.fits(count)) throw new RangeError(`a batch of ${count} events does not fit in a segment holding ${this.count} of at most ${SEGMENT_SIZE}`);
    const at = this.count;
    this.time.set(batch.time, at);
    this.timeFraction.set(batch.timeFraction, at);
    this.readOnly.set(batch.readOnly, at);
    this.flags.set(batch.flags, at);
    this.index.set(batch.index, at);
    for (let row = 0; row < count; row++) this.file[at + row] = fileBase + batch.file[row]!;
    // A batch repeats few values: each is looked up and counted once per batch, not once per event.
    for (const field of DICTIONARY_FIELDS) {
      const { values, ids: positions } = batch.fields[field];
      const uses = new Uint32Array(values.length);
      for (let row = 0; row < count; row++) uses[positions[row]!]!++;
      const ids = values.map((value, position) => {
        const id = this.dictionary.idOf(field, value);
        this.dictionary.use(field, id, uses[position]!);
        return id;
      });
      const column = this.columns[field];
      for (let row = 0; row < count; row++) column[at + row] = ids[positions[row]!]!;
    }
    this.keys.set(identities.keys.subarray(0, count), at);
    this.digests.set(identities.digests.subarray(0, 2 * count), 2 * at);
    this.texts.push(batch.texts);
    if (batch.wrappers) this.wrappers.push({ ...batch.wrappers, rows: batch.wrappers.rows.map((row) => at + row) });
    this.count += count;
  }

  /** Turns what was added into a segment with the given id and starts afresh. */
  take(id: number): { segment: SegmentRecord; identities: SegmentIdentities; texts: SegmentTexts } {
    const count = this.count;
    const time = this.time.slice(0, count);
    let minTime = Infinity;
    let maxTime = -Infinity;
    for (const t of time) {
      if (t < minTime) minTime = t;
      if (t > maxTime) maxTime = t;
    }
    const columns = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, narrowed(this.columns[field], count)])) as Record<DictionaryField, NumberColumn>;
    const segment: SegmentRecord = {
      id,
      count,
      minTime,
      maxTime,
      time,
      timeFraction: narrowed(this.timeFraction, count),
      columns,
      readOnly: this.readOnly.slice(0, count),
      flags: this.flags.slice(0, count),
      file: narrowed(this.file, count),
      index: narrowed(this.index, count),
    };
    const identities: SegmentIdentities = { id, keys: this.keys.slice(0, count), digests: this.digests.slice(0, 2 * count) };
    const texts: SegmentTexts = this.wrappers.length > 0 ? { id, blocks: this.texts, wrappers: this.wrappers } : { id, blocks: this.texts };
    this.count = 0;
    this.texts = [];
    this.wrappers = [];
    return { segment, identities, texts };
  }
}
