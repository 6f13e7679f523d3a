import { describe, expect, it } from 'vitest';
import { everyRowPair, otherRowsOfCall, rowsOfOneCall } from '../../../renderer/query/rowsOfOneCall';

describe('rowsOfOneCall', () => {
  it('pairs each later row of an eventID held only as rows with the first stored, and leaves out an eventID held whole', () => {
    // Rows 1, 4 and 6 of key 10; rows 2 and 5 of key 20, whose row 5 is linked to full event 3; row 7 alone of key 30.
    const rows = { globals: [1, 2, 4, 5, 6, 7], keys: [10, 20, 10, 20, 10, 30] };
    expect([...rowsOfOneCall(rows, Uint32Array.of(5, 3, 2, 3))]).toEqual([4, 1, 6, 1]);
  });

  it('pairs none without two rows of an eventID', () => {
    expect([...rowsOfOneCall({ globals: [0, 1], keys: [10, 20] }, new Uint32Array())]).toEqual([]);
    expect([...rowsOfOneCall({ globals: [], keys: [] }, new Uint32Array())]).toEqual([]);
  });
});

describe('everyRowPair and otherRowsOfCall', () => {
  // Rows 4 and 6 stand in for by row 1; row 9 by row 8.
  const pairs = Uint32Array.of(4, 1, 6, 1, 9, 8);

  it('gives every two rows of a call, the later first', () => {
    expect([...everyRowPair(pairs)]).toEqual([4, 1, 6, 1, 6, 4, 9, 8]);
  });

  it('gives the other rows of a row\'s call, the stand-in first, and none for an event of no such call', () => {
    expect([otherRowsOfCall(pairs, 1), otherRowsOfCall(pairs, 6), otherRowsOfCall(pairs, 9), otherRowsOfCall(pairs, 5)]).toEqual([[4, 6], [1, 4], [8], []]);
  });
});
