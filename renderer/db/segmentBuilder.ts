import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from '../../shared/event';
import type { BatchIdentities } from '../../shared/ipc';
import { dictionaryValues, type DictionaryChunk, type SegmentIdentities, type SegmentRecord, type SegmentTexts } from './caseDb';

/** Events per segment: large enough for fast bulk writes, small enough to read one on demand. */
export const SEGMENT_SIZE = 4096;

/** Assigns each distinct value of each field a dense id and counts it; remembers what changed. */
export class DictionaryEncoder {
  private readonly fields = new Map<DictionaryField, { ids: Map<string, number>; values: string[]; stored: number; used: Map<number, number> }>();

  constructor(existing: readonly DictionaryChunk[] = []) {
    const values = dictionaryValues(existing);
    for (const field of DICTIONARY_FIELDS) {
      this.fields.set(field, { ids: new Map(values[field].map((value, id) => [value, id])), values: values[field], stored: values[field].length, used: new Map() });
    }
  }

  encode(field: DictionaryField, value: string): number {
    const dictionary = this.fields.get(field)!;
    let id = dictionary.ids.get(value);
    if (id === undefined) {
      id = dictionary.values.push(value) - 1;
      dictionary.ids.set(value, id);
    }
    dictionary.used.set(id, (dictionary.used.get(id) ?? 0) + 1);
    return id;
  }

  /** What changed since the last call, as the chunks of `segment`: one per field it touched. */
  takeChanges(segment: number): DictionaryChunk[] {
    const chunks: DictionaryChunk[] = [];
    for (const [field, dictionary] of this.fields) {
      if (dictionary.used.size === 0) continue;
      const { stored, values, used } = dictionary;
      chunks.push({ segment, field, firstId: stored, values: values.slice(stored), ids: Uint32Array.from(used.keys()), counts: Uint32Array.from(used.values()) });
      dictionary.stored = values.length;
      used.clear();
    }
    return chunks;
  }
}

/** Accumulates events into column arrays and emits a segment (columns plus texts) when asked. */
export class SegmentBuilder {
  private events: CairnEvent[] = [];
  private files: number[] = [];
  private keys: number[] = [];
  private digests: number[] = [];

  constructor(private readonly dictionary: DictionaryEncoder) {}

  get size(): number {
    return this.events.length;
  }

  /** Adds the `at`-th event of a batch, whose identities are given, as from the case-wide file `fileId`. */
  add(event: CairnEvent, fileId: number, identities: BatchIdentities, at: number): void {
    this.events.push(event);
    this.files.push(fileId);
    this.keys.push(identities.keys[at]!);
    this.digests.push(identities.digests[2 * at]!, identities.digests[2 * at + 1]!);
  }

  /** Turns what was added into a segment with the given id and starts afresh. */
  take(id: number): { segment: SegmentRecord; identities: SegmentIdentities; texts: SegmentTexts } {
    const events = this.events;
    const count = events.length;
    const time = new Float64Array(count);
    const readOnly = new Int8Array(count);
    const flags = new Uint8Array(count);
    const index = new Uint32Array(count);
    const columns = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, new Uint32Array(count)])) as Record<DictionaryField, Uint32Array>;
    let minTime = Infinity;
    let maxTime = -Infinity;
    events.forEach((event, row) => {
      time[row] = event.time;
      if (event.time < minTime) minTime = event.time;
      if (event.time > maxTime) maxTime = event.time;
      readOnly[row] = event.readOnly;
      flags[row] = event.flags;
      index[row] = event.index;
      for (const field of DICTIONARY_FIELDS) columns[field][row] = this.dictionary.encode(field, event[field]);
    });
    const file = Uint32Array.from(this.files);
    const segment: SegmentRecord = { id, count, minTime, maxTime, time, columns, readOnly, flags, file, index };
    const identities: SegmentIdentities = { id, keys: Float64Array.from(this.keys), digests: Uint32Array.from(this.digests) };
    const texts: SegmentTexts = { id, texts: events.map((event) => event.text) };
    this.events = [];
    this.files = [];
    this.keys = [];
    this.digests = [];
    return { segment, identities, texts };
  }
}
