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

/** One field's column being built, with the position of each value among its distinct values. */
interface FieldBuilder extends FieldColumn {
  positions: Map<string, number>;
  /** The value last added and its position: consecutive events often share a value, found without hashing it. */
  last: string | undefined;
  lastPosition: number;
}

/** Fills one batch of up to `capacity` events. */
export class EventColumnsBuilder {
  private count = 0;
  private time!: Float64Array<ArrayBuffer>;
  private readOnly!: Int8Array<ArrayBuffer>;
  private flags!: Uint8Array<ArrayBuffer>;
  private file!: Uint32Array<ArrayBuffer>;
  private index!: Uint32Array<ArrayBuffer>;
  /** In the order of DICTIONARY_FIELDS (indexed by number: this runs for every field of every event). */
  private fields!: FieldBuilder[];
  private texts: string[] = [];
  /** The batch rows last came from (addRow): its fields, and the position here of each of their values once looked up (-1 before). */
  private source?: { batch: EventColumns; fields: FieldColumn[]; positions: Int32Array[] };

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
    for (let field = 0; field < DICTIONARY_FIELDS.length; field++) {
      const column = this.fields[field]!;
      column.ids[row] = positionOf(column, event[DICTIONARY_FIELDS[field]!]);
    }
    this.texts.push(event.text);
  }

  /**
   * Adds row `row` of another batch, with its file index and flags replaced: each of that batch's
   * values is looked up here once, not once per row.
   */
  addRow(batch: EventColumns, row: number, file: number, flags: number): void {
    const at = this.count++;
    this.time[at] = batch.time[row]!;
    this.readOnly[at] = batch.readOnly[row]!;
    this.flags[at] = flags;
    this.file[at] = file;
    this.index[at] = batch.index[row]!;
    if (this.source?.batch !== batch) {
      const fields = DICTIONARY_FIELDS.map((field) => batch.fields[field]);
      this.source = { batch, fields, positions: fields.map(({ values }) => new Int32Array(values.length).fill(-1)) };
    }
    const { fields, positions } = this.source;
    for (let field = 0; field < fields.length; field++) {
      const { values, ids } = fields[field]!;
      const from = ids[row]!;
      let position = positions[field]![from]!;
      if (position < 0) position = positions[field]![from] = positionOf(this.fields[field]!, values[from]!);
      this.fields[field]!.ids[at] = position;
    }
    this.texts.push(batch.texts[row]!);
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
      fields: Object.fromEntries(DICTIONARY_FIELDS.map((field, at) => [field, { values: this.fields[at]!.values, ids: trim(this.fields[at]!.ids) }])) as Record<DictionaryField, FieldColumn>,
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
    this.fields = DICTIONARY_FIELDS.map(() => ({ values: [], ids: new Uint16Array(capacity), positions: new Map(), last: undefined, lastPosition: 0 }));
    this.texts = [];
    this.source = undefined;
  }
}

/** The position of a value among a column's distinct values, added if new. */
function positionOf(column: FieldBuilder, value: string): number {
  if (value === column.last) return column.lastPosition;
  let position = column.positions.get(value);
  if (position === undefined) column.positions.set(value, (position = column.values.push(value) - 1));
  column.last = value;
  column.lastPosition = position;
  return position;
}
