import { describe, expect, it } from 'vitest';
import type { IngestProgress } from '../../../shared/ipc';
import { applyUpdate } from '../../../renderer/ingest/applyUpdate';
import type { IngestView } from '../../../renderer/store';

const JOB = 'job-00000000-0000-0000-0000-000000000000';
/** The job's last figures when its worker died: main counted the file it was in and the 2 it never reached. */
const progress: IngestProgress = { filesDone: 2, filesTotal: 4, bytesDone: 736, bytesTotal: 1_200_000, events: 1024, duplicates: 0, conflicts: 0, errors: 3 };
const running: IngestView = { job: JOB, progress, stored: 0, running: true, cancelled: false, error: null };
const ADD_AGAIN = 'Add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed.';

describe('applyUpdate', () => {
  it("ends a job that stopped on an error with the errors the case records of it, and what to do next", () => {
    const done = { type: 'done', job: JOB, progress, cancelled: false, error: 'ingest stopped unexpectedly (exit code 7)' } as const;
    // The case adds an error to a.json, whose 3 events were lost with the worker: 4 in its records.
    expect(applyUpdate(running, { kind: 'ingest', job: JOB, stored: 0, message: done, errors: 4 })).toEqual({
      ...running,
      progress: { ...progress, errors: 4 },
      running: false,
      error: `Import stopped: ingest stopped unexpectedly (exit code 7). ${ADD_AGAIN}`,
    });
  });

  it('ends a complete or cancelled job with the errors the case records of it, and no error', () => {
    const done = { type: 'done', job: JOB, progress: { ...progress, errors: 0 }, cancelled: true } as const;
    expect(applyUpdate(running, { kind: 'ingest', job: JOB, stored: 5, message: done, errors: 1 })).toEqual({ ...running, stored: 5, progress: { ...progress, errors: 1 }, running: false, cancelled: true });
  });

  it('ends a job whose storing failed with the errors the case then records, and the writer\'s text', () => {
    const view = applyUpdate(running, { kind: 'failed', job: JOB, stored: 8192, errors: 1, error: 'Import stopped: the disk is full (storage quota exceeded). …' });
    expect(view).toEqual({ ...running, stored: 8192, progress: { ...progress, errors: 1 }, running: false, error: 'Import stopped: the disk is full (storage quota exceeded). …' });
  });

  it("shows the job's own count while it runs", () => {
    const message = { type: 'progress', job: JOB, progress: { ...progress, errors: 2 } } as const;
    expect(applyUpdate(running, { kind: 'ingest', job: JOB, stored: 10, message })).toEqual({ ...running, stored: 10, progress: { ...progress, errors: 2 } });
  });
});
