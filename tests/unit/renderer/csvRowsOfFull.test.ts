import { describe, expect, it } from 'vitest';
import type { ConflictRecord } from '../../../renderer/db/caseDb';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { CaseIndex } from '../../../renderer/query/caseIndex';
import { copyPairs, csvRowsOfFull } from '../../../renderer/query/csvRowsOfFull';
import { batchOf, event } from './event';

/** One segment of case file 7 holding `count` events, at indexes 0 to count - 1. */
function caseOf(count: number): CaseIndex {
  const dictionary = new DictionaryEncoder();
  const builder = new SegmentBuilder(dictionary);
  builder.add(batchOf(Array.from({ length: count }, (_, index) => event({ time: 1000 + index, eventName: 'GetObject', index }))), { keys: new Float64Array(count), digests: new Uint32Array(2 * count) }, 7);
  const { segment } = builder.take(0);
  return CaseIndex.fromStore([segment], dictionary.takeChanges(0));
}
const link = (first: number, second: number, partial: 'first' | 'second'): ConflictRecord => ({ eventId: `e${first}`, job: 'j', first: { file: 7, index: first }, second: { file: 7, index: second }, partial });

describe('copyPairs', () => {
  it('gives each copy the case holds as its CSV row then its full event, whichever was read first, and leaves out one it does not hold', () => {
    const index = caseOf(6);
    expect([...copyPairs(index, [link(0, 1, 'second'), link(2, 3, 'first'), link(4, 9, 'second'), { ...link(4, 5, 'first'), first: { file: 8, index: 4 } }])]).toEqual([1, 0, 2, 3]);
  });
});

describe('csvRowsOfFull', () => {
  // Rows 1 and 2 of event 0; row 4 of events 3 and 5 (a conflict's two copies).
  const pairs = Uint32Array.from([1, 0, 2, 0, 4, 3, 4, 5]);
  const listed = (...globals: number[]) => Uint32Array.from(globals);

  it('counts the listed rows whose full event is listed too, a row linked to two full events once', () => {
    expect(csvRowsOfFull(pairs, listed(0, 1, 2, 3, 4, 5, 6), 7)).toBe(3);
    expect(csvRowsOfFull(pairs, listed(5, 4, 3), 7)).toBe(1);
  });

  it('does not count a row whose full event is not listed, nor a full event whose rows are not', () => {
    expect(csvRowsOfFull(pairs, listed(1, 2, 4, 6), 7)).toBe(0);
    expect(csvRowsOfFull(pairs, listed(0, 3, 5), 7)).toBe(0);
    expect(csvRowsOfFull(pairs, listed(1, 0), 7)).toBe(1);
  });

  it('counts a row whose call another row stands for as a row of its full event, each row once', () => {
    // Pairs as the worker hands them: row 1 of full event 0, then rows 5 and 6 of a call row 4 stands for.
    const standIns = Uint32Array.from([1, 0, 5, 4, 6, 4]);
    expect([csvRowsOfFull(standIns, listed(0, 1, 4, 5, 6), 7), csvRowsOfFull(standIns, listed(4, 6), 7), csvRowsOfFull(standIns, listed(5, 6), 7)]).toEqual([3, 1, 0]);
  });

  it('counts none without copies or events', () => {
    expect([csvRowsOfFull(new Uint32Array(), listed(0, 1), 7), csvRowsOfFull(pairs, listed(), 7)]).toEqual([0, 0]);
  });
});
