import { describe, expect, it } from 'vitest';
import { conflictingCopies, counted } from '../../../shared/counted';

describe('counted', () => {
  it('puts the noun in the plural for any count but one', () => {
    expect([0, 1, 2].map((n) => counted(n, 'event'))).toEqual(['0 events', '1 event', '2 events']);
    expect(counted(1234, 'event', '1,234')).toBe('1,234 events');
  });

  it("tells the import's conflict count as what it counts: the later copies", () => {
    expect([1, 288].map((n) => conflictingCopies(n))).toEqual(['1 conflicting copy', '288 conflicting copies']);
    expect(conflictingCopies(1288, '1,288')).toBe('1,288 conflicting copies');
  });
});
