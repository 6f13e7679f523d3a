import { describe, expect, it } from 'vitest';
import type { ConflictRecord } from '../../../renderer/db/caseDb';
import { conflictingCopies } from '../../../renderer/query/conflictingCopies';

const record = (first: [number, number], second: [number, number], partial?: 'first' | 'second'): ConflictRecord => ({
  eventId: 'e1',
  job: 'job-1',
  first: { file: first[0], index: first[1] },
  second: { file: second[0], index: second[1] },
  ...(partial && { partial }),
});

describe('conflictingCopies', () => {
  // Ingest links each later copy to the first: (A, B), (A, C), and a CSV row of A, which is no conflict.
  const records = [record([1, 0], [4, 2]), record([1, 0], [2, 7]), record([3, 0], [1, 0], 'first')];

  it('gives every other full copy of the eventID, from any of them, in the order read', () => {
    expect(conflictingCopies(records, { file: 1, index: 0 })).toEqual([
      { file: 2, index: 7 },
      { file: 4, index: 2 },
    ]);
    expect(conflictingCopies(records, { file: 4, index: 2 })).toEqual([
      { file: 1, index: 0 },
      { file: 2, index: 7 },
    ]);
    expect(conflictingCopies(records, { file: 2, index: 7 })).toEqual([
      { file: 1, index: 0 },
      { file: 4, index: 2 },
    ]);
  });

  it('gives the one other copy of a pair, and none from partial copies alone', () => {
    expect(conflictingCopies([record([1, 0], [4, 2])], { file: 4, index: 2 })).toEqual([{ file: 1, index: 0 }]);
    expect(conflictingCopies([record([3, 0], [1, 0], 'first')], { file: 1, index: 0 })).toEqual([]);
  });
});
