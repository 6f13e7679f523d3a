import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { rowMarks } from '../../../renderer/explorer/rowMarks';

const plain = { flags: 0, bookmarked: false, tags: [] as string[], note: '', errorCode: '', eventType: 'AwsApiCall', eventSource: 's3.amazonaws.com' };
const symbols = (row: typeof plain) => rowMarks(row).map(({ symbol }) => symbol).join('');

describe('rowMarks', () => {
  it('gives a note and a tag marks of their own', () => {
    expect(rowMarks({ ...plain, note: 'n' })).toEqual([{ symbol: '✎', meaning: 'Has a note' }]);
    expect(rowMarks({ ...plain, tags: ['exfil', 'root\u202e'] })).toEqual([{ symbol: '#', meaning: 'Tagged: exfil, root\\u202e' }]);
    expect(rowMarks(plain)).toEqual([]);
  });

  it('orders bookmark, conflict, altered text, tags and note', () => {
    expect(symbols({ ...plain, flags: EVENT_FLAGS.conflict | EVENT_FLAGS.invalidText, bookmarked: true, tags: ['a'], note: 'n' })).toBe('★⚠�#✎');
    expect(rowMarks({ ...plain, flags: EVENT_FLAGS.conflict })).toEqual([{ symbol: '⚠', meaning: 'Conflict: another event has this eventID with different content' }]);
    expect(rowMarks({ ...plain, flags: EVENT_FLAGS.invalidText | EVENT_FLAGS.escapedSurrogates })[0]!.meaning).toMatch(/^The file has bytes in this event that are not valid text .* This event’s JSON holds lone UTF-16 surrogates/);
  });
});

describe('rowMarks of a deeply nested event', () => {
  it('marks it with its meaning', () => {
    expect(rowMarks({ ...plain, flags: EVENT_FLAGS.deepNesting })).toEqual([
      { symbol: '≋', meaning: 'Nested more than 100 levels deep, too deeply to display as a tree: its text is shown as it is in the file, and what lies deeper than 100 levels is left out of its fields and request parameters.' },
    ]);
  });
});

describe('rowMarks of a failed event', () => {
  const signIn = { ...plain, eventType: 'AwsConsoleSignIn', eventSource: 'signin.amazonaws.com' };

  it('marks a failed call with its error code, whatever columns are shown', () => {
    expect(rowMarks({ ...plain, errorCode: 'AccessDenied' })).toEqual([{ symbol: '✖', meaning: 'Error: AccessDenied', error: true }]);
    expect(rowMarks({ ...plain, errorCode: 'Access\u001b[31mDenied\u202e' })).toEqual([{ symbol: '✖', meaning: 'Error: Access\\u001b[31mDenied\\u202e', error: true }]);
    expect(rowMarks({ ...plain, errorCode: 'AccessDenied ' })).toEqual([{ symbol: '✖', meaning: 'Error: AccessDenied\\u0020', error: true }]);
  });

  it('marks a failed console or Identity Center sign-in as one, with why when CloudTrail says', () => {
    expect(rowMarks({ ...signIn, errorCode: 'Failure' })).toEqual([{ symbol: '✖', meaning: 'Failed sign-in', error: true }]);
    expect(rowMarks({ ...signIn, errorCode: 'Failed authentication' })).toEqual([{ symbol: '✖', meaning: 'Failed sign-in: Failed authentication', error: true }]);
    expect(rowMarks({ ...plain, eventType: 'AwsServiceEvent', eventSource: 'signin.amazonaws.com', errorCode: 'Failure' })).toEqual([{ symbol: '✖', meaning: 'Failed sign-in', error: true }]);
    expect(rowMarks(signIn)).toEqual([]);
  });

  it('puts the error after the bookmark, before the conflict', () => {
    expect(symbols({ ...plain, errorCode: 'AccessDenied', flags: EVENT_FLAGS.conflict | EVENT_FLAGS.copyDisagrees | EVENT_FLAGS.invalidText | EVENT_FLAGS.deepNesting, bookmarked: true, tags: ['a'], note: 'n' })).toBe('★✖⚠≠�≋#✎');
  });
});
