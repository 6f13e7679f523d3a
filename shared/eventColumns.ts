import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from './event';

/** One string field of a batch: its distinct values, and for each event the index of its value. */
export interface ColumnValues {
  values: string[];
  codes: Uint32Array<ArrayBuffer>;
}

/**
 * A batch of events as columns: how events travel between threads and processes. Copying a
 * few typed arrays and one array of texts costs a fraction of copying an object per event, and
 * each field's distinct values (a few per batch, typically) go once.
 */
export interface EventColumns {
  count: number;
  time: Float64Array<ArrayBuffer>;
  readOnly: Int8Array<ArrayBuffer>;
  flags: Uint8Array<ArrayBuffer>;
  file: Uint32Array<ArrayBuffer>;
  index: Uint32Array<ArrayBuffer>;
  fields: Record<DictionaryField, ColumnValues>;
  texts: string[];
}

/** The buffers of a batch's columns, to transfer rather than copy when posting it. */
export function columnBuffers(columns: EventColumns): ArrayBuffer[] {
  const { time, readOnly, flags, file, index, fields } = columns;
  return [time, readOnly, flags, file, index, ...DICTIONARY_FIELDS.map((field) => fields[field].codes)].map((column) => column.buffer);
}

/** Row `row` of a batch as an event object. */
export function eventAt(columns: EventColumns, row: number): CairnEvent {
  const value = (field: DictionaryField) => columns.fields[field].values[columns.fields[field].codes[row]!]!;
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

interface FieldBuilder {
  ids: Map<string, number>;
  values: string[];
  codes: Uint32Array<ArrayBuffer>;
  /** For the batch rows are being copied from: its code → this batch's code, -1 until met. */
  fromCodes: Int32Array;
}

/** Fills one batch of up to `capacity` events, from event objects or from rows of other batches. */
export class EventColumnsBuilder {
  private count = 0;
  private time!: Float64Array<ArrayBuffer>;
  private readOnly!: Int8Array<ArrayBuffer>;
  private flags!: Uint8Array<ArrayBuffer>;
  private file!: Uint32Array<ArrayBuffer>;
  private index!: Uint32Array<ArrayBuffer>;
  private fields!: Record<DictionaryField, FieldBuilder>;
  private texts: string[] = [];
  private copyingFrom: EventColumns | undefined;

  constructor(readonly capacity: number) {
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
    for (const field of DICTIONARY_FIELDS) this.fields[field].codes[row] = this.code(this.fields[field], event[field]);
    this.texts.push(event.text);
  }

  /** Copies row `row` of `from`, its file index moved on by `fileOffset` and `flags` added to its own. */
  copyRow(from: EventColumns, row: number, fileOffset: number, flags: number): void {
    if (this.copyingFrom !== from) {
      this.copyingFrom = from;
      for (const field of DICTIONARY_FIELDS) this.fields[field].fromCodes = new Int32Array(from.fields[field].values.length).fill(-1);
    }
    const at = this.count++;
    this.time[at] = from.time[row]!;
    this.readOnly[at] = from.readOnly[row]!;
    this.flags[at] = from.flags[row]! | flags;
    this.file[at] = from.file[row]! + fileOffset;
    this.index[at] = from.index[row]!;
    for (const field of DICTIONARY_FIELDS) {
      const builder = this.fields[field];
      const source = from.fields[field];
      const code = source.codes[row]!;
      let mine = builder.fromCodes[code]!;
      if (mine === -1) mine = builder.fromCodes[code] = this.code(builder, source.values[code]!);
      builder.codes[at] = mine;
    }
    this.texts.push(from.texts[row]!);
  }

  /** The batch so far (its columns trimmed to its size); the builder starts afresh. */
  take(): EventColumns {
    const count = this.count;
    const trim = <T extends { length: number; slice(start: number, end: number): T }>(column: T): T => (column.length === count ? column : column.slice(0, count));
    const fields = Object.fromEntries(
      DICTIONARY_FIELDS.map((field) => [field, { values: this.fields[field].values, codes: trim(this.fields[field].codes) }]),
    ) as Record<DictionaryField, ColumnValues>;
    const columns: EventColumns = {
      count,
      time: trim(this.time),
      readOnly: trim(this.readOnly),
      flags: trim(this.flags),
      file: trim(this.file),
      index: trim(this.index),
      fields,
      texts: this.texts,
    };
    this.reset();
    return columns;
  }

  private code(builder: FieldBuilder, value: string): number {
    let code = builder.ids.get(value);
    if (code === undefined) {
      code = builder.values.push(value) - 1;
      builder.ids.set(value, code);
    }
    return code;
  }

  private reset(): void {
    const capacity = this.capacity;
    this.count = 0;
    this.time = new Float64Array(capacity);
    this.readOnly = new Int8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.file = new Uint32Array(capacity);
    this.index = new Uint32Array(capacity);
    const field = (): FieldBuilder => ({ ids: new Map(), values: [], codes: new Uint32Array(capacity), fromCodes: new Int32Array(0) });
    this.fields = Object.fromEntries(DICTIONARY_FIELDS.map((name) => [name, field()])) as Record<DictionaryField, FieldBuilder>;
    this.texts = [];
    this.copyingFrom = undefined;
  }
}
