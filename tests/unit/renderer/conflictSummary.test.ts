import { describe, expect, it } from 'vitest';
import { compareCopies } from '../../../renderer/explorer/compareCopies';
import { conflictSummary, summaryFindings } from '../../../renderer/explorer/conflictSummary';

const HERE = '{"eventName":"GetObject","sourceIPAddress":"203.0.113.9","awsRegion":"us-east-1","eventID":"1"}';

describe('conflictSummary', () => {
  it('counts the copies differing on each value, most first, then as first found', () => {
    const copies = [
      '{"eventName":"DeleteObject","sourceIPAddress":"203.0.113.9","eventID":"1","errorCode":"AccessDenied"}',
      '{"eventName":"GetObject","sourceIPAddress":"198.51.100.7","awsRegion":"us-east-1","eventID":"1"}',
      '{"eventName":"DeleteObject","sourceIPAddress":"198.51.100.7","awsRegion":"us-east-1","eventID":"1"}',
    ];
    expect(conflictSummary(copies.map((there) => compareCopies(HERE, there)))).toEqual({
      values: [
        { path: 'eventName', copies: 2 },
        { path: 'sourceIPAddress', copies: 2 },
        { path: 'awsRegion', copies: 1 },
        { path: 'errorCode', copies: 1 },
      ],
      reformatted: 0,
      copiesRepeatingKeys: 0,
      hereRepeatsKeys: false,
      byText: 0,
    });
    expect(summaryFindings(conflictSummary(copies.map((there) => compareCopies(HERE, there))))).toEqual([]);
  });

  it('counts the copies only written differently, those writing a key twice, and those compared by text', () => {
    const copies = [
      '{"eventID":"1","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","eventName":"GetObject"}',
      '{"eventName":"DeleteObject","eventName":"GetObject","sourceIPAddress":"203.0.113.9","awsRegion":"us-east-1","eventID":"1"}',
      'eventName,GetObject',
    ];
    const comparisons = copies.map((there) => compareCopies(HERE, there));
    expect(comparisons.map(({ byText }) => byText)).toEqual([null, null, "One copy is not JSON (a row of a CSV export without the event's JSON, perhaps): compare them by eye."]);
    expect(conflictSummary(comparisons)).toEqual({ values: [], reformatted: 1, copiesRepeatingKeys: 1, hereRepeatsKeys: false, byText: 1 });
    expect(summaryFindings(conflictSummary(comparisons))).toEqual(['1 copy writes a key more than once in one object.', '1 copy holds the same values, written differently.', '1 copy can be compared by text only.']);
    // Seen from the copy that writes a key twice, every comparison finds it here.
    const fromTwice = conflictSummary([HERE, copies[0]!].map((there) => compareCopies(copies[1]!, there)));
    expect([fromTwice, summaryFindings(fromTwice)]).toEqual([{ values: [], reformatted: 0, copiesRepeatingKeys: 0, hereRepeatsKeys: true, byText: 0 }, ['This copy writes a key more than once in one object.']]);
  });
});
