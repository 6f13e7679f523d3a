import { DICTIONARY_FIELDS, type DictionaryField } from '../../shared/event';
import type { DictionaryEntry, SegmentRecord } from '../db/caseDb';

/** One event as the list shows it: decoded fields, no original text. */
export type EventRow = Record<DictionaryField, string> & { time: number; segment: number; row: number };

/**
 * The open case's columns in memory, with a time order over all events (unknown times last,
 * ties in storage order). Answers counts and pages by scanning typed arrays, never the texts.
 */
export class CaseIndex {
  readonly count: number;
  readonly minTime: number;
  readonly maxTime: number;
  private readonly starts: Uint32Array;
  private readonly order: Uint32Array;

  constructor(
    private readonly segments: readonly SegmentRecord[],
    private readonly values: Record<DictionaryField, string[]>,
  ) {
    this.starts = new Uint32Array(segments.length);
    let count = 0;
    segments.forEach((segment, k) => {
      this.starts[k] = count;
      count += segment.count;
    });
    this.count = count;
    const times = new Float64Array(count);
    let minTime = Infinity;
    let maxTime = -Infinity;
    segments.forEach((segment, k) => {
      times.set(segment.time, this.starts[k]);
      if (segment.minTime < minTime) minTime = segment.minTime;
      if (segment.maxTime > maxTime) maxTime = segment.maxTime;
    });
    this.minTime = minTime;
    this.maxTime = maxTime;
    for (let i = 0; i < count; i++) if (Number.isNaN(times[i])) times[i] = Infinity;
    this.order = new Uint32Array(count).map((_, i) => i);
    this.order.sort((a, b) => times[a]! - times[b]! || a - b);
  }

  static fromStore(segments: readonly SegmentRecord[], dictionary: readonly DictionaryEntry[]): CaseIndex {
    const values = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, [] as string[]])) as Record<DictionaryField, string[]>;
    for (const entry of dictionary) values[entry.field][entry.id] = entry.value;
    return new CaseIndex([...segments].sort((a, b) => a.id - b.id), values);
  }

  /** Index of the segment holding global row `global` (binary search over segment starts). */
  private segmentOf(global: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= global) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Rows at time-ordered positions [offset, offset + limit). */
  rows(offset: number, limit: number): EventRow[] {
    const rows: EventRow[] = [];
    for (let position = offset; position < Math.min(this.count, offset + limit); position++) {
      const global = this.order[position]!;
      const k = this.segmentOf(global);
      const segment = this.segments[k]!;
      const row = global - this.starts[k]!;
      const decoded = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, this.values[field][segment.columns[field][row]!] ?? ''])) as Record<DictionaryField, string>;
      rows.push({ ...decoded, time: segment.time[row]!, segment: segment.id, row });
    }
    return rows;
  }
}
