import { describe, expect, it } from 'vitest';
import { lakeIdentity } from '../../../shared/lakeIdentity';

describe('lakeIdentity', () => {
  it('takes the whole struct, nested structs included, with CloudTrail names and without its nulls', () => {
    const cell =
      ' {type=AssumedRole, principalid=AROA:x, arn=arn:aws:sts::1:assumed-role/R/x, accountid=1, accesskeyid=ASIA1, username=null, sessioncontext={attributes={creationdate=2024-05-01 10:02:00.000, mfaauthenticated=true}, sessionissuer={type=Role, principalid=AROA, arn=arn:aws:iam::1:role/R, accountid=1, username=R}, webidfederationdata=null, sourceidentity=alice, ec2roledelivery=null}, invokedby=null, newfield=[a, b]} ';
    expect(lakeIdentity(cell)).toEqual({
      type: 'AssumedRole',
      principalId: 'AROA:x',
      arn: 'arn:aws:sts::1:assumed-role/R/x',
      accountId: '1',
      accessKeyId: 'ASIA1',
      sessionContext: {
        attributes: { creationDate: '2024-05-01 10:02:00.000', mfaAuthenticated: 'true' },
        sessionIssuer: { type: 'Role', principalId: 'AROA', arn: 'arn:aws:iam::1:role/R', accountId: '1', userName: 'R' },
        sourceIdentity: 'alice',
      },
      newfield: ['a', 'b'],
    });
  });

  it('keeps a comma that no field name follows inside its value, and an = after the first', () => {
    expect(lakeIdentity('{username=a,b=c, invokedby=AWS Internal, x, y}')).toEqual({ userName: 'a,b=c', invokedBy: 'AWS Internal, x, y' });
  });

  it('gives nothing for a cell not written as a struct, JSON included, or with no field it knows', () => {
    expect(['', 'IAMUser', '{"type":"IAMUser"}', '{type=null, foo=bar}', '{}'].map(lakeIdentity)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
