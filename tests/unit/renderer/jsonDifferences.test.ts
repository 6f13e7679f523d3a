import { describe, expect, it } from 'vitest';
import { duplicateKeys, jsonDifferences, textVerdict } from '../../../renderer/explorer/jsonDifferences';

const event = { eventVersion: '1.08', eventName: 'GetObject', requestParameters: { bucketName: 'b1', 'x-amz-id': 'q' }, additionalEventData: { bytesTransferredIn: 0.0 }, resources: [{ ARN: 'arn:aws:s3:::b1' }] };

describe('jsonDifferences', () => {
  it('finds none between copies written differently: sorted keys, spacing, escapes, 0.0 as 0', () => {
    const sorted = JSON.parse('{"additionalEventData":{"bytesTransferredIn":0},"eventName":"Get\\u004fbject","eventVersion":"1.08","requestParameters":{"bucketName":"b1","x-amz-id":"q"},"resources":[{"ARN":"arn:aws:s3:::b1"}]}');
    expect(jsonDifferences(event, sorted)).toEqual([]);
  });

  it('names each value changed, added or missing, by its path', () => {
    const other = { ...event, eventName: 'PutObject', requestParameters: { bucketName: 'b2' }, resources: [{ ARN: 'arn:aws:s3:::b1' }, { ARN: 'arn:aws:s3:::b2' }], errorCode: 'AccessDenied' };
    expect(jsonDifferences(event, other)).toEqual([
      { path: 'eventName', kind: 'changed', here: 'GetObject', there: 'PutObject' },
      { path: 'requestParameters.bucketName', kind: 'changed', here: 'b1', there: 'b2' },
      { path: 'requestParameters["x-amz-id"]', kind: 'onlyHere', here: 'q' },
      { path: 'resources[1]', kind: 'onlyThere', there: { ARN: 'arn:aws:s3:::b2' } },
      { path: 'errorCode', kind: 'onlyThere', there: 'AccessDenied' },
    ]);
  });

  it('tells a value from an object or array in its place, and a number from its text', () => {
    expect(jsonDifferences({ a: { b: 1 }, c: [1], d: 1 }, { a: 'x', c: { 0: 1 }, d: '1' })).toEqual([
      { path: 'a', kind: 'changed', here: { b: 1 }, there: 'x' },
      { path: 'c', kind: 'changed', here: [1], there: { 0: 1 } },
      { path: 'd', kind: 'changed', here: 1, there: '1' },
    ]);
    expect(jsonDifferences('a', 'b')).toEqual([{ path: '(the whole event)', kind: 'changed', here: 'a', there: 'b' }]);
  });
});

describe('duplicateKeys', () => {
  it('finds a key written again, which JSON.parse hides by keeping the last', () => {
    const original = '{"eventName":"DeleteTrail","eventSource":"cloudtrail.amazonaws.com"}';
    const edited = '{"eventName":"GetTrail","eventSource":"cloudtrail.amazonaws.com","eventName":"DeleteTrail"}';
    expect(jsonDifferences(JSON.parse(original), JSON.parse(edited))).toEqual([]);
    expect(duplicateKeys(original)).toEqual([]);
    expect(duplicateKeys(edited)).toEqual([{ path: 'eventName', values: ['GetTrail', 'DeleteTrail'] }]);
  });

  it('names nested keys by their path, in the order first written, with every occurrence\'s value', () => {
    const text = `{ "requestParameters" : { "bucketName" : "b1", "bucketName" : { "x" : [1, "a,b}"] }, "bucketName": null },
      "resources": [{"ARN":"a"}, {"ARN":"b", "ARN":"c"}], "x-y": 1, "x-y": 2.50, "eventName": "A", "event\\u004eame": "B" }`;
    expect(duplicateKeys(text)).toEqual([
      { path: 'requestParameters.bucketName', values: ['b1', { x: [1, 'a,b}'] }, null] },
      { path: 'resources[1].ARN', values: ['b', 'c'] },
      { path: '["x-y"]', values: [1, 2.5] },
      { path: 'eventName', values: ['A', 'B'] },
    ]);
  });

  it('tells a key apart from the same text as a value, an escaped quote or another object\'s key', () => {
    expect(duplicateKeys('{"a":"a","b":{"a":"\\"a\\":"},"c":[{"a":1},{"a":2}],"d":["a","a"]}')).toEqual([]);
    expect(duplicateKeys('[{"a":1,"a":[]},"x",[{"b":true,"b":false}]]')).toEqual([
      { path: '[0].a', values: [1, []] },
      { path: '[2][0].b', values: [true, false] },
    ]);
    expect(duplicateKeys('"not an object"')).toEqual([]);
  });

  it('counts each occurrence, however many', () => {
    const text = `{${Array.from({ length: 1000 }, (_, i) => `"k":${i}`).join(',')}}`;
    expect(duplicateKeys(text)).toEqual([{ path: 'k', values: Array.from({ length: 1000 }, (_, i) => i) }]);
  });
});

describe('textVerdict', () => {
  it('compares two copies too deep to walk by their texts, naming where they part', () => {
    const deep = (inner: string): string => `{"eventID":"e","x":${'['.repeat(5000)}${inner}${']'.repeat(5000)}}`;
    const lead = 'A copy nests more than 100 levels deep, too deeply to compare value by value: their texts are compared instead.';
    expect(textVerdict(deep('1'), deep('2'))).toBe(`${lead} They part at character 5020 (of 10021 here, 10021 in the other).`);
    expect(textVerdict(deep(''), `${deep('')} `)).toBe(`${lead} They part at character 10021 (of 10020 here, 10021 in the other).`);
    expect(textVerdict(deep(''), deep(''))).toBe(`${lead} They are the same.`);
  });
});
