import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../../../renderer/db/caseDb';
import { conflictedEvents, distinctEvidence } from '../../../renderer/query/distinctEvidence';

const record = (id: number, changes: Partial<FileRecord>): FileRecord => ({
  id, job: `job-${id}`, index: 0, path: '/evidence/a.json', container: [], format: 'records', size: 100, sha256: 'aa', contentSha256: 'aa', s3Key: '',
  events: 0, duplicates: 0, conflicts: 0, issues: [], ...changes,
});
const figures = (files: FileRecord[], conflicted = new Map<number, number>()) => distinctEvidence(files, conflicted).map(({ id, additions, events, duplicates, conflicts, issues }) => ({ id, additions, events, duplicates, conflicts, issues: issues.map((issue) => issue.message) }));

describe('distinctEvidence', () => {
  it('lists a file added again once, counting its events and duplicates as one reading', () => {
    const skipped = { severity: 'error' as const, message: 'malformed JSON', location: 'line 3' };
    expect(figures([record(1, { events: 90, duplicates: 10, conflicts: 2, issues: [skipped] }), record(4, { events: 0, duplicates: 100, issues: [skipped] })], new Map([[1, 2]]))).toEqual([
      { id: 1, additions: 2, events: 90, duplicates: 10, conflicts: 2, issues: ['malformed JSON'] },
    ]);
  });

  it('adds up an import stopped inside a file and the one that completed it', () => {
    const stopped = { severity: 'error' as const, message: 'Import stopped: 192 of its 2,000 events are in the case', location: '' };
    expect(figures([record(5, { events: 192, issues: [stopped] }), record(9, { events: 1808, duplicates: 192 })])).toEqual([
      { id: 5, additions: 2, events: 2000, duplicates: 0, conflicts: 0, issues: [stopped.message] },
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
