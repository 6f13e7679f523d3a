import { describe, expect, it } from 'vitest';
import type { IngestIssue } from '../../../shared/event';
import type { FileRecord } from '../../../renderer/db/caseDb';
import { conflictedEvents, distinctEvidence } from '../../../renderer/query/distinctEvidence';
import { summarizeEvidence } from '../../../renderer/query/evidenceListing';

const record = (id: number, changes: Partial<FileRecord>): FileRecord => ({
  id, job: `job-${id}`, index: 0, path: '/evidence/a.json', container: [], format: 'records', size: 100, sha256: 'aa', contentSha256: 'aa', s3Key: '',
  events: 0, duplicates: 0, conflicts: 0, issues: [], ...changes,
});
const figures = (files: FileRecord[], conflicted = new Map<number, number>()) => distinctEvidence(files, conflicted).map(({ id, additions, events, duplicates, conflicts, issues }) => ({ id, additions, events, duplicates, conflicts, issues: issues.map((issue) => issue.message) }));
/** An entry as the panel tells it: its figures, its problems, and the errors of its readings that stopped (by reading, counted from 1). */
const told = (files: FileRecord[]) =>
  distinctEvidence(files, new Map()).map(({ id, path, sha256, format, size, additions, events, duplicates, issues, stops }) => ({
    id, path, sha256, format, size, additions, events, duplicates, issues: issues.map((issue) => issue.message), stops: stops.map(({ reading, issue }) => [reading, issue.location, issue.message]),
  }));
const stop = (message: string, location = ''): IngestIssue => ({ severity: 'error', message, location, stopped: true });
/** A file as a stopped import recorded it: no hashes, as the walk or the job last saw it. */
const cut = (id: number, path: string, size: number, issue: IngestIssue, changes: Partial<FileRecord> = {}): FileRecord => record(id, { path, format: 'unknown', size, sha256: '', contentSha256: '', issues: [issue], ...changes });
const DIED = 'ingest stopped unexpectedly (exit code 7)';

