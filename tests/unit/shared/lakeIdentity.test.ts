import { describe, expect, it } from 'vitest';
import { lakeIdentity } from '../../../shared/lakeIdentity';

describe('lakeIdentity', () => {
  it('takes the plain top-level fields, passing over nested structs, arrays and nulls', () => {
    const cell = ' {type=AssumedRole, principalid=AROA:x, arn=arn:aws:sts::1:assumed-role/R/x, sessioncontext={sessionissuer={arn=arn:aws:iam::1:role/R, username=R}, attributes={}}, tags=[a, b], username=null, accountid=1} ';
    expect(lakeIdentity(cell)).toEqual({ type: 'AssumedRole', principalId: 'AROA:x', arn: 'arn:aws:sts::1:assumed-role/R/x', accountId: '1' });
  });

  it('keeps a comma that no field name follows inside its value, and an = after the first', () => {
    expect(lakeIdentity('{username=a,b=c, invokedby=AWS Internal, x, y}')).toEqual({ userName: 'a,b=c', invokedBy: 'AWS Internal, x, y' });
  });

  it('gives nothing for a cell not written as a struct, JSON included, or with no field it knows', () => {
    expect(['', 'IAMUser', '{"type":"IAMUser"}', '{type=null, foo=bar}', '{}'].map(lakeIdentity)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
