import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainOf, credentialsIssued, type IssuingCall } from '../../../renderer/query/roleChain';
import { LAKE_CSV, LAKE_ROWS } from '../../fixtures/generators/csvExports';
import { CORPUS } from '../../fixtures/generators/trailBundle';

const call = (issued: string, callerKey: string, time: number): IssuingCall => ({ issued, callerKey, time, role: '', caller: `caller of ${issued}`, session: '', segment: 0, row: 0, eventName: 'AssumeRole', timeFraction: 0 });
/** Calls by the key each issued, oldest first, as the query worker holds them. */
const byKey = (calls: IssuingCall[]) => {
  const issuers = new Map<string, IssuingCall[]>();
  for (const made of [...calls].sort((a, b) => a.time - b.time)) issuers.set(made.issued, [...(issuers.get(made.issued) ?? []), made]);
  return issuers;
};

describe('role chains', () => {
  it('reads who asked for which role and the key issued from a real AssumeRole event', async () => {
    const { Records } = JSON.parse(await readFile(join(CORPUS, 'panther-analysis/rule-test-events.json'), 'utf8')) as { Records: Record<string, unknown>[] };
    const issuing = Records.filter((event) => event['eventName'] === 'AssumeRole').map((event) => credentialsIssued(JSON.stringify(event)));
    const user = 'arn:aws:iam::123456789012:user/example-user';
    const lambda = { caller: 'lambda.amazonaws.com', callerKey: '', role: 'arn:aws:iam::123456789123:role/my_role_arn', session: 'awslambda_55_20240602202712548', issued: 'REDACTED' };
    expect(issuing).toEqual([
      null,
      { caller: 'SAMPLE_PRINCIPAL_ID:lambda-name', callerKey: '', role: 'arn:aws:iam::111122223333:role/SampleRole', session: 'SampleSession', issued: 'SAMPLE_ACCESS_KEY' },
      { caller: user, callerKey: '1111', role: 'arn:aws:iam::123456789012:role/FullAdminRole', session: '1111', issued: '1111' },
      { caller: user, callerKey: '1111', role: 'arn:aws:iam::123456789012:role/example-role', session: '1111', issued: '1111' },
      { caller: user, callerKey: '1111', role: 'arn:aws:iam::123456789012:role/FullAdminRole', session: '1111', issued: '1111' },
      null,
      null,
      lambda,
      lambda,
    ]);
  });

  it("reads a Lake row's responseelements and requestparameters with its file's header", () => {
    const [header] = LAKE_CSV.split('\n');
    const assumeRole = LAKE_ROWS.find((row) => row.includes(',AssumeRole,'))!;
    expect([credentialsIssued(assumeRole, header), credentialsIssued(assumeRole)]).toEqual([
      { caller: 'arn:aws:iam::111122223333:user/alice', callerKey: 'ASIAALICECONSOLE0001', role: 'arn:aws:iam::111122223333:role/Admin', session: 'alice-admin', issued: 'ASIAADMINSESSION0001' },
      null,
    ]);
  });

  it('takes nothing from a call that issued no credentials, or from text that is not JSON', () => {
    expect(credentialsIssued('{"eventName":"AssumeRole","errorCode":"AccessDenied","responseElements":null}')).toBeNull();
    expect(credentialsIssued('{"eventName":"AssumeRole"')).toBeNull();
  });

  it('follows each key back to the call that issued it, first call first, and stops at a key without one', () => {
    const issuers = byKey([call('ASIA_B', 'ASIA_A', 20), call('ASIA_A', 'AKIA_ALICE', 10)]);
    expect(chainOf('ASIA_B', 30, issuers).map((l) => [`${l.callerKey}→${l.issued}`, l.warnings])).toEqual([
      ['AKIA_ALICE→ASIA_A', []],
      ['ASIA_A→ASIA_B', []],
    ]);
    expect(chainOf('AKIA_ALICE', 30, issuers)).toEqual([]);
  });

  it('of several calls that issued a key, takes the latest before its use, and says there were several', () => {
    const issuers = byKey([call('ASIA_K', 'AKIA_MALLORY', 30), call('ASIA_K', 'AKIA_ALICE', 10)]);
    expect(chainOf('ASIA_K', 20, issuers).map((l) => [l.callerKey, l.warnings])).toEqual([['AKIA_ALICE', ['2 calls in the case issued this key']]]);
    // Used before any call issued it: the first, said to be late.
    expect(chainOf('ASIA_K', 5, issuers).map((l) => [l.callerKey, l.warnings])).toEqual([['AKIA_ALICE', ['2 calls in the case issued this key', 'issued only after it was used']]]);
  });

  it('says when a call was signed with a key the chain itself issued, and stops there', () => {
    expect(chainOf('ASIA_SELF', 20, byKey([call('ASIA_SELF', 'ASIA_SELF', 10)])).map((l) => l.warnings)).toEqual([['signed with a key this chain issued: inconsistent, perhaps forged']]);
    const loop = byKey([call('ASIA_X', 'ASIA_Y', 10), call('ASIA_Y', 'ASIA_X', 5)]);
    expect(chainOf('ASIA_X', 20, loop).map((l) => [l.issued, l.warnings])).toEqual([
      ['ASIA_Y', ['signed with a key this chain issued: inconsistent, perhaps forged']],
      ['ASIA_X', []],
    ]);
  });
});

describe('credentialsIssued on a deeply nested event', () => {
  const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('reads the credentials of an AssumeRole whose parameters nest 5,000 deep', () => {
    const text = JSON.stringify({
      eventName: 'AssumeRole',
      userIdentity: { arn: 'arn:aws:iam::1:user/u', accessKeyId: 'AKIAUSER' },
      requestParameters: { roleArn: 'arn:aws:iam::1:role/r', roleSessionName: 's', policy: [] },
      responseElements: { credentials: { accessKeyId: 'ASIAISSUED' } },
    }).replace('"policy":[]', `"policy":${arrays(5000)}`);
    expect(credentialsIssued(text)).toEqual({ caller: 'arn:aws:iam::1:user/u', callerKey: 'AKIAUSER', role: 'arn:aws:iam::1:role/r', session: 's', issued: 'ASIAISSUED' });
  });
});
