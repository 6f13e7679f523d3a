import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { rowMarks } from '../../../renderer/explorer/rowMarks';

const plain = { flags: 0, bookmarked: false, tags: [] as string[], noted: false };
const symbols = (row: typeof plain) => rowMarks(row).map(({ symbol }) => symbol).join('');

describe('rowMarks', () => {
  it('gives a note and a tag marks of their own', () => {
    expect(rowMarks({ ...plain, noted: true })).toEqual([{ symbol: '✎', meaning: 'Has a note' }]);
    expect(rowMarks({ ...plain, tags: ['exfil', 'root\u202e'] })).toEqual([{ symbol: '#', meaning: 'Tagged: exfil, root\\u202e' }]);
    expect(rowMarks(plain)).toEqual([]);
  });

  it('orders bookmark, conflict, altered text, tags and note', () => {
    expect(symbols({ flags: EVENT_FLAGS.conflict | EVENT_FLAGS.invalidText, bookmarked: true, tags: ['a'], noted: true })).toBe('★⚠�#✎');
    expect(rowMarks({ ...plain, flags: EVENT_FLAGS.conflict })).toEqual([{ symbol: '⚠', meaning: 'Conflict: another event has this eventID with different content' }]);
    expect(rowMarks({ ...plain, flags: EVENT_FLAGS.invalidText | EVENT_FLAGS.escapedSurrogates })[0]!.meaning).toMatch(/^The file has bytes in this event that are not valid text .* This event’s JSON holds lone UTF-16 surrogates/);
  });
});

describe('rowMarks of a deeply nested event', () => {
  it('marks it with its meaning', () => {
    expect(rowMarks({ flags: EVENT_FLAGS.deepNesting, bookmarked: false, tags: [], noted: false })).toEqual([
      { symbol: '≋', meaning: 'Nested more than 100 levels deep, too deeply to display as a tree: its text is shown as it is in the file, and what lies deeper than 100 levels is left out of its fields and request parameters.' },
    ]);
  });
});
