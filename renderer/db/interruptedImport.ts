import type { JobId } from '../../shared/ipc';
import type { CaseDb } from './caseDb';
import { JobLedger } from './jobLedger';

/** Why an import whose mark a case still holds stopped: nothing ended it but the app closing (or crashing). */
export const APP_CLOSED = 'the app closed while it ran';

/** What an import the app closed on left in its case: how many events it stored, and the errors in its files' records as the Evidence panel counts them. */
export interface InterruptedImport {
  job: JobId;
  stored: number;
  errors: number;
}

/**
 * Records what the import marked on `db` (see ImportMark) stored before the app closed, as a job that
 * stops does (JobLedger.stopped): each file it told of, as far as the case holds it, saying why the
 * rest is missing, and the conflicts whose events are stored; then takes the mark off, all in one
 * transaction. What it left, or null when the case holds no mark.
 */
export async function recordInterruptedImport(db: CaseDb): Promise<InterruptedImport | null> {
  return db.transaction('rw', [db.imports, db.segments, db.files, db.conflicts], async () => {
    const mark = await db.imports.toCollection().first();
    if (!mark) return null;
    const ledger = new JobLedger();
    ledger.filesReading(mark.reading);
    for (const file of mark.arrived) ledger.fileArrived(file);
    for (const conflict of mark.conflicts) ledger.conflictArrived(conflict);
    let stored = 0;
    await db.segments.where(':id').aboveOrEqual(mark.firstSegment).each((segment) => {
      ledger.committed(segment, { files: [], conflicts: [] });
      stored += segment.count;
    });
    ledger.committed(undefined, { files: await db.files.where(':id').aboveOrEqual(mark.fileBase).toArray(), conflicts: [] });
    const { files, conflicts } = ledger.stopped(`Import stopped: ${APP_CLOSED}`, mark.job, mark.fileBase, true);
    await db.files.bulkPut(files);
    await db.conflicts.bulkAdd(conflicts);
    await db.imports.delete(mark.job);
    ledger.committed(undefined, { files, conflicts });
    return { job: mark.job, stored, errors: ledger.errors };
  });
}
