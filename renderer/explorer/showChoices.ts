import { capitalized } from '../../shared/listed';
import type { MarkedFilter } from '../query/queryProtocol';
import { ANNOTATION_SYMBOLS, ERROR_SYMBOL } from './rowMarks';

/** Each Show choice as the menu names it, in the menu's order, with the symbol of the mark it lists by. */
export const SHOW_CHOICES: Record<MarkedFilter, string> = {
  all: 'all events',
  failed: `failed calls ${ERROR_SYMBOL}`,
  marked: `marked events ${Object.values(ANNOTATION_SYMBOLS).join(' ')}`,
  bookmarked: `bookmarked events ${ANNOTATION_SYMBOLS.bookmarked}`,
  tagged: `tagged events ${ANNOTATION_SYMBOLS.tagged}`,
  noted: `events with a note ${ANNOTATION_SYMBOLS.noted}`,
  conflicts: 'events in conflict ⚠ ≠',
};

/** What the filter bar says the listing shows when no filter narrows it: the Show choice (`Events with a note ✎`), `All events` only when it shows them all. */
export const shownLabel = (marked: MarkedFilter): string => capitalized(SHOW_CHOICES[marked]);
