import { describe, expect, it } from 'vitest';
import { lakeValue } from '../../../shared/lakeValue';

describe('lakeValue', () => {
  it('reads a map as written, its keys as they are and its values as text', () => {
    expect(lakeValue('{bucketName=finance-reports, Host=finance-reports.s3.eu-west-1.amazonaws.com, key=q1/pay, roll.csv, x-amz-server-side-encryption=AES256, policy=}')).toEqual({
      bucketName: 'finance-reports',
      Host: 'finance-reports.s3.eu-west-1.amazonaws.com',
      key: 'q1/pay, roll.csv',
      'x-amz-server-side-encryption': 'AES256',
      policy: '',
    });
  });

  it('reads nested structs, nulls and arrays of structs', () => {
    expect(lakeValue('{credentials={accessKeyId=ASIA1, expiration=May 1, 2024, 11:02:00 AM}, assumedRoleUser=null}')).toEqual({ credentials: { accessKeyId: 'ASIA1', expiration: 'May 1, 2024, 11:02:00 AM' }, assumedRoleUser: null });
    expect(lakeValue('[{accountid=1, type=AWS::S3::Object, arn=arn:aws:s3:::b/k}, {accountid=1, type=AWS::S3::Bucket, arn=arn:aws:s3:::b}]')).toEqual([
      { accountid: '1', type: 'AWS::S3::Object', arn: 'arn:aws:s3:::b/k' },
      { accountid: '1', type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::b' },
    ]);
    expect(lakeValue('{}')).toEqual({});
    expect(lakeValue('[]')).toEqual([]);
  });

  it('reads JSON as JSON, and gives nothing for text that is no struct', () => {
    expect(lakeValue('{"a":{"b":1}}')).toEqual({ a: { b: 1 } });
    expect(['', 'x', '{"a":', '{a}', 'null'].map(lakeValue)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('makes a key called __proto__ an own entry', () => {
    const value = lakeValue('{__proto__=x, a=b}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
