import { capitalized } from '../../shared/listed';
import { counted, csvRowsOfFullEvents } from '../../shared/counted';
import { formatCount } from '../format';
import type { EventQuery } from '../query/queryProtocol';

/**
 * What the listing's footer says of its events: how many the case holds when nothing narrows the
 * listing (`30,473 events`), else how many it shows of them (`128 of 30,473 events`), even when
 * a filter or Show choice keeps none or all of them, so that a narrowed listing never passes for
 * the whole case; and how many of those shown are CSV rows of calls another of them stands for
 * (`csvRows`: see csvRowsOfFull), so that a call listed twice is never counted as two. While the
 * case's import runs (`importing`), it says the count is still growing (`30,473 events listed so
 * far`), as the case's figure does, so that it is not read as what the evidence holds.
 */
export function listingCount(shown: number, inCase: number, narrowed: boolean, csvRows = 0, importing = false): string {
  const events = narrowed ? `${formatCount(shown)} of ${counted(inCase, 'event', formatCount(inCase))}` : counted(shown, 'event', formatCount(shown));
  const count = importing ? `${events} listed so far` : events;
  return csvRows > 0 ? `${count} · ${csvRowsOfFullEvents(csvRows, formatCount(csvRows))}` : count;
}

/**
 * What the listing's body says when it lists no event: that none matches, and how to see more
 * (remove the filter or a filter, show all events); with nothing narrowing it, that the case holds
 * none yet (its evidence read so far held none), and nothing to widen.
 */
export function noEventsListed({ filters, marked }: Pick<EventQuery, 'filters' | 'marked'>): { said: string; widen: string } {
  const steps = [...(filters.length > 0 ? [filters.length === 1 ? 'remove the filter' : 'remove a filter'] : []), ...(marked !== 'all' ? ['show all events'] : [])];
  if (steps.length === 0) return { said: 'The case holds no events yet.', widen: '' };
  return { said: 'No events match.', widen: `${capitalized(steps.join(' or '))} to widen the listing.` };
}
