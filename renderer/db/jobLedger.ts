import { errorCount } from '../../shared/event';
import { formatCount } from '../format';
import type { ConflictRecord, FileRecord, ImportMark, SegmentRecord } from './caseDb';

type StoredPart = Pick<SegmentRecord, 'count' | 'file' | 'index'>;

/** Per file: how many of its events are stored, and the highest index among them. */
type Progress = Map<number, { count: number; last: number }>;

function addSegment(progress: Progress, segment: StoredPart): void {
  for (let row = 0; row < segment.count; row++) {
    const file = segment.file[row]!;
    const entry = progress.get(file) ?? { count: 0, last: -1 };
    entry.count++;
    entry.last = Math.max(entry.last, segment.index[row]!);
    progress.set(file, entry);
  }
}

/**
 * What a job has told the writer that must not be stored before its events are: a file's record
 * (which counts them) and a conflict (which points at one). Each is released in the transaction
 * that stores the last event it refers to, so a case never counts an event it does not hold,
 * even when storing stops half-way (a full disk).
 */
export class JobLedger {
  private readonly files = new Map<number, FileRecord>();
  private readonly recorded = new Set<number>();
  /** Files being read whose records have not come, as far as the job last said (a batch's `inProgress`, or `reading` as it started one). */
  private readonly reading = new Map<number, FileRecord>();
  private conflicts: ConflictRecord[] = [];
  private readonly stored: Progress = new Map();
  /**
   * The errors in the job's file records stored so far (see committed), as the Evidence panel
   * counts them: with those the case adds when the job or its storing stops (see stopped), which
   * the job never counted, so that the import's summary says what the panel then shows.
   */
  errors = 0;

  fileArrived(record: FileRecord): void {
    this.reading.delete(record.id);
    this.files.set(record.id, record);
  }

  /** Notes what the job says of files being read whose records have not come: a batch's `inProgress`, the file on disk it starts. */
  filesReading(records: FileRecord[]): void {
    for (const record of records) this.reading.set(record.id, record);
  }

  conflictArrived(record: ConflictRecord): void {
    this.conflicts.push(record);
  }

  /** What the job told of that is not stored once `written` is (see ImportMark): files being read, records and conflicts waiting for their events. */
  pending(written: { files: FileRecord[]; conflicts: ConflictRecord[] }): Pick<ImportMark, 'reading' | 'arrived' | 'conflicts'> {
    return {
      reading: [...this.reading.values()],
      arrived: [...this.files.values()].filter((file) => !written.files.includes(file)),
      conflicts: this.conflicts.filter((conflict) => !written.conflicts.includes(conflict)),
    };
  }

  /** The records complete once `segment` is stored as well (none is taken out yet). */
  completeWith(segment?: StoredPart): { files: FileRecord[]; conflicts: ConflictRecord[] } {
    // Only the segment's own files are counted afresh: a job's files number in the thousands.
    const added: Progress = new Map();
    if (segment) addSegment(added, segment);
    const count = (file: number) => (this.stored.get(file)?.count ?? 0) + (added.get(file)?.count ?? 0);
    const last = (file: number) => Math.max(this.stored.get(file)?.last ?? -1, added.get(file)?.last ?? -1);
    return {
      files: [...this.files.values()].filter((file) => count(file.id) >= file.events),
      conflicts: this.conflicts.filter((conflict) => last(conflict.second.file) >= conflict.second.index),
    };
  }

  /** Notes that `segment` and the given records (complete ones, or those `stopped` gave) are now stored. */
  committed(segment: StoredPart | undefined, records: { files: FileRecord[]; conflicts: ConflictRecord[] }): void {
    if (segment) addSegment(this.stored, segment);
    for (const file of records.files) {
      this.files.delete(file.id);
      this.recorded.add(file.id);
      this.errors += errorCount(file);
    }
    this.conflicts = this.conflicts.filter((conflict) => !records.conflicts.includes(conflict));
  }

  /**
   * When storing stops for good: every file with events in the case, recorded as far as they
   * are stored and saying why the rest is missing and after which event (a file whose record never
   * came as the job last said it was read, with no hashes), files that arrived whole (none of their
   * events was to be stored), and the conflicts whose events are both stored. With `everyFile` (the
   * job itself ended early: main then records the files it never reached), also the files none of
   * whose events got in: one being read (the job died on its first bytes) as the job last said it
   * was read, and those whose records came before their batches. Without it (storing failed and the
   * job was cancelled, the files it never reached unknown), those are left out like the rest.
   */
  stopped(reason: string, job: FileRecord['job'], fileBase: number, everyFile: boolean): { files: FileRecord[]; conflicts: ConflictRecord[] } {
    const kept = (id: number) => this.stored.get(id)?.count ?? 0;
    const unrecorded = [...this.stored.keys()]
      .filter((id) => !this.files.has(id) && !this.recorded.has(id))
      .map((id): FileRecord => {
        const { count, last } = this.stored.get(id)!;
        const message = `${reason}: the case holds ${formatCount(count)} of this file's events; the rest of it is not in the case`;
        const known = this.reading.get(id) ?? { id, job, index: id - fileBase, path: '', container: [], format: 'unknown', size: 0, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0, issues: [] };
        return { ...known, events: count, issues: [...known.issues, { severity: 'error', message, location: `after event ${last}`, stopped: true }] };
      });
    const untaken = [...this.reading.values()]
      .filter((file) => everyFile && !this.stored.has(file.id) && !this.files.has(file.id) && !this.recorded.has(file.id))
      .map((file): FileRecord => ({ ...file, events: 0, issues: [...file.issues, { severity: 'error', message: `${reason}: the case holds none of this file's events`, location: '', stopped: true }] }));
    const arrived = [...this.files.values()].filter((file) => everyFile || file.events === 0 || kept(file.id) > 0);
    const partial = arrived.map((file): FileRecord => {
      if (kept(file.id) >= file.events) return file;
      const message = `${reason}: ${formatCount(kept(file.id))} of its ${formatCount(file.events)} events are in the case`;
      return { ...file, events: kept(file.id), issues: [...file.issues, { severity: 'error', message, location: '', stopped: true }] };
    });
    return { files: [...partial, ...unrecorded, ...untaken], conflicts: this.completeWith().conflicts };
  }
}
