import { describe, expect, it } from 'vitest';
import { jsonDifferences } from '../../../renderer/explorer/jsonDifferences';

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
