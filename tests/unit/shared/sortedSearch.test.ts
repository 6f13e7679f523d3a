import { describe, expect, it } from 'vitest';
import { lastAtMost } from '../../../shared/sortedSearch';

describe('lastAtMost', () => {
  it('finds the last element at most the value, -1 below the first', () => {
    const sorted = Uint32Array.of(0, 4096, 8192, 8192, 12288);
    expect([-1, 0, 1, 4095, 4096, 8192, 9000, 12288, 99999].map((value) => lastAtMost(sorted, value))).toEqual([-1, 0, 0, 0, 1, 3, 3, 4, 4]);
    expect(lastAtMost([], 5)).toBe(-1);
  });
});
