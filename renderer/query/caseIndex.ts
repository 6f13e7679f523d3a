import { DICTIONARY_FIELDS, EVENT_FLAGS, type DictionaryField } from '../../shared/event';
import { dictionaryValues, isConflict, type ConflictRecord, type DictionaryChunk, type SegmentRecord } from '../db/caseDb';
import { lastAtMost } from '../../shared/sortedSearch';
import type { Pivot } from './queryProtocol';
import { byFraction, mergedOrder, timeOrder } from './timeOrder';

/** One stored event's columns, decoded: what a table row shows, before marks. */
export type DecodedEvent = Record<DictionaryField, string> & { time: number; timeFraction: number | undefined; readOnly: number; flags: number; segment: number; row: number; file: number; index: number };

/** Where an event was read: case file id and index within that file. */
export type EventOrigin = ConflictRecord['first'];

/** Both events of each conflict (a partial row's copy is none). */
const conflictPlaces = (conflicts: readonly ConflictRecord[]): EventOrigin[] => conflicts.filter(isConflict).flatMap(({ first, second }) => [first, second]);

/**
 * The open case's columns in memory, with a time order over all events (unknown times last,
 * ties in storage order). Events are numbered globally in storage order; selections are
 * filters over the typed-array columns, never over the texts. Both events of each conflict
 * carry the conflict flag here, whichever of them ingest flagged.
 */
export class CaseIndex {
  readonly count: number;
  readonly minTime: number;
  readonly maxTime: number;
  /** The most fraction digits any time was written with (3 for a case stored before they were kept, which shows milliseconds). */
  readonly timeDigits: number;
  /** How the earliest and the latest event's times were written below the second (shared/timeFraction); undefined without times or in a case stored before they were kept. */
  readonly minFraction: number | undefined;
  readonly maxFraction: number | undefined;
  private readonly starts: Uint32Array;
  /** Each segment's id, ascending (as the segments are held). */
  private readonly segmentIds: Uint32Array;
  /** Global event numbers, oldest first. */
  private readonly order: Uint32Array;
  /** Time of each event by global number; Infinity when unknown. */
  private readonly times: Float64Array;
  /** Each field's value → id, made when the field is first filtered on (some fields have a value per event). */
  private readonly ids = new Map<DictionaryField, Map<string, number>>();

  /** Each event's nanoseconds below the millisecond, by global number; undefined when no event has any. */
  private readonly below: Uint32Array | undefined;

  /**
   * The index of `segments`; given `prior`, an index of the first of them, only the others are
   * read, and their time order is merged into the prior one (see `extended`).
   */
  constructor(
    private readonly segments: readonly SegmentRecord[],
    private readonly values: Record<DictionaryField, string[]>,
    twins: readonly EventOrigin[] = [],
    prior?: CaseIndex,
  ) {
    const held = prior?.segments.length ?? 0;
    const added = segments.slice(held);
    const first = prior?.count ?? 0;
    this.starts = new Uint32Array(segments.length);
    if (prior) this.starts.set(prior.starts);
    this.segmentIds = Uint32Array.from(segments, (segment) => segment.id);
    let count = first;
    for (let k = held; k < segments.length; k++) {
      this.starts[k] = count;
      count += segments[k]!.count;
    }
    this.count = count;
    const times = new Float64Array(count);
    if (prior) times.set(prior.times);
    let minTime = prior?.minTime ?? Infinity;
    let maxTime = prior?.maxTime ?? -Infinity;
    added.forEach((segment, k) => {
      times.set(segment.time, this.starts[held + k]);
      if (segment.minTime < minTime) minTime = segment.minTime;
      if (segment.maxTime > maxTime) maxTime = segment.maxTime;
    });
    this.minTime = minTime;
    this.maxTime = maxTime;
    this.timeDigits = Math.max(prior?.timeDigits ?? 0, mostDigits(added));
    const addedTimes = times.subarray(first);
    const addedBelow = subMilliseconds(added, this.starts.subarray(held).map((start) => start - first), count - first);
    const addedOrder = byFraction(timeOrder(addedTimes), addedTimes, addedBelow);
    for (let i = first; i < count; i++) if (Number.isNaN(times[i])) times[i] = Infinity;
    this.times = times;
    this.below = joined(prior?.below, addedBelow, first, count);
    this.order = prior ? mergedOrder(prior.order, addedOrder.map((at) => at + first), times, this.below) : addedOrder;
    // Events without a time come last in the order.
    let latest = count - 1;
    while (latest >= 0 && times[this.order[latest]!] === Infinity) latest--;
    this.minFraction = latest < 0 ? undefined : this.fractionOf(this.order[0]!);
    this.maxFraction = latest < 0 ? undefined : this.fractionOf(this.order[latest]!);
    this.flagConflicts(twins);
  }

