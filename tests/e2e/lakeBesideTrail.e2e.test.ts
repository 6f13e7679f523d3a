import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, LAKE_CSV } from '../fixtures/generators/csvExports';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');

/** An AssumeRole of the trail's JSON, its request parameters as the caller's SDK wrote them. */
function assumeRole(n: number, minute: string, requestParameters: Record<string, unknown>) {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, userName: 'bob', accountId: ACCOUNT, accessKeyId: 'AKIABOB0000000000001' },
    eventTime: `2024-05-01T11:${minute}:00Z`,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.77',
    userAgent: 'aws-cli/2.15.40',
    eventID: `b0000000-0000-4000-8000-00000000000${n}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Ops`, ...requestParameters },
  };
}

const RECORDS = [
  assumeRole(1, '00', { roleSessionName: 'bob-ops', durationSeconds: 3600 }),
  assumeRole(2, '05', { roleSessionName: 'bob-ops', durationSeconds: '3600' }),
  assumeRole(3, '10', { roleSessionName: 'bob-ops', durationSeconds: 7200 }),
  assumeRole(4, '15', { roleSessionName: '3600', durationSeconds: 900 }),
];

describe("a Lake result beside the trail's JSON: one request parameter written as text or as a number", () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const rows = () => app.page.locator('.grid-row');
  /** Waits until the listing says it shows `n` of the case's 35 events (31 Lake rows, 4 trail events). */
  const count = (n: number) => app.page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${n} of 35 events$`) }).waitFor();
  const select = (...texts: string[]) => selectRow(app.page, texts);

  beforeAll(async () => {
    app = await caseWithEvidence('Lake and trail', { 'result_0a1b.csv': LAKE_CSV, 'trail.json': JSON.stringify({ Records: RECORDS }) });
  });
  afterAll(() => app.close());

  it("pivots from the Lake row's durationSeconds=3600 to the trail's 3600, number or string, and to nothing else", async () => {
    await select('AssumeRole', '10:02:00.000');
    const params = pane().getByRole('region', { name: 'Request parameters' });
    const [paths, values] = await Promise.all([params.locator('.param-path').allTextContents(), params.locator('.param-value').allTextContents()]);
    expect(paths.map((path, i) => `${path} = ${values[i]}`)).toEqual(['roleArn = "arn:aws:iam::111122223333:role/Admin"', 'roleSessionName = "alice-admin"', 'durationSeconds = 3600']);
    await params.getByRole('button', { name: 'Events with durationSeconds = 3600' }).click();
    await count(3);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Parameter durationSeconds: 3600 or "3600"×']);
    expect(await rows().locator('.col-time').allTextContents()).toEqual(['2024-05-01 10:02:00.000', '2024-05-01 11:00:00', '2024-05-01 11:05:00']);
    await app.page.screenshot({ path: join(SHOTS, 'lake-trail-param-text.png') });
  });

  it("pivots from the trail's number 3600 to the Lake row's text, and not to the trail's string", async () => {
    await select('AssumeRole', '11:00:00');
    await pane().getByRole('region', { name: 'Request parameters' }).getByRole('button', { name: 'Events with durationSeconds = 3600' }).click();
    await count(2);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Parameter durationSeconds: 3600×']);
    expect(await rows().locator('.col-time').allTextContents()).toEqual(['2024-05-01 10:02:00.000', '2024-05-01 11:00:00']);
    await app.page.screenshot({ path: join(SHOTS, 'lake-trail-param-number.png') });
  });
});
