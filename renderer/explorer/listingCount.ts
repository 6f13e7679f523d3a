import { counted } from '../../shared/counted';
import { formatCount } from '../format';

/**
 * What the listing's footer says of its events: how many the case holds when nothing narrows the
 * listing (`30,473 events`), else how many it shows of them (`128 of 30,473 events`), even when
 * a filter or Show choice keeps none or all of them, so that a narrowed listing never passes for
 * the whole case.
 */
export function listingCount(shown: number, inCase: number, narrowed: boolean): string {
  return narrowed ? `${formatCount(shown)} of ${counted(inCase, 'event', formatCount(inCase))}` : counted(shown, 'event', formatCount(shown));
}
