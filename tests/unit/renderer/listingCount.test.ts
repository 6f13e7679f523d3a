import { describe, expect, it } from 'vitest';
import { listingCount } from '../../../renderer/explorer/listingCount';

describe('listingCount', () => {
  it('says how many events the case holds when nothing narrows the listing', () => {
    expect([listingCount(30_473, 30_473, false), listingCount(1, 1, false), listingCount(0, 0, false)]).toEqual(['30,473 events', '1 event', '0 events']);
  });

  it('says how many of the case’s events a filter or Show choice keeps, none or all of them too', () => {
    expect([listingCount(128, 30_473, true), listingCount(1, 30_473, true), listingCount(0, 30_473, true), listingCount(30_473, 30_473, true), listingCount(0, 1, true)]).toEqual([
      '128 of 30,473 events',
      '1 of 30,473 events',
      '0 of 30,473 events',
      '30,473 of 30,473 events',
      '0 of 1 event',
    ]);
  });
});
