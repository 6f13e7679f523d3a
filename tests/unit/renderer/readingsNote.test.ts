import { describe, expect, it } from 'vitest';
import { ordinal, readingsNote } from '../../../renderer/case/readingsNote';

const stop = (reading: number) => ({ reading, issue: { severity: 'error' as const, message: 'stopped', location: '', stopped: true as const } });

describe('readingsNote', () => {
  it('says nothing of a file added once, and that a file added again counts its events once', () => {
    expect(readingsNote({ additions: 1, container: [], stops: [] })).toBeNull();
    expect(readingsNote({ additions: 3, container: [], stops: [] })).toBe('Added 3 times (same path and SHA-256): its events are counted once');
  });

  it('says which times the import stopped and which read the file whole, each time once', () => {
    expect(readingsNote({ additions: 2, container: [], stops: [stop(1)] })).toBe(
      'Added 2 times (same path): the 1st time, the import stopped before reading it whole (below); the 2nd time, it was read whole. The case holds all of it, its events counted once',
    );
    // The 2nd reading stopped twice over (where the reader was cut, then how much was stored); the 1st and 4th were whole.
    expect(readingsNote({ additions: 4, container: ['/e/x.zip'], stops: [stop(2), stop(2), stop(3)] })).toBe(
      'Added 4 times (same path and archives): the 2nd and 3rd times, the import stopped before reading it whole (below); the 1st and 4th times, it was read whole. The case holds all of it, its events counted once',
    );
  });

  it('tells ordinals as English does', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});
