import { describe, expect, it } from 'vitest';
import { rowInView, topShowing } from '../../../renderer/explorer/rowInView';

// Rows 28 px high; a viewport of 280 px shows 9 rows whole below its header row.
describe('rowInView and topShowing', () => {
  it('take a row as in view only when whole below the header', () => {
    const viewport = { top: 280, height: 280 };
    expect([9, 10, 18, 19].map((position) => rowInView(position, viewport, 28))).toEqual([false, true, true, false]);
  });

  it('scroll the least that shows the row whole, and not at all when it is', () => {
    expect(topShowing(18, { top: 280, height: 140 }, 28)).toBe(420);
    expect(topShowing(5, { top: 280, height: 140 }, 28)).toBe(140);
    expect(topShowing(11, { top: 280, height: 140 }, 28)).toBe(280);
  });
});
