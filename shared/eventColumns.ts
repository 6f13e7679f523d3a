import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from './event';
import type { PackedTexts } from './packedTexts';

/**
 * The wrappers of those events of a batch or segment that have one (CairnEvent.wrapper), by row:
 * their cut places (EventWrapper.at) and their texts packed. A batch of trail events has none.
 */
export interface WrapperColumns {
  rows: Uint32Array<ArrayBuffer>;
  at: Int32Array<ArrayBuffer>;
  texts: PackedTexts;
}

/**
 * One field of a batch: its distinct values, and per event the position of its value among them.
 * A batch repeats a few values hundreds of times (user agents, ARNs): each crosses to the
 * renderer once, and the renderer looks each up in its dictionaries once per batch.
 */
export interface FieldColumn {
  values: string[];
  ids: Uint16Array<ArrayBuffer>;
}

/** The most events one batch may hold: a field's ids are 16-bit. */
export const MAX_BATCH_EVENTS = 2 ** 16;

/**
 * Events per batch the app's ingest sends. The renderer fills each segment with whole batches
 * (texts are packed a batch at a time), four of these.
 */
export const BATCH_EVENTS = 1024;

/**
 * A batch of events as columns: how events travel between threads and processes. Copying a
 * few typed arrays and arrays of strings costs a fraction of copying an object per event
 * (whose every property name is written again); the texts, most of the bytes, travel packed.
 */
export interface EventColumns {
  count: number;
  time: Float64Array<ArrayBuffer>;
  /** Under 2^24 (shared/timeFraction). */
  timeFraction: Uint32Array<ArrayBuffer>;
  readOnly: Int8Array<ArrayBuffer>;
  flags: Uint8Array<ArrayBuffer>;
  file: Uint32Array<ArrayBuffer>;
  index: Uint32Array<ArrayBuffer>;
  fields: Record<DictionaryField, FieldColumn>;
  texts: PackedTexts;
  /** Present only when some event of the batch has a wrapper. */
  wrappers?: WrapperColumns;
}

/** The buffers of a batch's columns, to transfer rather than copy when posting it. */
export function columnBuffers(columns: EventColumns): ArrayBuffer[] {
  const { time, timeFraction, readOnly, flags, file, index, fields, texts, wrappers } = columns;
  const wrapped = wrappers ? [wrappers.rows.buffer, wrappers.at.buffer, wrappers.texts.deflated.buffer, wrappers.texts.lengths.buffer] : [];
  return [time.buffer, timeFraction.buffer, readOnly.buffer, flags.buffer, file.buffer, index.buffer, ...DICTIONARY_FIELDS.map((field) => fields[field].ids.buffer), texts.deflated.buffer, texts.lengths.buffer, ...wrapped];
}

/** Events as one batch of columns (at most MAX_BATCH_EVENTS of them), their texts packed by `pack` (main's packTexts: shared code has no DEFLATE). */
export function columnsOf(events: readonly CairnEvent[], pack: (texts: string[]) => PackedTexts): EventColumns {
  const count = events.length;
  if (count > MAX_BATCH_EVENTS) throw new RangeError(`a batch holds at most ${MAX_BATCH_EVENTS} events, not ${count}`);
  const columns: EventColumns = {
    count,
    time: new Float64Array(count),
    timeFraction: new Uint32Array(count),
    readOnly: new Int8Array(count),
    flags: new Uint8Array(count),
    file: new Uint32Array(count),
    index: new Uint32Array(count),
    fields: Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, { values: [], ids: new Uint16Array(count) }])) as unknown as Record<DictionaryField, FieldColumn>,
    texts: pack(events.map((event) => event.text)),
  };
  const wrapped: number[] = [];
  for (let row = 0; row < count; row++) if (events[row]!.wrapper) wrapped.push(row);
  if (wrapped.length > 0) {
    const wrappers = wrapped.map((row) => events[row]!.wrapper!);
    columns.wrappers = { rows: Uint32Array.from(wrapped), at: Int32Array.from(wrappers, (wrapper) => wrapper.at), texts: pack(wrappers.map((wrapper) => wrapper.text)) };
  }
  const positions = DICTIONARY_FIELDS.map(() => new Map<string, number>());
  for (let row = 0; row < count; row++) {
    const event = events[row]!;
    columns.time[row] = event.time;
    columns.timeFraction[row] = event.timeFraction;
    columns.readOnly[row] = event.readOnly;
    columns.flags[row] = event.flags;
    columns.file[row] = event.file;
    columns.index[row] = event.index;
    for (let at = 0; at < DICTIONARY_FIELDS.length; at++) {
      const field = DICTIONARY_FIELDS[at]!;
      const column = columns.fields[field];
      const value = event[field];
      let position = positions[at]!.get(value);
      if (position === undefined) positions[at]!.set(value, (position = column.values.push(value) - 1));
      column.ids[row] = position;
    }
  }
  return columns;
}
