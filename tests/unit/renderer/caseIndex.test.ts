import { describe, expect, it } from 'vitest';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { CaseIndex } from '../../../renderer/query/caseIndex';
import type { DictionaryEntry, SegmentRecord } from '../../../renderer/db/caseDb';
import { event } from './event';

function store(segmentsOfTimes: number[][]): { segments: SegmentRecord[]; dictionary: DictionaryEntry[] } {
  const dictionary = new DictionaryEncoder();
  const builder = new SegmentBuilder(dictionary);
  const segments = segmentsOfTimes.map((times, k) => {
    times.forEach((time, i) => builder.add(event({ time, eventName: `E${k}.${i}` }), 0));
    return builder.take(k).segment;
  });
  return { segments, dictionary: dictionary.takeChanges() };
}

describe('CaseIndex', () => {
  const { segments, dictionary } = store([[50, NaN, 10], [40, 10], [5]]);
  // Stored out of order, as a query may read them.
  const index = CaseIndex.fromStore([segments[2]!, segments[0]!, segments[1]!], dictionary);

  it('counts events and spans known times', () => {
    expect([index.count, index.minTime, index.maxTime]).toEqual([6, 5, 50]);
  });

  it('orders all events by time across segments, ties in storage order, unknown times last', () => {
    expect(index.rows(0, 10).map((r) => [r.time, r.eventName])).toEqual([
      [5, 'E2.0'], [10, 'E0.2'], [10, 'E1.1'], [40, 'E1.0'], [50, 'E0.0'], [NaN, 'E0.1'],
    ]);
  });

  it('pages', () => {
    expect(index.rows(2, 2).map((r) => [r.segment, r.row])).toEqual([[1, 1], [1, 0]]);
    expect(index.rows(6, 10)).toEqual([]);
  });

  it('is empty for an empty case', () => {
    const empty = CaseIndex.fromStore([], []);
    expect([empty.count, empty.minTime, empty.rows(0, 5)]).toEqual([0, Infinity, []]);
  });
});
