import { describe, expect, it } from 'vitest';
import { disagreeingFirst, partialRowChecks, rowPairChecks } from '../../../renderer/explorer/partialCopy';
import type { EventFields } from '../../../renderer/query/queryProtocol';

const NONE: EventFields = {
  time: NaN,
  timeFraction: undefined,
  readOnly: -1,
  eventName: '',
  eventSource: '',
  actor: '',
  actorType: '',
  sourceIp: '',
  region: '',
  account: '',
  errorCode: '',
  accessKey: '',
  eventType: '',
  userAgent: '',
};
const fullJson = {
  eventTime: '2024-05-01T10:00:00Z',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice', principalId: 'AIDAX', accountId: '111122223333' },
  recipientAccountId: '444455556666',
};
const full: EventFields = {
  ...NONE,
  time: Date.UTC(2024, 4, 1, 10),
  timeFraction: 0,
  readOnly: 1,
  eventName: 'ListBuckets',
  eventSource: 's3.amazonaws.com',
  actor: 'arn:aws:iam::111122223333:user/alice',
  actorType: 'IAMUser',
  sourceIp: '203.0.113.9',
  account: '444455556666',
};

describe('partialRowChecks', () => {
  it('compares only the fields a row gives, times to the millisecond, shown as the listing shows them', () => {
    const row: EventFields = { ...NONE, time: Date.UTC(2024, 4, 1, 10), timeFraction: 3, eventName: 'ListBuckets', sourceIp: '203.0.113.9', readOnly: 1 };
    expect(partialRowChecks(row, full, fullJson, 'utc')).toEqual([
      { field: 'time', label: 'Time', row: '2024-05-01 10:00:00.000', full: '2024-05-01 10:00:00', agrees: true },
      { field: 'eventName', label: 'Event name', row: 'ListBuckets', full: 'ListBuckets', agrees: true },
      { field: 'sourceIp', label: 'Source IP', row: '203.0.113.9', full: '203.0.113.9', agrees: true },
      { field: 'readOnly', label: 'Read-only', row: 'yes', full: 'yes', agrees: true },
    ]);
  });

  it('tells each differing value, a second later or another address', () => {
    const row: EventFields = { ...NONE, time: Date.UTC(2024, 4, 1, 10, 0, 1), timeFraction: 0, sourceIp: '198.51.100.7', readOnly: 0, region: 'us-east-1' };
    expect(partialRowChecks(row, full, fullJson, 'utc')).toEqual([
      { field: 'time', label: 'Time', row: '2024-05-01 10:00:01', full: '2024-05-01 10:00:00', agrees: false },
      { field: 'sourceIp', label: 'Source IP', row: '198.51.100.7', full: '203.0.113.9', agrees: false },
      { field: 'region', label: 'Region', row: 'us-east-1', full: '', agrees: false },
      { field: 'readOnly', label: 'Read-only', row: 'no', full: 'yes', agrees: false },
    ]);
  });

  it("takes a row's actor and account from any key the full event holds them in, since a row's columns may name another", () => {
    const checks = (actor: string, account: string) => partialRowChecks({ ...NONE, actor, account }, full, fullJson, 'utc').map((check) => check.agrees);
    expect(checks('alice', '111122223333')).toEqual([true, true]);
    expect(checks('AIDAX', '444455556666')).toEqual([true, true]);
    // The console's User name column: the name the ARN ends with.
    expect(partialRowChecks({ ...NONE, actor: 'alice' }, { ...full, actor: 'arn:aws:iam::111122223333:user/alice' }, { userIdentity: { arn: 'arn:aws:iam::111122223333:user/alice' } }, 'utc')[0]!.agrees).toBe(true);
    expect(partialRowChecks({ ...NONE, actor: 'user/alice' }, full, fullJson, 'utc')[0]!.agrees).toBe(false);
    expect(checks('bob', '999999999999')).toEqual([false, false]);
  });
});

describe('rowPairChecks', () => {
  // A console download's row (User name, no account column) and a Lake row of selected columns (the ARN, no user agent) of one call.
  const consoleRow: EventFields = { ...NONE, time: Date.UTC(2024, 4, 1, 10), eventName: 'DeleteBucketPolicy', actor: 'alice-admin', sourceIp: '198.51.100.23', errorCode: 'AccessDenied', readOnly: 0, accessKey: 'ASIAADMINSESSION0001' };
  const lakeRow: EventFields = { ...NONE, time: Date.UTC(2024, 4, 1, 10), eventName: 'DeleteBucketPolicy', actor: 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin', sourceIp: '203.0.113.50', account: '111122223333', errorCode: 'AccessDenied' };

  it('compares only the fields both rows give, an actor with an ARN ending in it either way round', () => {
    const said = (checks: ReturnType<typeof rowPairChecks>) => checks.map(({ label, row, full, agrees }) => [label, row, full, agrees]);
    expect(said(rowPairChecks(consoleRow, lakeRow, 'utc'))).toEqual([
      ['Time', '2024-05-01 10:00:00', '2024-05-01 10:00:00', true],
      ['Event name', 'DeleteBucketPolicy', 'DeleteBucketPolicy', true],
      ['Actor', 'alice-admin', 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin', true],
      ['Source IP', '198.51.100.23', '203.0.113.50', false],
      ['Error', 'AccessDenied', 'AccessDenied', true],
    ]);
    expect(said(rowPairChecks(lakeRow, consoleRow, 'utc'))).toEqual([
      ['Time', '2024-05-01 10:00:00', '2024-05-01 10:00:00', true],
      ['Event name', 'DeleteBucketPolicy', 'DeleteBucketPolicy', true],
      ['Actor', 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin', 'alice-admin', true],
      ['Source IP', '203.0.113.50', '198.51.100.23', false],
      ['Error', 'AccessDenied', 'AccessDenied', true],
    ]);
    expect(rowPairChecks({ ...consoleRow, actor: 'bob' }, lakeRow, 'utc').find((check) => check.field === 'actor')!.agrees).toBe(false);
  });
});

describe('disagreeingFirst', () => {
  it('puts the rows that disagree with their full event first, each group in the order given', () => {
    const agrees = (name: string) => ({ name, row: { ...NONE, sourceIp: '203.0.113.9' }, full, fullJson });
    const disagrees = (name: string) => ({ name, row: { ...NONE, sourceIp: '198.51.100.7' }, full, fullJson });
    const missing = { name: 'not in the case', row: { ...NONE, sourceIp: '198.51.100.7' }, full: null, fullJson: undefined };
    const pairs = [agrees('console'), missing, disagrees('lake 1'), agrees('console 2'), disagrees('lake 2')];
    expect(disagreeingFirst(pairs).map(({ name }) => name)).toEqual(['lake 1', 'lake 2', 'console', 'not in the case', 'console 2']);
  });
});
