import { describe, expect, it } from 'vitest';
import type { DictionaryField } from '../../../shared/event';
import { FUZZY_CHARACTERS, ValueFinder, type ValueCount } from '../../../renderer/query/valueFinder';

const v = (field: DictionaryField, value: string, count: number): ValueCount => ({ field, value, count });

const CASE: ValueCount[] = [
  v('eventName', 'StopLogging', 3),
  v('eventName', 'StartLogging', 5),
  v('eventName', 'DeleteTrail', 2),
  v('eventName', 'ListBuckets', 40),
  v('sourceIp', '203.0.113.9', 7),
  v('sourceIp', '203.0.113.10', 12),
  v('sourceIp', ' 203.0.113.9', 1),
  v('sourceIp', '198.51.100.7', 6),
  v('actor', 'arn:aws:iam::111122223333:user/tracy', 4),
  v('actor', 'tracy', 1),
  v('actor', 'tracy-admin', 9),
  v('userAgent', 'aws-cli/2.15 tracy', 0),
  v('errorCode', '', 30),
  v('errorCode', 'AccessDenied', 2),
  v('accessKey', 'ASIAEXAMPLESTOP', 2),
  v('sourceIp', '203.0.113.9 ', 3),
  v('userAgent', 'Boto3/1.34\tPython', 1),
];

const found = (text: string, limit = 10): string[] => new ValueFinder(CASE).find(text, limit).values.map(({ field, value, count }) => `${field} ${JSON.stringify(value)} ${count}`);

describe('ValueFinder', () => {
  it('puts the values starting with the text above those holding it elsewhere, and fuzzy matches last', () => {
    expect(found('stop')).toEqual(['eventName "StopLogging" 3', 'accessKey "ASIAEXAMPLESTOP" 2']);
    expect(found('stoplog')).toEqual(['eventName "StopLogging" 3']);
  });

  it('finds a misspelt name fuzzily, below every value holding the text', () => {
    expect(found('deletetrial')).toEqual(['eventName "DeleteTrail" 2']);
    expect(found('loging')).toEqual(['eventName "StartLogging" 5', 'eventName "StopLogging" 3']);
  });

  it('ranks a whole value above values starting with it, ties by more events, and keeps a value with spaces at its ends apart', () => {
    expect(found('203.0.113')).toEqual(['sourceIp "203.0.113.10" 12', 'sourceIp "203.0.113.9" 7', 'sourceIp "203.0.113.9 " 3', 'sourceIp " 203.0.113.9" 1']);
    // A digit off is a fuzzy match: last.
    expect(found('203.0.113.9')).toEqual(['sourceIp "203.0.113.9" 7', 'sourceIp "203.0.113.9 " 3', 'sourceIp " 203.0.113.9" 1', 'sourceIp "203.0.113.10" 12']);
    expect(found(' TRACY ')).toEqual(['actor "tracy" 1', 'actor "tracy-admin" 9', 'actor "arn:aws:iam::111122223333:user/tracy" 4']);
  });

  it('finds a value by the escapes it is shown with, as copied from the listing (`\\u0020203.0.113.9`), and that value alone', () => {
    expect(found(String.raw`\u0020203.0.113.9`)).toEqual(['sourceIp " 203.0.113.9" 1']);
    expect(found(String.raw`203.0.113.9\u0020`)).toEqual(['sourceIp "203.0.113.9 " 3']);
    // Starting with it, then holding it, then a tab's escape a digit or two off, fuzzily.
    expect(found(String.raw`\U0020`)).toEqual(['sourceIp " 203.0.113.9" 1', 'sourceIp "203.0.113.9 " 3', 'userAgent "Boto3/1.34\\tPython" 1']);
    expect(found(String.raw`boto3/1.34\u0009python`)).toEqual(['userAgent "Boto3/1.34\\tPython" 1']);
  });

  it('gives the best `limit` values and how many matched in all; nothing for a blank text, an empty value or one no event holds', () => {
    expect(new ValueFinder(CASE).find('3', 2)).toEqual({ values: [v('sourceIp', '203.0.113.10', 12), v('sourceIp', '203.0.113.9', 7)], matching: 6 });
    expect(found('  ')).toEqual([]);
    expect(found('aws-cli')).toEqual([]);
    expect(new ValueFinder(CASE).find('zzzz', 10)).toEqual({ values: [], matching: 0 });
  });

  it('matches the fields too large for fuzzy matching by their parts only', () => {
    const actors = Array.from({ length: FUZZY_CHARACTERS / 50 }, (_, n) => v('actor', `arn:aws:sts::111122223333:assumed-role/Worker/session-${n}`, 1));
    const finder = new ValueFinder([...CASE, ...actors]);
    expect(finder.find('deletetrial', 10).values).toEqual([v('eventName', 'DeleteTrail', 2)]);
    expect(finder.find('tracy-admn', 10).values).toEqual([]);
    expect(finder.find('tracy-adm', 10).values).toEqual([v('actor', 'tracy-admin', 9)]);
    expect(finder.find('session-4999', 10).values).toEqual([v('actor', 'arn:aws:sts::111122223333:assumed-role/Worker/session-4999', 1)]);
  });
});
