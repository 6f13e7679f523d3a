import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../../../renderer/db/caseDb';
import { distinctEvidence } from '../../../renderer/query/distinctEvidence';

const record = (id: number, changes: Partial<FileRecord>): FileRecord => ({
  id, job: `job-${id}`, index: 0, path: '/evidence/a.json', container: [], format: 'records', size: 100, sha256: 'aa', contentSha256: 'aa', s3Key: '',
  events: 0, duplicates: 0, conflicts: 0, issues: [], ...changes,
});
const figures = (files: FileRecord[]) => distinctEvidence(files).map(({ id, additions, events, duplicates, conflicts, issues }) => ({ id, additions, events, duplicates, conflicts, issues: issues.map((issue) => issue.message) }));

describe('distinctEvidence', () => {
  it('lists a file added again once, counting its events and duplicates as one reading', () => {
    const skipped = { severity: 'error' as const, message: 'malformed JSON', location: 'line 3' };
    expect(figures([record(1, { events: 90, duplicates: 10, conflicts: 2, issues: [skipped] }), record(4, { events: 0, duplicates: 100, issues: [skipped] })])).toEqual([
      { id: 1, additions: 2, events: 90, duplicates: 10, conflicts: 2, issues: ['malformed JSON'] },
    ]);
  });

  it('adds up an import stopped inside a file and the one that completed it', () => {
    const stopped = { severity: 'error' as const, message: 'Import stopped: 192 of its 2,000 events are in the case', location: '' };
    expect(figures([record(5, { events: 192, issues: [stopped] }), record(9, { events: 1808, duplicates: 192 })])).toEqual([
      { id: 5, additions: 2, events: 2000, duplicates: 0, conflicts: 0, issues: [stopped.message] },
    ]);
  });

  it('keeps apart files that differ in path, archive chain or content, and records with no hash', () => {
    const files = [record(1, {}), record(2, { path: '/evidence/b.json' }), record(3, { container: ['/evidence/x.zip'] }), record(4, { sha256: 'bb' }), record(5, { sha256: '' }), record(6, { sha256: '' })];
    expect(distinctEvidence(files).map((file) => [file.id, file.additions])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]);
  });
});
