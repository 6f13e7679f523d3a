import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWithEvidence, type LaunchedApp } from './harness';

const event = (n: number, extra = ''): string =>
  `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/u${n}","accountId":"111111111111"},"eventTime":"2025-02-02T10:00:0${n}Z","eventSource":"s3.amazonaws.com","eventName":"${n === 2 ? 'PutBucketPolicy' : 'GetObject'}","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.${n}","requestParameters":{"bucketName":"b${n}"${extra}},"eventID":"00000000-0000-4000-8000-00000000000${n}","eventType":"AwsApiCall"}`;
/** A record whose request parameters hold 5,000 nested arrays, between two ordinary ones. */
const DEEP = event(2, `,"policy":${'['.repeat(5000)}${']'.repeat(5000)}`);
const NOTE = 'Nested more than 100 levels deep, too deeply to display as a tree: its text is shown as it is in the file, and what lies deeper than 100 levels is left out of its fields and request parameters.';

describe('an event nested too deeply to display as a tree', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Deep nesting', { 'events.ndjson': [event(1), DEEP, event(3)].join('\n') });
  });
  afterAll(() => app.close());

  it('lists it, marked; opens it with its text as it is and the note; and its pivots work', async () => {
    const { page } = app;
    await page.getByTestId('listing-count').filter({ hasText: /^3 events$/ }).waitFor();
    const deepRow = page.locator('.grid-row', { hasText: 'PutBucketPolicy' });
    expect(await deepRow.getByTitle(NOTE).textContent()).toBe('≋');

    await deepRow.click();
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    await pane.getByTestId('event-json').waitFor();
    expect(await pane.getByTestId('deep-note').textContent()).toBe(NOTE);
    expect(await pane.getByTestId('event-json').textContent()).toBe(DEEP);
    await pane.getByRole('button', { name: 'Raw (as in the file)' }).click();
    expect(await pane.getByTestId('event-json').textContent()).toBe(DEEP);
    const params = pane.getByRole('region', { name: 'Request parameters' });
    expect(await params.locator('.param-path').allTextContents()).toEqual(['bucketName']);
    expect(await pane.getByRole('region', { name: 'Identity' }).locator('dl > div').first().textContent()).toBe('TypeIAMUser');

    await pane.getByRole('button', { name: 'this source IP: 198.51.100.2' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 3 events$/ }).waitFor();
    expect(await page.locator('.grid-row').allTextContents()).toEqual([expect.stringContaining('PutBucketPolicy')]);
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^3 events$/ }).waitFor();

    // Its neighbours open as trees, without the note.
    await page.locator('.grid-row', { hasText: '198.51.100.3' }).click();
    await pane.getByTestId('event-json').filter({ hasText: '"bucketName": "b3"' }).waitFor();
    expect(await pane.getByTestId('deep-note').count()).toBe(0);
  });
});
