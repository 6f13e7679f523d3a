import type { EventPlace } from '../shared/ipc';
import type { JobMessage } from './ingest/pipeline';

/**
 * Counts a job's CSV rows of calls counted already (see PARTIAL_KEY), each once, from its messages
 * in the order posted: what the app's case figure (csvRowsOfFull) is for a scan. A row is linked to
 * the first full event of its eventID, and again only to a later full event in conflict with that
 * one, whose conflict message comes just before its link: that link is not counted. Before any full
 * event of it, the first row stands for the call and each later row is counted (firstRow); the
 * first full event then links every row read before it, of which only the first was not counted.
 */
export class CsvRowsOfFullTally {
  count = 0;
  /** Where the last event in conflict with an earlier copy was read. */
  private conflicting: EventPlace | null = null;
  /** Where the full event of the last link to a row read before it was read. */
  private linking: EventPlace | null = null;

  take(message: JobMessage): void {
    if (message.type === 'conflict') this.conflicting = message.second;
    if (message.type === 'firstRow') this.count++;
    if (message.type !== 'copy') return;
    const { partial, second } = message;
    if (partial === 'first') {
      const again = samePlace(this.linking, second);
      this.linking = second;
      if (again || samePlace(this.conflicting, second)) return;
    }
    this.count++;
  }
}

const samePlace = (a: EventPlace | null, b: EventPlace): boolean => a?.file === b.file && a.index === b.index;
