import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { drawnLines } from './drawnLines';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const ACCOUNT = '111111111111';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** An event by `identity`, signed with `key`. */
function event(n: number, minute: string, eventName: string, identity: Record<string, unknown>, key: string, more: Record<string, unknown> = {}) {
  return {
    eventVersion: '1.08',
    userIdentity: { ...identity, accountId: ACCOUNT, accessKeyId: key },
    eventTime: `2024-06-01T10:${minute}:00Z`,
    eventSource: eventName.startsWith('Assume') ? 'sts.amazonaws.com' : 'cloudtrail.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: 'aws-cli/2.15.0',
    eventID: `00000000-0000-4000-8000-00000000000${n}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...more,
  };
}
const assumeRole = (role: string, session: string, issued: string) => ({
  requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, roleSessionName: session },
  responseElements: { credentials: { accessKeyId: issued, sessionToken: 'redacted', expiration: 'Jun 1, 2024, 11:00:00 AM' } },
});
const assumed = (role: string, session: string) => ({ type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`, principalId: `AROAEXAMPLE:${session}` });

const EVENTS = [
  event(1, '00', 'AssumeRole', { type: 'IAMUser', arn: ALICE, userName: 'alice' }, 'AKIAALICE0000000001', assumeRole('Deploy', 'alice-deploy', 'ASIADEPLOY000000001')),
  event(2, '05', 'AssumeRole', assumed('Deploy', 'alice-deploy'), 'ASIADEPLOY000000001', assumeRole('Admin', 'escalate', 'ASIAADMIN0000000001')),
  event(3, '10', 'DeleteTrail', assumed('Admin', 'escalate'), 'ASIAADMIN0000000001', { requestParameters: { name: 'org-trail' } }),
  event(4, '20', 'StopLogging', assumed('Other', 'someone'), 'ASIAORPHAN000000001', { requestParameters: { name: 'org-trail' } }),
];

describe('how a session came to be', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const rowNamed = (name: string) => app.page.locator('.grid-row').filter({ hasText: name });

  beforeAll(async () => {
    app = await caseWithEvidence('Role chain', { 'events.ndjson': EVENTS.map((e) => `${JSON.stringify(e)}\n`).join('') });
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('traces the key that signed an event back through each AssumeRole to the user who started it', async () => {
    await rowNamed('DeleteTrail').click();
    const chain = pane().getByRole('region', { name: 'Role chain' });
    await chain.getByRole('listitem').first().waitFor();
    expect(await chain.getByRole('listitem').allTextContents()).toEqual([
      '2024-06-01 10:00:00 UTC AssumeRoleuser/alice assumed role/Deploy as session alice-deployevents signed with AKIAALICE0000000001 → issued ASIADEPLOY000000001',
      '2024-06-01 10:05:00 UTC AssumeRoleassumed-role/Deploy/alice-deploy assumed role/Admin as session escalateevents signed with ASIADEPLOY000000001 → issued ASIAADMIN0000000001',
      'this event, signed with ASIAADMIN0000000001',
    ]);
    expect(await chain.getByRole('listitem').first().locator('div').first().getAttribute('title')).toBe(ALICE);
    // A session name keeps its hyphen: 'alice-deploy' moves to the next line whole, here and in the smallest window.
    const callers = async () => Promise.all((await chain.locator('li > div:first-of-type').all()).map(drawnLines));
    const lines = [
      ['user/alice assumed role/Deploy as session', 'alice-deploy'],
      ['assumed-role/Deploy/alice-deploy assumed', 'role/Admin as session escalate'],
    ];
    expect(await callers()).toEqual(lines);
    await app.page.screenshot({ path: join(SHOTS, 'role-chain.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await chain.scrollIntoViewIfNeeded();
    expect(await callers()).toEqual(lines);
    await app.page.screenshot({ path: join(SHOTS, 'role-chain-960.png') });

    // What the first hop's session did: everything its key signed.
    await chain.getByRole('button', { name: 'events signed with ASIADEPLOY000000001' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
    expect(await app.page.locator('.grid-row .col-eventName').allTextContents()).toEqual(['AssumeRole']);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Session: ASIADEPLOY000000001×']);
    await app.page.getByRole('button', { name: 'Remove filter Session' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });

  it('goes from the temporary key an AssumeRole returned to the events signed with it', async () => {
    await rowNamed('assumed-role/Deploy/alice-deploy').click();
    const response = pane().getByRole('region', { name: 'Response elements', exact: true });
    await response.and(app.page.locator('[aria-busy="false"]')).waitFor();
    expect(await response.getByRole('listitem').allInnerTexts()).toEqual([
      'credentials.accessKeyId\n"ASIAADMIN0000000001"\nevents with this value\nevents signed with this key',
      'credentials.sessionToken\n"redacted"\nevents with this value',
      'credentials.expiration\n"Jun 1, 2024, 11:00:00 AM"\nevents with this value',
    ]);
    await response.getByRole('button', { name: 'Events signed with the key ASIAADMIN0000000001' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
    expect(await app.page.locator('.grid-row .col-eventName').allTextContents()).toEqual(['DeleteTrail']);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Session: ASIAADMIN0000000001×']);
    await app.page.getByRole('button', { name: 'Remove filter Session' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });

  it("gives each call's time its zone, as the detail header does: UTC, or the local offset", async () => {
    await rowNamed('DeleteTrail').click();
    const chain = pane().getByRole('region', { name: 'Role chain' });
    await chain.getByRole('listitem').first().waitFor();
    // The harness's Chromium runs in America/New_York: summer time in June.
    await app.page.getByRole('button', { name: 'Times in UTC' }).click();
    await chain.getByText('06:00:00 UTC-04:00').waitFor();
    expect(await chain.locator('li:not(:last-child) > .mono:first-child').allTextContents()).toEqual(['2024-06-01 06:00:00 UTC-04:00', '2024-06-01 06:05:00 UTC-04:00']);
    expect(await pane().locator('h2 + .mono').textContent()).toBe('2024-06-01 06:10:00 UTC-04:00');
    await app.page.getByRole('button', { name: 'Times in local time' }).click();
    await chain.getByText('10:00:00 UTC').waitFor();
    expect(await chain.locator('li:not(:last-child) > .mono:first-child').allTextContents()).toEqual(['2024-06-01 10:00:00 UTC', '2024-06-01 10:05:00 UTC']);
  });

  it('says so when the case does not hold the call that issued a temporary key', async () => {
    await rowNamed('StopLogging').click();
    const chain = pane().getByRole('region', { name: 'Role chain' });
    await chain.waitFor();
    expect(await chain.textContent()).toBe('How this session came to beThe call that issued this temporary key (ASIAORPHAN000000001) is not in this case.');
  });

  it('shows no chain for a long-term key', async () => {
    await rowNamed('user/alice').click();
    await pane().getByRole('heading', { name: 'AssumeRole' }).waitFor();
    await pane().getByText('AKIAALICE0000000001 (long-term key)').waitFor();
    await pane().getByRole('region', { name: 'Identity' }).waitFor();
    expect(await pane().getByRole('region', { name: 'Role chain' }).count()).toBe(0);
  });
});
