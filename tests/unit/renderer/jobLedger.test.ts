import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../../../renderer/db/caseDb';
import { JobLedger } from '../../../renderer/db/jobLedger';

const JOB = 'job-00000000-0000-0000-0000-000000000000';
const record = (id: number, events: number): FileRecord => ({ id, job: JOB, index: id - 10, path: `f${id}.json`, container: [], format: 'cloudtrail-records', size: 1, sha256: 'a', contentSha256: 'a', s3Key: '', events, duplicates: 0, conflicts: 0, issues: [] });
const segment = (places: [number, number][]) => ({ count: places.length, file: Uint32Array.from(places, (p) => p[0]), index: Uint32Array.from(places, (p) => p[1]) });

describe('JobLedger', () => {
  it('releases a file record and a conflict with the segment that stores their last event', () => {
    const ledger = new JobLedger();
    ledger.fileArrived(record(10, 3));
    ledger.conflictArrived({ eventId: 'e', job: JOB, first: { file: 10, index: 0 }, second: { file: 10, index: 2 } });
    expect(ledger.completeWith()).toEqual({ files: [], conflicts: [] });
    const first = segment([[10, 0], [10, 1]]);
    expect(ledger.completeWith(first)).toEqual({ files: [], conflicts: [] });
    ledger.committed(first, { files: [], conflicts: [] });
    const second = segment([[10, 2]]);
    const complete = ledger.completeWith(second);
    expect(complete.files.map((f) => f.id)).toEqual([10]);
    expect(complete.conflicts).toHaveLength(1);
    ledger.committed(second, complete);
    expect(ledger.completeWith()).toEqual({ files: [], conflicts: [] });
    expect(ledger.stopped('Import stopped: x', JOB, 10, true)).toEqual({ files: [], conflicts: [] });
  });

  it("gives, for the import's mark, what is not stored once a transaction's records are: files being read, records and conflicts waiting", () => {
    const ledger = new JobLedger();
    const reading = { ...record(12, 0), sha256: '', contentSha256: '' };
    ledger.filesReading([reading]);
    ledger.fileArrived(record(10, 1));
    ledger.fileArrived(record(11, 2));
    const waiting = { eventId: 'w', job: JOB, first: { file: 10, index: 0 }, second: { file: 11, index: 1 } };
    const done = { eventId: 'd', job: JOB, first: { file: 10, index: 0 }, second: { file: 10, index: 0 } };
    ledger.conflictArrived(waiting);
    ledger.conflictArrived(done);
    const written = ledger.completeWith(segment([[10, 0], [12, 0]]));
    expect(written.files.map((f) => f.id)).toEqual([10]);
    expect(ledger.pending(written)).toEqual({ reading: [reading], arrived: [record(11, 2)], conflicts: [waiting] });
    expect(ledger.pending({ files: [], conflicts: [] })).toEqual({ reading: [reading], arrived: [record(10, 1), record(11, 2)], conflicts: [waiting, done] });
  });

  it('when storing stopped, records each file as far as it is stored, including one whose record never came, and none with no event in; when the job ended early, that one too', () => {
    const ledger = new JobLedger();
    ledger.fileArrived(record(10, 4));
    ledger.fileArrived(record(13, 5));
    ledger.conflictArrived({ eventId: 'e', job: JOB, first: { file: 10, index: 0 }, second: { file: 12, index: 9 } });
    const stored = segment([[10, 0], [10, 1], [11, 0]]);
    ledger.committed(stored, ledger.completeWith(stored));
    // Arrived whole (no event to store) while a transaction was under way, so not yet written.
    ledger.fileArrived(record(14, 0));
    const { files, conflicts } = ledger.stopped('Import stopped: full', JOB, 10, false);
    expect(conflicts).toEqual([]);
    const listed = (records: FileRecord[]) => records.map((f) => [f.id, f.index, f.path, f.events, f.issues.map((i) => i.message)]);
    expect(listed(files)).toEqual([
      [10, 0, 'f10.json', 2, ['Import stopped: full: 2 of its 4 events are in the case']],
      [14, 4, 'f14.json', 0, []],
      [11, 1, '', 1, ["Import stopped: full: the case holds 1 of this file's events; the rest of it is not in the case"]],
    ]);
    expect(listed(ledger.stopped('Import stopped: died', JOB, 10, true).files)).toEqual([
      [10, 0, 'f10.json', 2, ['Import stopped: died: 2 of its 4 events are in the case']],
      [13, 3, 'f13.json', 0, ['Import stopped: died: 0 of its 5 events are in the case']],
      [14, 4, 'f14.json', 0, []],
      [11, 1, '', 1, ["Import stopped: died: the case holds 1 of this file's events; the rest of it is not in the case"]],
    ]);
  });

  it("names a file whose record never came as the job's batches said it was read, with the events stored of it and where they end", () => {
    const ledger = new JobLedger();
    const reading = (events: number): FileRecord => ({
      ...record(11, events), path: 'logs/b-large.ndjson', container: ['/evidence/evidence.zip'], format: 'ndjson', size: 40_000_000, sha256: '', contentSha256: '', duplicates: 2,
      issues: [{ severity: 'error', message: 'line 7: malformed JSON', location: 'line 7, byte 2400' }],
    });
    ledger.filesReading([reading(4094)]);
    const first = segment(Array.from({ length: 4096 }, (_, n): [number, number] => (n < 2 ? [10, n] : [11, n - 2])));
    ledger.committed(first, ledger.completeWith(first));
    const { files } = ledger.stopped('Import stopped: the disk is full', JOB, 10, false);
    expect(files.filter((f) => f.id === 11)).toEqual([
      {
        ...reading(4094), events: 4094,
        issues: [
          { severity: 'error', message: 'line 7: malformed JSON', location: 'line 7, byte 2400' },
          { severity: 'error', message: "Import stopped: the disk is full: the case holds 4,094 of this file's events; the rest of it is not in the case", location: 'after event 4093', stopped: true },
        ],
      },
    ]);
    expect(files.map((f) => f.path)).toEqual(['', 'logs/b-large.ndjson']);
  });

  it('names a file the job had started none of whose events is in the case, as the job announced it, with no hashes and why', () => {
    const ledger = new JobLedger();
    const announced = (id: number, path: string): FileRecord => ({ ...record(id, 0), path, format: 'unknown', size: 11_400_000, sha256: '', contentSha256: '' });
    ledger.filesReading([announced(10, 'a.json')]);
    ledger.fileArrived(record(10, 2));
    const stored = segment([[10, 0], [10, 1]]);
    ledger.committed(stored, ledger.completeWith(stored));
    // The job died reading b-large's first bytes: it had announced it, and sent nothing of it.
    ledger.filesReading([announced(11, 'b-large.ndjson')]);
    // c.json was read whole and its record came; its events were in the batch the job died sending.
    ledger.filesReading([announced(12, 'c.json')]);
    ledger.fileArrived(record(12, 3));
    const { files } = ledger.stopped('Import stopped: ingest stopped unexpectedly (exit code 7)', JOB, 10, true);
    expect(files).toEqual([
      { ...record(12, 0), issues: [{ severity: 'error', message: 'Import stopped: ingest stopped unexpectedly (exit code 7): 0 of its 3 events are in the case', location: '', stopped: true }] },
      { ...announced(11, 'b-large.ndjson'), issues: [{ severity: 'error', message: "Import stopped: ingest stopped unexpectedly (exit code 7): the case holds none of this file's events", location: '', stopped: true }] },
    ]);
  });

  it("counts the errors in the records stored, the file's own and those the stop adds, as the Evidence panel does", () => {
    const ledger = new JobLedger();
    const withOwn: FileRecord = {
      ...record(10, 2),
      issues: [
        { severity: 'error', message: 'item 5: not an event', location: 'item 5' },
        { severity: 'warning', message: 'an odd field', location: 'item 1' },
      ],
    };
    ledger.fileArrived(withOwn);
    const stored = segment([[10, 0], [10, 1]]);
    ledger.committed(stored, ledger.completeWith(stored));
    expect(ledger.errors).toBe(1);
    // The job dies reading f11 (announced, none of it stored) with f12's record come and its 3 events lost with it.
    ledger.filesReading([{ ...record(11, 0), sha256: '', contentSha256: '' }]);
    ledger.fileArrived(record(12, 3));
    const stop = ledger.stopped('Import stopped: ingest stopped unexpectedly (exit code 7)', JOB, 10, true);
    expect(stop.files.map((f) => [f.id, f.issues.length])).toEqual([[12, 1], [11, 1]]);
    ledger.committed(undefined, stop);
    expect(ledger.errors).toBe(3);
  });
});
