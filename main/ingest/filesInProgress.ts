import type { EvidenceFile } from '../../shared/event';
import { asListed } from './fileTracker';

/** What became of a file's events as the job took them, and the index of the last one it took (-1: none yet). */
interface Tally {
  events: number;
  duplicates: number;
  conflicts: number;
  last: number;
}

/**
 * The files of one file on disk as the job takes them: the file itself (local index 0) and what
 * it holds, each by its index local to the file on disk, `base` being the first's index in the
 * job. It counts what became of their events and, from each output of events, knows the files
 * then being read, until each one's own record is taken: the job's batches name those, and when
 * it stops on an error they are recorded from what is known of them.
 */
export class FilesInProgress {
  private readonly tallies: Tally[] = [];
  private open: EvidenceFile[] = [];
  private readonly recorded = new Set<number>();

  constructor(
    readonly base: number,
    private readonly listed: { path: string; size: number },
  ) {}

  tally(local: number): Tally {
    return (this.tallies[local] ??= { events: 0, duplicates: 0, conflicts: 0, last: -1 });
  }

  /** Notes the files being read when an output of events was made (see ParsedEvents.open). */
  reading(open: EvidenceFile[]): void {
    this.open = open;
  }

  /** A file's own record, given what became of its events and its index in the job. */
  record(file: EvidenceFile): EvidenceFile {
    this.recorded.add(file.index);
    return this.counted(file);
  }

  /** The files being read that have events taken and no record yet, as far as they were read and taken. */
  unrecorded(): EvidenceFile[] {
    return this.open.filter((file) => !this.recorded.has(file.index) && this.tally(file.index).events > 0).map((file) => this.counted({ ...file }));
  }

  /**
   * Records the files being read when the job stopped on `error` (printable), innermost first: as far as
   * they were read when it last took their events (the file on disk as the walk listed it, when it
   * took none), with the events it took, no hashes, and an error saying why the rest is not read
   * and after which event it stopped.
   */
  stopped(error: string): EvidenceFile[] {
    const open = this.open.some((file) => file.index === 0) ? this.open : [this.asListed(), ...this.open];
    return open
      .filter((file) => !this.recorded.has(file.index))
      .sort((a, b) => b.index - a.index)
      .map((file) => {
        const { last } = this.tally(file.index);
        this.recorded.add(file.index);
        const issue = { severity: 'error' as const, stopped: true as const, message: `the import stopped here because of an error: ${error}; the rest of this file is not read`, location: last < 0 ? '' : `after event ${last}` };
        return this.counted({ ...file, issues: [...file.issues, issue] });
      });
  }

  /** The file on disk as the walk listed it, by its index in the job: what the job announces as it starts reading it. */
  announced(): EvidenceFile {
    return this.counted(this.asListed());
  }

  private asListed(): EvidenceFile {
    return asListed(0, this.listed);
  }

  private counted(file: EvidenceFile): EvidenceFile {
    const { events, duplicates, conflicts } = this.tally(file.index);
    return Object.assign(file, { index: this.base + file.index, events, duplicates, conflicts });
  }
}
