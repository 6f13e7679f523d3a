import { describe, expect, it } from 'vitest';
import { columnWidth } from '../../../renderer/explorer/columns';

describe('listing columns', () => {
  it('widens the time column past milliseconds only', () => {
    expect([columnWidth('time', 0), columnWidth('time', 3), columnWidth('time', 6), columnWidth('time', 9), columnWidth('region', 9)]).toEqual(['186px', '186px', '209px', '232px', 'minmax(110px, 0.4fr)']);
  });
});
