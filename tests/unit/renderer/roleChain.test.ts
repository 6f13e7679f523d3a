import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainOf, credentialsIssued, type ChainLink } from '../../../renderer/query/roleChain';
import { CORPUS } from '../../fixtures/generators/trailBundle';

const link = (issued: string, callerKey: string, role = ''): ChainLink => ({ issued, callerKey, role, caller: `caller of ${issued}`, session: '', segment: 0, row: 0, eventName: 'AssumeRole', time: 0, timeFraction: 0 });

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

  it('takes nothing from a call that issued no credentials, or from text that is not JSON', () => {
    expect(credentialsIssued('{"eventName":"AssumeRole","errorCode":"AccessDenied","responseElements":null}')).toBeNull();
    expect(credentialsIssued('{"eventName":"AssumeRole"')).toBeNull();
  });

  it('follows each key back to the call that issued it, first call first, and stops at a key without one or one seen before', () => {
    const issuers = new Map([link('ASIA_B', 'ASIA_A', 'role/B'), link('ASIA_A', 'AKIA_ALICE', 'role/A'), link('ASIA_X', 'ASIA_Y'), link('ASIA_Y', 'ASIA_X')].map((l) => [l.issued, l]));
    expect(chainOf('ASIA_B', issuers).map((l) => `${l.callerKey}→${l.issued}`)).toEqual(['AKIA_ALICE→ASIA_A', 'ASIA_A→ASIA_B']);
    expect(chainOf('AKIA_ALICE', issuers)).toEqual([]);
    // Two keys each issued with the other: each link once.
    expect(chainOf('ASIA_X', issuers).map((l) => l.issued)).toEqual(['ASIA_Y', 'ASIA_X']);
  });
});