  static fromStore(segments: readonly SegmentRecord[], dictionary: readonly DictionaryChunk[], conflicts: readonly ConflictRecord[] = []): CaseIndex {
    return new CaseIndex(
      [...segments].sort((a, b) => a.id - b.id),
      dictionaryValues(dictionary),
      conflictPlaces(conflicts),
    );
  }

  /**
   * This index with `added` segments (stored after all of its own) appended, their dictionary
   * chunks merged in and every conflict flagged: how events an import is storing become listable
   * while it runs, without reading again the segments already held, nor sorting again their
   * events: the added events are put in time order and merged into it (1M events held, 2,000
   * added: 35-45 ms, against 85-120 ms sorting them all). Global numbers of the events held
   * already stay the same.
   */
  extended(added: readonly SegmentRecord[], chunks: readonly DictionaryChunk[], conflicts: readonly ConflictRecord[]): CaseIndex {
    const values = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, this.values[field].slice()])) as Record<DictionaryField, string[]>;
    for (const chunk of [...chunks].sort((a, b) => a.segment - b.segment)) chunk.values.forEach((value, k) => (values[chunk.field][chunk.firstId + k] = value));
    const segments = [...this.segments, ...[...added].sort((a, b) => a.id - b.id)];
    return new CaseIndex(segments, values, conflictPlaces(conflicts), this);
  }

  /** The id of the last segment held; -1 when none is. */
  get lastSegment(): number {
    return this.segments.at(-1)?.id ?? -1;
  }

  /**
   * Global numbers of the events matching every pivot, lying in every set of `within` (global
   * numbers worked out elsewhere, e.g. from the texts) and passing `keep` (given a segment id and
   * row), oldest first. A value the case has never seen matches nothing. A pivot given in `also`
   * matches the events it lists (global numbers) besides those holding its value (how an actor pivot
   * on an IAM user's ARN takes in the events naming that user without it: see iamUserAliases).
   * The events whose field holds the value of a condition in `unless` are left out (how the failed
   * calls are listed: those whose error is not empty); a value the case has never seen leaves none out.
   */
  select(
    filters: readonly Pivot[],
    keep?: (segment: number, row: number, flags: number) => boolean,
    within: readonly Uint32Array[] = [],
    also: ReadonlyMap<Pivot, Uint32Array> = new Map(),
    unless: readonly Pivot[] = [],
  ): Uint32Array {
    if (filters.length === 0 && !keep && within.length === 0 && unless.length === 0) return this.order;
    const match = new Uint8Array(this.count).fill(1);
    for (const { field, value } of unless) {
      // Resolved once, then one pass over the column's ids: no event's text or value is read.
      const id = this.idsOf(field).get(value);
      if (id === undefined) continue;
      this.segments.forEach((segment, k) => {
        const column = segment.columns[field];
        const start = this.starts[k]!;
        for (let row = 0; row < segment.count; row++) if (column[row] === id) match[start + row] = 0;
      });
    }
    for (const set of within) {
      const hit = new Uint8Array(this.count);
      for (const global of set) hit[global] = 1;
      for (let global = 0; global < this.count; global++) if (!hit[global]) match[global] = 0;
    }
    for (const pivot of filters) {
      const { field, value } = pivot;
      const id = this.idsOf(field).get(value);
      const extra = also.get(pivot);
      const taken = extra && extra.length > 0 ? new Uint8Array(this.count) : undefined;
      if (taken) for (const global of extra!) taken[global] = 1;
      this.segments.forEach((segment, k) => {
        const column = segment.columns[field];
        const start = this.starts[k]!;
        if (taken) {
          for (let row = 0; row < segment.count; row++) if (column[row] !== id && !taken[start + row]) match[start + row] = 0;
        } else {
          for (let row = 0; row < segment.count; row++) if (column[row] !== id) match[start + row] = 0;
        }
      });
    }
    if (keep) {
      this.segments.forEach((segment, k) => {
        const start = this.starts[k]!;
        for (let row = 0; row < segment.count; row++) if (match[start + row] && !keep(segment.id, row, segment.flags[row]!)) match[start + row] = 0;
      });
    }
    return this.order.filter((global) => match[global] === 1);
  }

  /**
   * A selection (oldest first) newest first instead: events with a time reversed, those without
   * one still last, in storage order.
   */
  newestFirst(selection: Uint32Array): Uint32Array {
    let timed = selection.length;
    while (timed > 0 && this.times[selection[timed - 1]!] === Infinity) timed--;
    const result = new Uint32Array(selection.length);
    for (let i = 0; i < timed; i++) result[i] = selection[timed - 1 - i]!;
    result.set(selection.subarray(timed), timed);
    return result;
  }

  /** Each segment's id and the global number of its first row, in storage order: where per-segment reads land. */
  segmentStarts(): { id: number; start: number }[] {
    return this.segments.map((segment, k) => ({ id: segment.id, start: this.starts[k]! }));
  }

  /** The decoded columns of global event `global`. */
  event(global: number): DecodedEvent {
    const k = this.segmentOf(global);
    const segment = this.segments[k]!;
    const row = global - this.starts[k]!;
    const decoded = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, this.values[field][segment.columns[field][row]!] ?? ''])) as Record<DictionaryField, string>;
    return { ...decoded, time: segment.time[row]!, timeFraction: segment.timeFraction?.[row], readOnly: segment.readOnly[row]!, flags: segment.flags[row]!, segment: segment.id, row, file: segment.file[row]!, index: segment.index[row]! };
  }

  /** The events whose `field` holds one of `values`, decoded, in storage order: one pass over one column, none when the case has none of the values. */
  eventsWhere(field: DictionaryField, values: readonly string[]): DecodedEvent[] {
    const ids = new Set(values.map((value) => this.idsOf(field).get(value)).filter((id) => id !== undefined));
    const found: DecodedEvent[] = [];
    if (ids.size === 0) return found;
    this.segments.forEach((segment, k) => {
      const column = segment.columns[field];
      for (let row = 0; row < segment.count; row++) if (ids.has(column[row]!)) found.push(this.event(this.starts[k]! + row));
    });
    return found;
  }

  /**
   * Global numbers, in storage order, of the events whose every field given holds one of its values:
   * the values resolved to dictionary ids once, then one pass over the typed-array columns, nothing
   * decoded (1M events: tens of ms). None when the case has none of a field's values.
   */
  globalsWhere(conditions: Partial<Record<DictionaryField, readonly string[]>>): Uint32Array {
    const wanted = Object.entries(conditions).map(([field, values]) => {
      const ids = this.idsOf(field as DictionaryField);
      return { field: field as DictionaryField, ids: new Set(values!.map((value) => ids.get(value)).filter((id) => id !== undefined)) };
    });
    if (wanted.some(({ ids }) => ids.size === 0)) return new Uint32Array();
    const found: number[] = [];
    this.segments.forEach((segment, k) => {
      const columns = wanted.map(({ field, ids }) => ({ column: segment.columns[field], ids }));
      const start = this.starts[k]!;
      for (let row = 0; row < segment.count; row++) if (columns.every(({ column, ids }) => ids.has(column[row]!))) found.push(start + row);
    });
    return Uint32Array.from(found);
  }

  /** Segment id and row of global event `global`. */
  placeOf(global: number): { segment: number; row: number } {
    const k = this.segmentOf(global);
    return { segment: this.segments[k]!.id, row: global - this.starts[k]! };
  }

  /** Whether some event of the case holds `value` in `field`: a dictionary lookup, no pass over the events. */
  holds(field: DictionaryField, value: string): boolean {
    return this.idsOf(field).has(value);
  }

  /** The values of `field`'s dictionary, by id: each value the case holds there once (their counts are the dictionary chunks'). */
  dictionary(field: DictionaryField): readonly string[] {
    return this.values[field];
  }

  /** The values `field` holds in the case that pass `test`: one pass over its dictionary, none over the events. */
  valuesWhere(field: DictionaryField, test: (value: string) => boolean): string[] {
    return [...this.idsOf(field).keys()].filter(test);
  }

  /** Global number of the event at `row` of segment `segment`; null if the case has none there. */
  globalOf(segment: number, row: number): number | null {
    const k = lastAtMost(this.segmentIds, segment);
    const found = this.segments[k];
    return found?.id === segment && row >= 0 && row < found.count ? this.starts[k]! + row : null;
  }

  /** Case file id, and index within that file, of the event at `row` of segment `segment`; null if the case has none there. */
  origin(segment: number, row: number): { file: number; index: number } | null {
    const global = this.globalOf(segment, row);
    if (global === null) return null;
    const found = this.segments[this.segmentOf(global)]!;
    return { file: found.file[row]!, index: found.index[row]! };
  }

  /** Segment id and row of the event read from case file `file` at `index`, if the case has it. */
  find(file: number, index: number): { segment: number; row: number } | null {
    for (const segment of this.segments) {
      for (let row = 0; row < segment.count; row++) {
        if (segment.file[row] === file && segment.index[row] === index) return { segment: segment.id, row };
      }
    }
    return null;
  }

  /**
   * Global numbers of the events read at `places` (null where the case holds none), in one pass
   * over the file and index columns with array lookups only (flagging 10k conflicts this way added
   * ~130 ms to the 200 ms index of 2M events, where a set of places took longer), none without places.
   */
  globalsAt(places: readonly EventOrigin[]): (number | null)[] {
    if (places.length === 0) return [];
    // By file id, by index within the file: the global number + 1 of the event read there (0: none).
    const found: Float64Array[] = [];
    const last = new Map<number, number>();
    for (const { file, index } of places) last.set(file, Math.max(last.get(file) ?? 0, index));
    for (const [file, index] of last) found[file] = new Float64Array(index + 1);
    this.segments.forEach((segment, k) => {
      for (let row = 0; row < segment.count; row++) {
        const inFile = found[segment.file[row]!];
        if (inFile && segment.index[row]! < inFile.length) inFile[segment.index[row]!] = this.starts[k]! + row + 1;
      }
    });
    return places.map(({ file, index }) => {
      const at = found[file]![index]!;
      return at > 0 ? at - 1 : null;
    });
  }

  /** Sets `flag` (EVENT_FLAGS) on the event numbered `global`, in the segment held in memory (the stored one is left as written). */
  addFlag(global: number, flag: number): void {
    const k = this.segmentOf(global);
    this.segments[k]!.flags[global - this.starts[k]!]! |= flag;
  }

  /** Clears `flag` (EVENT_FLAGS) on the event numbered `global`, as addFlag sets it. */
  clearFlag(global: number, flag: number): void {
    const k = this.segmentOf(global);
    this.segments[k]!.flags[global - this.starts[k]!]! &= ~flag;
  }

  /** Sets the conflict flag on the events read at `twins`: ingest can flag only the later twin, and the earlier one may lie in a segment stored by an earlier import. */
  private flagConflicts(twins: readonly EventOrigin[]): void {
    for (const global of this.globalsAt(twins)) if (global !== null) this.addFlag(global, EVENT_FLAGS.conflict);
  }

  private idsOf(field: DictionaryField): Map<string, number> {
    let ids = this.ids.get(field);
    if (!ids) this.ids.set(field, (ids = new Map(this.values[field].map((value, id) => [value, id]))));
    return ids;
  }

  private fractionOf(global: number): number | undefined {
    const k = this.segmentOf(global);
    return this.segments[k]!.timeFraction?.[global - this.starts[k]!];
  }

  /** Index of the segment holding global event `global` (binary search over segment starts). */
  private segmentOf(global: number): number {
    return lastAtMost(this.starts, global);
  }
}

