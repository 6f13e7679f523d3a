import { describe, expect, it } from 'vitest';
import type { EvidenceEntry } from '../../../renderer/query/distinctEvidence';
import { filterEvidence, sortEvidence, summarizeEvidence, type EvidenceQuery } from '../../../renderer/query/evidenceListing';

const KEY = 'AWSLogs/111122223333/CloudTrail';
const entry = (id: number, changes: Partial<EvidenceEntry>): EvidenceEntry => ({
  id, job: 'job', index: id, path: `/evidence/${id}.json.gz`, container: [], format: 'cloudtrail-records', size: 100, sha256: 'aa', contentSha256: 'bb', s3Key: '',
  events: 1, duplicates: 0, conflicts: 0, issues: [], additions: 1, stops: [], ...changes,
});
const error = { severity: 'error' as const, message: 'gzip data is corrupt or truncated', location: 'byte 40' };
const warning = { severity: 'warning' as const, message: 'invalid UTF-8', location: 'byte 118' };

const FILES = [
  entry(1, { path: `/case/${KEY}/us-east-1/2024/05/01/part-10.json.gz`, s3Key: `${KEY}/us-east-1/2024/05/01/part-10.json.gz`, events: 3, size: 900 }),
  entry(2, { path: `/case/${KEY}/eu-west-1/2024/05/02/part-9.json.gz`, s3Key: `${KEY}/eu-west-1/2024/05/02/part-9.json.gz`, events: 0, issues: [error, warning], size: 40 }),
  entry(3, { path: 'export/plain.json', container: ['/case/Bundle.zip'], format: 'lookup-events', events: 7, duplicates: 2, size: 5000 }),
  entry(4, { path: '/case/.DS_Store', format: 'macos-metadata', events: 0, issues: [warning], size: 72 }),
  entry(5, { path: '/case/b.json', events: 3, conflicts: 2, size: 300 }),
  entry(6, { path: '/case/a\u202egpj.json', events: 1, conflicts: 1, size: 300 }),
];
const ids = (files: EvidenceEntry[]) => files.map((file) => file.id);
const listed = (query: Partial<EvidenceQuery>) => ids(filterEvidence(sortEvidence(FILES, query.sort ?? { key: 'file', direction: 'asc' }), { show: 'all', text: '', ...query }));

describe('summarizeEvidence', () => {
  it('counts files, events, and the files with each kind of problem, a file with errors and warnings once', () => {
    expect(summarizeEvidence(FILES)).toEqual({ files: 6, outermost: 5, events: 14, withErrors: 1, warningsOnly: 1, withDuplicates: 1, withConflicts: 2 });
    expect(summarizeEvidence([])).toEqual({ files: 0, outermost: 0, events: 0, withErrors: 0, warningsOnly: 0, withDuplicates: 0, withConflicts: 0 });
  });
});

describe('sortEvidence', () => {
  it('orders names as people read them: case ignored, numbers as numbers, archives by their own path', () => {
    expect(listed({})).toEqual([4, 6, 2, 1, 5, 3]);
    expect(listed({ sort: { key: 'file', direction: 'desc' } })).toEqual([3, 5, 1, 2, 6, 4]);
    expect(ids(sortEvidence([entry(1, { path: 'part-10' }), entry(2, { path: 'Part-9' }), entry(3, { path: 'part-09b' })], { key: 'file', direction: 'asc' }))).toEqual([2, 3, 1]);
  });

  it('orders by each figure, ties in the order the files came', () => {
    expect(listed({ sort: { key: 'events', direction: 'desc' } })).toEqual([3, 1, 5, 6, 2, 4]);
    expect(listed({ sort: { key: 'events', direction: 'asc' } })).toEqual([2, 4, 6, 1, 5, 3]);
    expect(listed({ sort: { key: 'errors', direction: 'desc' } })).toEqual([2, 1, 3, 4, 5, 6]);
    expect(listed({ sort: { key: 'size', direction: 'desc' } })).toEqual([3, 1, 5, 6, 4, 2]);
    expect(listed({ sort: { key: 'duplicates', direction: 'desc' } })).toEqual([3, 1, 2, 4, 5, 6]);
    expect(listed({ sort: { key: 'conflicts', direction: 'desc' } })).toEqual([5, 6, 1, 2, 3, 4]);
    expect(listed({ sort: { key: 'format', direction: 'asc' } })).toEqual([1, 2, 5, 6, 3, 4]);
  });
});

describe('filterEvidence', () => {
  it('keeps the files each Show choice names', () => {
    expect(listed({ show: 'errors' })).toEqual([2]);
    expect(listed({ show: 'problems' })).toEqual([4, 2]);
    expect(listed({ show: 'conflicts' })).toEqual([6, 5]);
  });

  it('finds a file by part of its path, archive chain or S3 key, case ignored, and combines with Show and the order', () => {
    expect(listed({ text: 'EU-WEST-1' })).toEqual([2]);
    expect(listed({ text: '2024/05/0' })).toEqual([2, 1]);
    expect(listed({ text: 'bundle.zip › export' })).toEqual([3]);
    expect(listed({ text: '  b.json ' })).toEqual([5]);
    expect(listed({ text: 'part-', show: 'errors' })).toEqual([2]);
    expect(listed({ text: 'part-', sort: { key: 'events', direction: 'desc' } })).toEqual([1, 2]);
    expect(listed({ text: 'nowhere' })).toEqual([]);
  });

  it('matches a name as the panel shows it: hidden characters as their escapes', () => {
    expect(listed({ text: 'a\\u202egpj' })).toEqual([6]);
    expect(listed({ text: '\u202e' })).toEqual([]);
  });
});
