import { describe, expect, it } from 'vitest';
import { listingCount, noEventsListed } from '../../../renderer/explorer/listingCount';
import type { Filter } from '../../../renderer/query/queryProtocol';

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

  it('says how many of those shown are CSV rows of events listed in full too, none said when none are', () => {
    expect([listingCount(9, 9, false, 4), listingCount(6, 9, true, 2), listingCount(3, 9, true, 1), listingCount(1_200, 30_473, true, 1_024), listingCount(3, 9, true, 0)]).toEqual([
      '9 events · 4 of them CSV rows of calls counted already',
      '6 of 9 events · 2 of them CSV rows of calls counted already',
      '3 of 9 events · 1 of them a CSV row of a call counted already',
      '1,200 of 30,473 events · 1,024 of them CSV rows of calls counted already',
      '3 of 9 events',
    ]);
  });

  it('says while the case’s import runs that the count is of the events listed so far, before any note of CSV rows', () => {
    expect([listingCount(4_096, 4_096, false, 0, true), listingCount(1, 1, false, 0, true), listingCount(128, 30_473, true, 0, true), listingCount(6, 9, true, 2, true)]).toEqual([
      '4,096 events listed so far',
      '1 event listed so far',
      '128 of 30,473 events listed so far',
      '6 of 9 events listed so far · 2 of them CSV rows of calls counted already',
    ]);
  });
});

describe('noEventsListed', () => {
  const actor: Filter = { field: 'actor', value: 'arn:aws:iam::111122223333:user/bob' };
  const tag: Filter = { kind: 'tag', value: 'exfil' };

  it('says that nothing matches and how to widen the listing: remove the filter, a filter, show all events', () => {
    expect(noEventsListed({ filters: [], marked: 'noted' })).toEqual({ said: 'No events match.', widen: 'Show all events to widen the listing.' });
    expect(noEventsListed({ filters: [actor], marked: 'all' })).toEqual({ said: 'No events match.', widen: 'Remove the filter to widen the listing.' });
    expect(noEventsListed({ filters: [actor, tag], marked: 'all' })).toEqual({ said: 'No events match.', widen: 'Remove a filter to widen the listing.' });
    expect(noEventsListed({ filters: [actor], marked: 'failed' })).toEqual({ said: 'No events match.', widen: 'Remove the filter or show all events to widen the listing.' });
    expect(noEventsListed({ filters: [actor, tag], marked: 'conflicts' })).toEqual({ said: 'No events match.', widen: 'Remove a filter or show all events to widen the listing.' });
  });

  it('says that the case holds no events yet when nothing narrows the listing, with nothing to widen', () => {
    expect(noEventsListed({ filters: [], marked: 'all' })).toEqual({ said: 'The case holds no events yet.', widen: '' });
  });
});
