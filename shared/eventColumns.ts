import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from './event';

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
 * A batch of events as columns: how events travel between threads and processes. Copying a
 * few typed arrays and arrays of strings costs a fraction of copying an object per event
 * (whose every property name is written again).
 */
export interface EventColumns {
  count: number;
  time: Float64Array<ArrayBuffer>;
  readOnly: Int8Array<ArrayBuffer>;
  flags: Uint8Array<ArrayBuffer>;
  file: Uint32Array<ArrayBuffer>;
  index: Uint32Array<ArrayBuffer>;
  fields: Record<DictionaryField, FieldColumn>;
  texts: string[];
}

/** The buffers of a batch's columns, to transfer rather than copy when posting it. */
export function columnBuffers(columns: EventColumns): ArrayBuffer[] {
  const { time, readOnly, flags, file, index, fields } = columns;
  return [time.buffer, readOnly.buffer, flags.buffer, file.buffer, index.buffer, ...DICTIONARY_FIELDS.map((field) => fields[field].ids.buffer)];
}

/** Row `row` of a batch as an event object. */
function eventAt(columns: EventColumns, row: number): CairnEvent {
  const value = (field: DictionaryField) => {
    const { values, ids } = columns.fields[field];
    return values[ids[row]!]!;
  };
  return {
    time: columns.time[row]!,
    eventName: value('eventName'),
    eventSource: value('eventSource'),
    actor: value('actor'),
    actorType: value('actorType'),
    sourceIp: value('sourceIp'),
    region: value('region'),
    account: value('account'),
    errorCode: value('errorCode'),
    accessKey: value('accessKey'),
    eventType: value('eventType'),
    userAgent: value('userAgent'),
    readOnly: columns.readOnly[row]!,
    file: columns.file[row]!,
    index: columns.index[row]!,
    flags: columns.flags[row]!,
    text: columns.texts[row]!,
  };
}

/** Every row of a batch as event objects. */
export function eventsOf(columns: EventColumns): CairnEvent[] {
  return Array.from({ length: columns.count }, (_, row) => eventAt(columns, row));
}

/** Fills one batch of up to `capacity` events. */
export class EventColumnsBuilder {
  private count = 0;
  private time!: Float64Array<ArrayBuffer>;
  private readOnly!: Int8Array<ArrayBuffer>;
  private flags!: Uint8Array<ArrayBuffer>;
  private file!: Uint32Array<ArrayBuffer>;
  private index!: Uint32Array<ArrayBuffer>;
  /** Each field's column so far, with the position of each value among its distinct values. */
  private fields!: Record<DictionaryField, FieldColumn & { positions: Map<string, number> }>;
  private texts: string[] = [];

  constructor(readonly capacity: number) {
    if (capacity > MAX_BATCH_EVENTS) throw new RangeError(`a batch holds at most ${MAX_BATCH_EVENTS} events, not ${capacity}`);
    this.reset();
  }

  get size(): number {
    return this.count;
  }

  add(event: CairnEvent): void {
    const row = this.count++;
    this.time[row] = event.time;
    this.readOnly[row] = event.readOnly;
    this.flags[row] = event.flags;
    this.file[row] = event.file;
    this.index[row] = event.index;
    for (const field of DICTIONARY_FIELDS) {
      const column = this.fields[field];
      const value = event[field];
      let position = column.positions.get(value);
      if (position === undefined) column.positions.set(value, (position = column.values.push(value) - 1));
      column.ids[row] = position;
    }
    this.texts.push(event.text);
  }

  /** The batch so far (its columns trimmed to its size); the builder starts afresh. */
  take(): EventColumns {
    const count = this.count;
    const trim = <T extends { length: number; slice(start: number, end: number): T }>(column: T): T => (column.length === count ? column : column.slice(0, count));
    const columns: EventColumns = {
      count,
      time: trim(this.time),
      readOnly: trim(this.readOnly),
      flags: trim(this.flags),
      file: trim(this.file),
      index: trim(this.index),
      fields: Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, { values: this.fields[field].values, ids: trim(this.fields[field].ids) }])) as Record<DictionaryField, FieldColumn>,
      texts: this.texts,
    };
    this.reset();
    return columns;
  }

  private reset(): void {
    const capacity = this.capacity;
    this.count = 0;
    this.time = new Float64Array(capacity);
    this.readOnly = new Int8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.file = new Uint32Array(capacity);
    this.index = new Uint32Array(capacity);
    this.fields = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, { values: [] as string[], ids: new Uint16Array(capacity), positions: new Map<string, number>() }])) as typeof this.fields;
    this.texts = [];
  }
}
