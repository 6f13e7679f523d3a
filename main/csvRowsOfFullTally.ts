import type { EventPlace } from '../shared/ipc';
import type { JobMessage } from './ingest/pipeline';

/**
 * Counts a job's CSV rows of events it also read in full (see PARTIAL_KEY), each once, from its
 * messages in the order posted: what the app's case figure (csvRowsOfFull) is for a scan. A row is
 * linked to the first full event of its eventID, and again only to a later full event in conflict
 * with that one, whose conflict message comes just before its link: that link is not counted.
 */
export class CsvRowsOfFullTally {
  count = 0;
  /** Where the last event in conflict with an earlier copy was read. */
  private conflicting: EventPlace | null = null;

  take(message: JobMessage): void {
    if (message.type === 'conflict') this.conflicting = message.second;
    if (message.type !== 'copy') return;
    const { partial, second } = message;
    if (partial === 'first' && this.conflicting?.file === second.file && this.conflicting.index === second.index) return;
    this.count++;
  }
}