/** The most fraction digits the segments' times were written with (shared/timeFraction). */
function mostDigits(segments: readonly SegmentRecord[]): number {
  let most = 0;
  for (const { timeFraction } of segments) {
    if (!timeFraction) {
      most = Math.max(most, 3);
      continue;
    }
    for (let row = 0; row < timeFraction.length; row++) most = Math.max(most, timeFraction[row]! % 16);
  }
  return most;
}

/** Each event's nanoseconds below the millisecond, as written (shared/timeFraction); undefined when no event has any. */
function subMilliseconds(segments: readonly SegmentRecord[], starts: Uint32Array, count: number): Uint32Array | undefined {
  let below: Uint32Array | undefined;
  segments.forEach(({ timeFraction }, k) => {
    if (!timeFraction) return;
    for (let row = 0; row < timeFraction.length; row++) {
      if (timeFraction[row]! < 16) continue;
      below ??= new Uint32Array(count);
      below[starts[k]! + row] = Math.floor(timeFraction[row]! / 16);
    }
  });
  return below;
}

/** Sub-millisecond parts of the events held and of those added after them (from global `first`), as one array; undefined when neither has any. */
function joined(held: Uint32Array | undefined, added: Uint32Array | undefined, first: number, count: number): Uint32Array | undefined {
  if (!held && !added) return undefined;
  const below = new Uint32Array(count);
  if (held) below.set(held);
  if (added) below.set(added, first);
  return below;
}
