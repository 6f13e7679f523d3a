import { isConflict, type ConflictRecord } from '../db/caseDb';
import type { EventOrigin } from './caseIndex';

/**
 * Every other full copy of an eventID, given the case's records of that eventID and where the event
 * read is: each end of its conflicts but `here`, once, in the order read (by file, then item). Ingest
 * links each later copy to the first one only, so a third copy is reached from the second through
 * the first's records, not its own.
 */
export function conflictingCopies(records: readonly ConflictRecord[], here: EventOrigin): EventOrigin[] {
  const places = new Map<string, EventOrigin>();
  for (const { first, second } of records.filter(isConflict)) for (const place of [first, second]) places.set(`${place.file}:${place.index}`, place);
  places.delete(`${here.file}:${here.index}`);
  return [...places.values()].sort((a, b) => a.file - b.file || a.index - b.index);
}
