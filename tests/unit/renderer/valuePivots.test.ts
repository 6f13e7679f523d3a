import { describe, expect, it } from 'vitest';
import { identityPivotOf } from '../../../renderer/explorer/valuePivots';

describe('identityPivotOf', () => {
  it('takes an access key ID for the events signed with it, an ARN for the events made by it', () => {
    expect(identityPivotOf('AKIA5ZZZK44445XXFFVB')).toEqual({ field: 'accessKey', value: 'AKIA5ZZZK44445XXFFVB' });
    expect(identityPivotOf('ASIAADMIN0000000001')).toEqual({ field: 'accessKey', value: 'ASIAADMIN0000000001' });
    expect(identityPivotOf('arn:aws:iam::493859302102:user/tracy_stone')).toEqual({ field: 'actor', value: 'arn:aws:iam::493859302102:user/tracy_stone' });
  });

  it('takes nothing else: other IDs, keys of the wrong case, length or characters, values that are not text', () => {
    expect(
      ['AIDA5ZXAKKKKQQ7PPPAYY', 'akia5zzzk44445xxffvb', 'AKIA5ZZZK44', 'AKIA5ZZZK44445XXFFVB ', ' AKIA5ZZZK44445XXFFVB', 'AKIA5ZZZK4444-XXFFVB', `AKIA${'A'.repeat(125)}`, 'i-05261ffb46217cdc3', 'ARN:aws:iam::1:root', 'Root', ''].map(identityPivotOf),
    ).toEqual(Array(11).fill(undefined));
    expect([identityPivotOf(1), identityPivotOf(true), identityPivotOf(null)]).toEqual([undefined, undefined, undefined]);
  });
});
