import { EVENT_FLAGS } from '../../shared/event';
import { printable, printableValue } from '../../shared/printable';
import { isSignIn } from '../../shared/signIn';
import type { ByMarks, EventRow } from '../query/queryProtocol';
import { alteredText, DEEP_NESTING } from './eventFlags';

/** One symbol of the marks column and what it means, for its tooltip and accessible name; `error` for a failed call's, drawn in the error colour. */
export interface Mark {
  symbol: string;
  meaning: string;
  error?: true;
}

/** The investigator's marks, each with its own symbol; the Show menu names the events that have it with the same symbol. */
export const ANNOTATION_SYMBOLS: Record<Exclude<ByMarks, 'marked' | 'conflicts'>, string> = { bookmarked: '★', tagged: '#', noted: '✎' };
/** A failed call's or sign-in's mark; the Show menu names the failed calls with it. */
export const ERROR_SYMBOL = '✖';

/**
 * A failed call's mark, named by its error code; a failed sign-in's by why it failed, when
 * CloudTrail says more than "Failure" (ingest stores that as its error: it has no error code).
 */
function errorMark({ errorCode, eventType, eventSource }: Pick<EventRow, 'errorCode' | 'eventType' | 'eventSource'>): Mark {
  const reason = printableValue(errorCode);
  const meaning = !isSignIn({ eventType, eventSource }) ? `Error: ${reason}` : reason === 'Failure' ? 'Failed sign-in' : `Failed sign-in: ${reason}`;
  return { symbol: ERROR_SYMBOL, meaning, error: true };
}

/**
 * The marks column of a row: bookmark, error (a failed call or sign-in), conflict, disagreeing CSV
 * row, altered text, deep nesting, tags and note, in that order, each only when present. The error
 * is marked here as well as in the Event and Error columns, which may be hidden.
 */
export function rowMarks(row: Pick<EventRow, 'flags' | 'bookmarked' | 'tags' | 'note' | 'errorCode' | 'eventType' | 'eventSource'>): Mark[] {
  const altered = alteredText(row.flags);
  const marks: (Mark | false)[] = [
    row.bookmarked && { symbol: ANNOTATION_SYMBOLS.bookmarked, meaning: 'Bookmarked' },
    row.errorCode !== '' && errorMark(row),
    (row.flags & EVENT_FLAGS.conflict) !== 0 && { symbol: '⚠', meaning: 'Conflict: another event has this eventID with different content' },
    (row.flags & EVENT_FLAGS.copyDisagrees) !== 0 && { symbol: '≠', meaning: 'A CSV row of this eventID and its full event (or, with none, another row of it) disagree on a field' },
    altered.length > 0 && { symbol: '�', meaning: altered.join(' ') },
    (row.flags & EVENT_FLAGS.deepNesting) !== 0 && { symbol: '≋', meaning: DEEP_NESTING },
    row.tags.length > 0 && { symbol: ANNOTATION_SYMBOLS.tagged, meaning: `Tagged: ${printable(row.tags.join(', '))}` },
    row.note !== '' && { symbol: ANNOTATION_SYMBOLS.noted, meaning: 'Has a note' },
  ];
  return marks.filter((mark) => mark !== false);
}
