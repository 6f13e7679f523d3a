import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHT_END, INSIGHT_SHARED_ID, INSIGHT_START } from '../fixtures/generators/insightEvents';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');

/** The burst the Insight reports: RunInstances calls by the role's session (and one other call). */
const call = (n: number, minute: string, eventName = 'RunInstances') => ({
  eventVersion: '1.08',
  userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/ci-deploy/build-7', accountId: '123456789012', accessKeyId: 'ASIACIDEPLOY0000001' },
  eventTime: `2024-06-01T10:${minute}:30Z`,
  eventSource: 'ec2.amazonaws.com',
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.50',
  userAgent: 'Boto3/1.34.11',
  eventID: `00000000-0000-4000-8000-00000000000${n}`,
  eventType: 'AwsApiCall',
  recipientAccountId: '123456789012',
});

describe('an Insights event', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const column = (id: string) => app.page.locator(`.grid-row .col-${id}`).allTextContents();

  beforeAll(async () => {
    const records = { Records: [INSIGHT_START, call(1, '05'), call(2, '06'), call(3, '07', 'DescribeInstances'), INSIGHT_END, { ...call(4, '12', 'CreateKeyPair'), userIdentity: undefined }] };
    app = await caseWithEvidence('Insights', { '123456789012_CloudTrail-Insight_us-east-1_20240601T1015Z_k3Zq.json': JSON.stringify(records) });
    await app.page.getByTestId('listing-count').filter({ hasText: /^6 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('lists as an Insight on the API it reports on, beside that API\'s calls', async () => {
    expect(await column('eventName')).toEqual(['RunInstances (Insight)', 'RunInstances', 'RunInstances', 'DescribeInstances', 'RunInstances (Insight)', 'CreateKeyPair']);
    expect(await column('eventSource')).toEqual(['ec2', 'ec2', 'ec2', 'ec2', 'ec2', 'ec2']);
  });

  it('shows what it reports in the detail pane: state, type, API, rates, duration, shared ID and top values', async () => {
    await app.page.locator('.grid-row').filter({ hasText: 'RunInstances (Insight)' }).last().click();
    await pane().getByRole('heading', { name: 'RunInstances (Insight)' }).waitFor();
    const insight = pane().getByRole('region', { name: 'Insight' });
    expect(await insight.getByRole('heading').textContent()).toBe('Insight: unusual API activity');
    expect(await insight.locator('dl > div').allTextContents()).toEqual([
      'StateEnd (the unusual activity ended)',
      'Insight typeAPI call rate (ApiCallRateInsight)',
      'APIRunInstances',
      'Serviceec2.amazonaws.com',
      'Baseline average0.02083 calls per minute',
      'Insight average9.286 calls per minute',
      'Duration7 minutes',
      'Baseline period10080 minutes (7 days)',
      `Shared event ID${INSIGHT_SHARED_ID}`,
      'Top callersarn:aws:sts::123456789012:assumed-role/ci-deploy · 8.786 per minutearn:aws:iam::123456789012:user/alice · 0.5 per minute',
      'Top callers, baselinearn:aws:iam::123456789012:user/alice · 0.02083 per minute',
      'Top user agentsBoto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#5.15 md/arch#x86_64 lang/python#3.11.6 · 9.286 per minute',
      'Top user agents, baselineAWS Internal · 0.02083 per minute',
      'Top error codesnull (no error) · 9.286 per minute',
      'Top error codes, baselinenull (no error) · 0.02083 per minute',
    ]);
    expect(await pane().getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents()).toEqual([
      "Identitynone by design: an Insights event is CloudTrail's report of unusual activity (its top callers are under Insight)",
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'insight-end.png') });

    // The event name pivot lists the Insight's Start and End with the calls they report on.
    await pane().getByRole('button', { name: 'this event name: RunInstances' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 of 6 events$/ }).waitFor();
    expect(await column('eventName')).toEqual(['RunInstances (Insight)', 'RunInstances', 'RunInstances', 'RunInstances (Insight)']);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Event: RunInstances×']);
    await app.page.getByRole('button', { name: 'Remove filter Event' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^6 events$/ }).waitFor();
  });

  it("pivots on its shared event ID: the Insight's Start and End, and nothing else", async () => {
    await app.page.locator('.grid-row').filter({ hasText: 'RunInstances (Insight)' }).last().click();
    await pane().getByRole('heading', { name: 'RunInstances (Insight)' }).waitFor();
    expect(await pane().getByRole('region', { name: 'Pivots' }).getByRole('button').allTextContents()).toEqual(['this event name: RunInstances', `this shared event ID: ${INSIGHT_SHARED_ID}`]);
    await pane().getByRole('button', { name: `this shared event ID: ${INSIGHT_SHARED_ID}` }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^2 of 6 events$/ }).waitFor();
    expect(await column('eventName')).toEqual(['RunInstances (Insight)', 'RunInstances (Insight)']);
    expect(await app.page.locator('.chip').allTextContents()).toEqual([`Shared event ID: ${INSIGHT_SHARED_ID}×`]);
    // The End stays selected; the Start is the other one listed.
    expect(await app.page.locator('.grid-row[aria-selected="true"] .col-time').textContent()).toBe('2024-06-01 10:11:00');
    await app.page.getByRole('button', { name: 'Remove filter Shared event ID' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^6 events$/ }).waitFor();
    // An API call carries no shared event ID: no such pivot.
    await app.page.locator('.grid-row').filter({ hasText: 'DescribeInstances' }).click();
    await pane().getByRole('heading', { name: 'DescribeInstances' }).waitFor();
    expect(await pane().getByRole('button', { name: /shared event ID/ }).count()).toBe(0);
  });

  it('an API call has no Insight section', async () => {
    await app.page.locator('.grid-row .col-eventName').getByText('RunInstances', { exact: true }).first().click();
    await pane().getByRole('region', { name: 'Identity' }).waitFor();
    await pane().getByRole('heading', { name: 'RunInstances', exact: true }).waitFor();
    expect(await pane().getByRole('region', { name: 'Insight' }).count()).toBe(0);
  });

  it('an API call without userIdentity says so, as unusual', async () => {
    await app.page.locator('.grid-row .col-eventName').getByText('CreateKeyPair', { exact: true }).click();
    await pane().getByRole('heading', { name: 'CreateKeyPair', exact: true }).waitFor();
    expect(await pane().getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents()).toEqual(["Identitynone: this API call's record has no userIdentity, which is unusual"]);
    await pane().getByRole('region', { name: 'Identity' }).scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'api-call-without-identity.png') });
  });

  it('lets the import summary be dismissed once the import is over, giving its room to the listing', async () => {
    const { page } = app;
    const banner = page.getByRole('region', { name: 'Import progress' });
    const listingTop = () => page.locator('.grid-scroll').evaluate((element) => element.getBoundingClientRect().top);
    const before = await listingTop();
    const height = await banner.evaluate((element) => element.getBoundingClientRect().height + parseFloat(getComputedStyle(element).marginTop));
    await banner.screenshot({ path: join(SHOTS, 'import-summary-dismiss.png') });
    await page.locator('.grid-row').first().click();
    await banner.getByRole('button', { name: 'Dismiss the import summary' }).focus();
    await page.keyboard.press('Enter');
    expect(await banner.count()).toBe(0);
    expect(await listingTop()).toBe(before - height);
    expect(await page.getByTestId('listing-count').textContent()).toBe('6 events');
    // The keyboard is on the listing, not lost with the button: the arrows move the selection at once.
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.grid-row[aria-selected="true"] .col-time').textContent()).toBe('2024-06-01 10:05:30');
  });
});
