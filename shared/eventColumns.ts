import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from './event';

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
  fields: Record<DictionaryField, string[]>;
  texts: string[];
}

/** The buffers of a batch's columns, to transfer rather than copy when posting it. */
export function columnBuffers(columns: EventColumns): ArrayBuffer[] {
  const { time, readOnly, flags, file, index } = columns;
  return [time.buffer, readOnly.buffer, flags.buffer, file.buffer, index.buffer];
}

/** Row `row` of a batch as an event object. */
function eventAt(columns: EventColumns, row: number): CairnEvent {
  const value = (field: DictionaryField) => columns.fields[field][row]!;
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
  private fields!: Record<DictionaryField, string[]>;
  private texts: string[] = [];

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
    for (const field of DICTIONARY_FIELDS) this.fields[field].push(event[field]);
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
      fields: this.fields,
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
    this.fields = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, [] as string[]])) as Record<DictionaryField, string[]>;
    this.texts = [];
  }
}