describe('distinctEvidence', () => {
  it('lists a file added again once, counting its events and duplicates as one reading', () => {
    const skipped = { severity: 'error' as const, message: 'malformed JSON', location: 'line 3' };
    expect(figures([record(1, { events: 90, duplicates: 10, conflicts: 2, issues: [skipped] }), record(4, { events: 0, duplicates: 100, issues: [skipped] })], new Map([[1, 2]]))).toEqual([
      { id: 1, additions: 2, events: 90, duplicates: 10, conflicts: 2, issues: ['malformed JSON'] },
    ]);
  });

  it('adds up an import stopped inside a file and the one that completed it; the stop is history, no longer an error', () => {
    const stopped = stop('Import stopped: the disk is full: 192 of its 2,000 events are in the case');
    expect(told([record(5, { events: 192, issues: [stopped] }), record(9, { events: 1808, duplicates: 192 })])).toEqual([
      { id: 9, path: '/evidence/a.json', sha256: 'aa', format: 'records', size: 100, additions: 2, events: 2000, duplicates: 0, issues: [], stops: [[1, '', stopped.message]] },
    ]);
  });

  it('keeps apart the entries of one archive that share a name and content (a zip bomb of overlapping entries), each with its own figures, and matches them up when the archive is added again', () => {
    const bomb = { path: 'same.json', container: ['/evidence/bomb.zip'], sha256: 'cc' };
    const first = [record(1, { ...bomb, job: 'a', events: 1, duplicates: 1799 }), record(2, { ...bomb, job: 'a', duplicates: 1800 }), record(3, { ...bomb, job: 'a', duplicates: 1800 })];
    expect(figures(first)).toEqual([
      { id: 1, additions: 1, events: 1, duplicates: 1799, conflicts: 0, issues: [] },
      { id: 2, additions: 1, events: 0, duplicates: 1800, conflicts: 0, issues: [] },
      { id: 3, additions: 1, events: 0, duplicates: 1800, conflicts: 0, issues: [] },
    ]);
    const again = [record(7, { ...bomb, job: 'b', duplicates: 1800 }), record(8, { ...bomb, job: 'b', duplicates: 1800 }), record(9, { ...bomb, job: 'b', duplicates: 1800 })];
    expect(figures([...first, ...again]).map(({ id, additions, events, duplicates }) => [id, additions, events, duplicates])).toEqual([
      [1, 2, 1, 1799],
      [2, 2, 0, 1800],
      [3, 2, 0, 1800],
    ]);
  });

  it('after an ingest worker died, the same evidence added again: each file is one entry, read whole, saying the first import stopped and why', () => {
    const files = [
      // a.json read whole, its record came, its 3 events were in the batch the worker died sending.
      record(10, { path: '/e/a.json', sha256: 'aa', issues: [stop(`Import stopped: ${DIED}: 0 of its 3 events are in the case`)] }),
      // b.ndjson announced, 1,021 of its events stored, its record never came.
      cut(11, '/e/b.ndjson', 400_000, stop(`Import stopped: ${DIED}: the case holds 1,021 of this file's events; the rest of it is not in the case`, 'after event 1020'), { format: 'ndjson', events: 1021 }),
      cut(12, '/e/c.json', 120, stop(`not read: the import stopped before it because of an error: ${DIED}`)),
      record(20, { path: '/e/a.json', sha256: 'aa', events: 3 }),
      record(21, { path: '/e/b.ndjson', format: 'ndjson', size: 400_000, sha256: 'bb', events: 3979, duplicates: 1021 }),
      record(22, { path: '/e/c.json', size: 120, sha256: 'cc', events: 1 }),
    ];
    expect(told(files)).toEqual([
      { id: 20, path: '/e/a.json', sha256: 'aa', format: 'records', size: 100, additions: 2, events: 3, duplicates: 0, issues: [], stops: [[1, '', `Import stopped: ${DIED}: 0 of its 3 events are in the case`]] },
      { id: 21, path: '/e/b.ndjson', sha256: 'bb', format: 'ndjson', size: 400_000, additions: 2, events: 5000, duplicates: 0, issues: [], stops: [[1, 'after event 1020', `Import stopped: ${DIED}: the case holds 1,021 of this file's events; the rest of it is not in the case`]] },
      { id: 22, path: '/e/c.json', sha256: 'cc', format: 'records', size: 120, additions: 2, events: 1, duplicates: 0, issues: [], stops: [[1, '', `not read: the import stopped before it because of an error: ${DIED}`]] },
    ]);
    expect(summarizeEvidence(distinctEvidence(files, new Map()))).toMatchObject({ files: 3, events: 5004, withErrors: 0, warningsOnly: 0, withDuplicates: 0 });
  });

  it('a cancelled reading, re-read whole later or read whole before, keeps the problems found in the file once and its cancel as history', () => {
    const malformed = { severity: 'warning' as const, message: 'line 3: malformed JSON, skipped', location: 'line 3' };
    const cancelled = stop('the import was cancelled here: the rest of this file is not read', 'byte 262144');
    const partRead = (id: number) => cut(id, '/e/big.ndjson', 900_000, cancelled, { format: 'ndjson', events: 600, issues: [malformed, cancelled] });
    const whole = (id: number, events: number, duplicates: number) => record(id, { path: '/e/big.ndjson', format: 'ndjson', size: 900_000, sha256: 'dd', events, duplicates, issues: [malformed] });
    expect(told([partRead(1), whole(2, 1399, 600)])).toEqual([
      { id: 2, path: '/e/big.ndjson', sha256: 'dd', format: 'ndjson', size: 900_000, additions: 2, events: 1999, duplicates: 0, issues: [malformed.message], stops: [[1, 'byte 262144', cancelled.message]] },
    ]);
    // Read whole, then added again and cancelled: every event it took was a duplicate.
    expect(told([whole(1, 1999, 0), partRead(2)].map((file) => (file.id === 2 ? { ...file, events: 0, duplicates: 600 } : file)))).toEqual([
      { id: 1, path: '/e/big.ndjson', sha256: 'dd', format: 'ndjson', size: 900_000, additions: 2, events: 1999, duplicates: 0, issues: [malformed.message], stops: [[2, 'byte 262144', cancelled.message]] },
    ]);
  });

  it('keeps a stopped reading apart when no single complete reading is of its file: another size, two contents at its place, none read whole', () => {
    const notReached = stop(`not read: the import stopped before it because of an error: ${DIED}`);
    const files = [
      cut(1, '/e/a.json', 120, notReached),
      record(2, { path: '/e/a.json', size: 130, sha256: 'a2', events: 1 }),
      cut(3, '/e/b.json', 100, notReached),
      record(4, { path: '/e/b.json', sha256: 'b1', events: 1 }),
      record(5, { path: '/e/b.json', sha256: 'b2', events: 1 }),
      cut(6, '/e/c.json', 100, notReached),
      cut(7, '/e/c.json', 100, notReached),
      // Unreadable for a reason of its own, not the import's: not superseded.
      cut(8, '/e/d.json', 100, { severity: 'error', message: 'cannot read: EACCES', location: '' }),
      record(9, { path: '/e/d.json', sha256: 'd1', events: 1 }),
      // Read whole inside an archive: another place than on disk.
      record(10, { path: '/e/c.json', container: ['/e/x.zip'], sha256: 'c1', events: 1 }),
    ];
    expect(told(files).map(({ id, additions, issues, stops }) => [id, additions, issues.length, stops.length])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => [id, 1, [1, 3, 6, 7, 8].includes(id) ? 1 : 0, 0]));
  });

  it('keeps apart files that differ in path, archive chain or content, and records with no hash', () => {
    const files = [record(1, {}), record(2, { path: '/evidence/b.json' }), record(3, { container: ['/evidence/x.zip'] }), record(4, { sha256: 'bb' }), record(5, { sha256: '' }), record(6, { sha256: '' })];
    expect(distinctEvidence(files, new Map()).map((file) => [file.id, file.additions])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]);
  });

  it("counts a file's events with a conflicting copy, the first copy's file too, each event once", () => {
    // File 1 (an earlier import) holds the first copies of events at 3 and 7; file 2 a later copy of each, and both copies of its own pair 0/5;
    // a third copy of file 1's event 3 lies in file 4, read again as record 6.
    const twin = (first: [number, number], second: [number, number]) => ({ eventId: 'e', job: 'j', first: { file: first[0], index: first[1] }, second: { file: second[0], index: second[1] } });
    // A CSV row linked to its full event (a partial copy) is no conflict: file 5's row, and file 1's event 9 it stands for, are not counted.
    const copy = { ...twin([1, 9], [5, 0]), partial: 'second' as const };
    const conflicted = conflictedEvents([twin([1, 3], [2, 0]), twin([1, 7], [2, 1]), copy, twin([2, 0], [2, 5]), twin([1, 3], [4, 2])]);
    expect([...conflicted]).toEqual([[1, 2], [2, 3], [4, 1]]);
    // Ingest counted conflicts on the later copies' files only: 0 for file 1.
    const files = [record(1, { conflicts: 0 }), record(2, { path: '/evidence/b.json', conflicts: 3 }), record(4, { path: '/evidence/c.json', conflicts: 1 }), record(6, { path: '/evidence/c.json', conflicts: 0 })];
    expect(figures(files, conflicted).map(({ id, conflicts, additions }) => [id, conflicts, additions])).toEqual([[1, 2, 1], [2, 3, 1], [4, 1, 2]]);
  });
});
