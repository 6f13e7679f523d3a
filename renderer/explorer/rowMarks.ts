import { EVENT_FLAGS } from '../../shared/event';
import { printable } from '../../shared/printable';
import type { EventRow, MarkedFilter } from '../query/queryProtocol';
import { alteredText, DEEP_NESTING } from './eventFlags';

/** One symbol of the marks column and what it means, for its tooltip and accessible name. */
export interface Mark {
  symbol: string;
  meaning: string;
}

/** The investigator's marks, each with its own symbol; the Show menu names the events that have it with the same symbol. */
export const ANNOTATION_SYMBOLS: Record<Exclude<MarkedFilter, 'all' | 'marked' | 'conflicts'>, string> = { bookmarked: '★', tagged: '#', noted: '✎' };

/** The marks column of a row: bookmark, conflict, disagreeing CSV row, altered text, deep nesting, tags and note, in that order, each only when present. */
export function rowMarks(row: Pick<EventRow, 'flags' | 'bookmarked' | 'tags' | 'noted'>): Mark[] {
  const altered = alteredText(row.flags);
  const marks: (Mark | false)[] = [
    row.bookmarked && { symbol: ANNOTATION_SYMBOLS.bookmarked, meaning: 'Bookmarked' },
    (row.flags & EVENT_FLAGS.conflict) !== 0 && { symbol: '⚠', meaning: 'Conflict: another event has this eventID with different content' },
    (row.flags & EVENT_FLAGS.copyDisagrees) !== 0 && { symbol: '≠', meaning: 'A CSV row of this eventID and its full event disagree on a field' },
    altered.length > 0 && { symbol: '�', meaning: altered.join(' ') },
    (row.flags & EVENT_FLAGS.deepNesting) !== 0 && { symbol: '≋', meaning: DEEP_NESTING },
    row.tags.length > 0 && { symbol: ANNOTATION_SYMBOLS.tagged, meaning: `Tagged: ${printable(row.tags.join(', '))}` },
    row.noted && { symbol: ANNOTATION_SYMBOLS.noted, meaning: 'Has a note' },
  ];
  return marks.filter((mark) => mark !== false);
}
