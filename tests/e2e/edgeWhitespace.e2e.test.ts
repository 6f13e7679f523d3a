import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { selectNth, selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
const ACCOUNT = '111111111111';
const event = (second: number, userName: string, sourceIPAddress: string) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: `AIDA${second}`, arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`, accountId: ACCOUNT, userName },
  eventTime: `2025-02-02T10:00:0${second}Z`,
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress,
  userAgent: 'aws-cli/2.15 Python/3.11',
  requestParameters: { bucketName: 'b1' },
  eventID: `8c0f8a7e-0000-4000-8000-00000000000${second}`,
  eventType: 'AwsApiCall',
  recipientAccountId: ACCOUNT,
});
/** Three source IPs that differ only by a space at one end, and a user name ending in a no-break space. */
const EVENTS = [event(1, 'alice', ' 203.0.113.9'), event(2, 'alice', '203.0.113.9 '), event(3, 'alice', '203.0.113.9'), event(4, 'alice\u00a0', '198.51.100.7')];
/** The file of the last event, whose name ends in a space. */
const SPACED_FILE = 'nbsp-user.ndjson ';

const [LEADING, TRAILING, PLAIN] = [String.raw`\u0020203.0.113.9`, String.raw`203.0.113.9\u0020`, '203.0.113.9'];
const NBSP_ALICE = String.raw`alice\u00a0`;

const cells = (page: Page, column: string) => page.locator(`.grid-row .col-${column}`);

describe('values that differ only by whitespace at their ends', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('IR spaces', {
      'events.ndjson': EVENTS.slice(0, 3).map((e) => JSON.stringify(e)).join('\n') + '\n',
      [SPACED_FILE]: `${JSON.stringify(EVENTS[3])}\n`,
    });
  });
  afterAll(() => app.close());

  it('shows the spaces at their ends escaped in the listing, keeping the spaces inside', async () => {
    const { page } = app;
    await cells(page, 'sourceIp').nth(3).waitFor();
    expect(await cells(page, 'sourceIp').allTextContents()).toEqual([LEADING, TRAILING, PLAIN, '198.51.100.7']);
    expect(await cells(page, 'actor').allTextContents()).toEqual(['user/alice', 'user/alice', 'user/alice', `user/${NBSP_ALICE}`]);
    expect(await cells(page, 'actor').nth(3).getAttribute('title')).toBe(`arn:aws:iam::${ACCOUNT}:user/${NBSP_ALICE}`);
    await page.getByText('Columns').click();
    await page.getByRole('checkbox', { name: 'User agent' }).check();
    await page.getByText('Columns').click();
    await cells(page, 'userAgent').nth(3).waitFor();
    expect(await cells(page, 'userAgent').allTextContents()).toEqual(Array(4).fill('aws-cli/2.15 Python/3.11'));
    await page.screenshot({ path: join(SHOTS, 'edge-whitespace-listing.png') });
  });

  it('pivots on each source IP as written, the button and the chip showing it escaped', async () => {
    const { page } = app;
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    for (const [shown, row] of [[LEADING, 0], [TRAILING, 1], [PLAIN, 2]] as const) {
      await selectNth(page, row);
      const button = pane.getByRole('button', { name: /^this source IP:/ });
      expect([await button.textContent(), await button.getAttribute('title')]).toEqual([`this source IP: ${shown}`, shown]);
      await button.click();
      expect(await page.locator('.chip').allTextContents()).toEqual([`Source IP: ${shown}×`]);
      await page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
      expect(await cells(page, 'sourceIp').allTextContents()).toEqual([shown]);
      if (shown === LEADING) await page.screenshot({ path: join(SHOTS, 'edge-whitespace-chip.png') });
      await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
      await page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
    }
  });

  it('shows the user name ending in a no-break space escaped in the pivot, the chip, the Who section and the provenance', async () => {
    const { page } = app;
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    await selectRow(page, [`user/${NBSP_ALICE}`]);
    const arn = `arn:aws:iam::${ACCOUNT}:user/${NBSP_ALICE}`;
    expect(await pane.getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents()).toEqual([
      'TypeIAMUser',
      `Principal${arn}`,
      `User name${NBSP_ALICE}`,
      `Account${ACCOUNT}`,
    ]);
    expect(await pane.getByRole('region', { name: 'Provenance' }).locator('dl > div').first().textContent()).toMatch(/^File.*\/nbsp-user\.ndjson\\u0020, item 0 \(counted from 0\)$/);
    await page.screenshot({ path: join(SHOTS, 'edge-whitespace-detail.png') });
    await pane.getByRole('button', { name: `this actor: ${arn}` }).click();
    expect(await page.locator('.chip').allTextContents()).toEqual([`Actor: ${arn}×`]);
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
    expect(await cells(page, 'actor').allTextContents()).toEqual([`user/${NBSP_ALICE}`]);
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'edge-whitespace-chip-960.png') });
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
  });

  it('finds a source IP in Find a value by the escape it is shown with, as copied from its cell, and that value alone', async () => {
    const { page } = app;
    const box = page.getByRole('combobox', { name: 'Find a value' });
    const options = page.getByRole('listbox', { name: 'Values of this case' }).getByRole('option');
    await box.fill(TRAILING);
    await options.first().filter({ hasText: TRAILING }).waitFor();
    expect(await options.allTextContents()).toEqual([`Source IP ${TRAILING} 1 event`]);
    await page.screenshot({ path: join(SHOTS, 'edge-whitespace-find.png') });
    await box.press('Enter');
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
    expect(await page.locator('.chip').allTextContents()).toEqual([`Source IP: ${TRAILING}×`]);
    expect(await cells(page, 'sourceIp').allTextContents()).toEqual([TRAILING]);
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });

  it('names the file whose name ends in a space with the space escaped in the Evidence panel', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    const panel = page.getByRole('region', { name: 'Evidence' });
    await panel.locator('tbody tr').nth(1).waitFor();
    const files = await panel.locator('tbody tr:not(.issue-row) td:first-child').allTextContents();
    expect(files.map((file) => file.slice(file.lastIndexOf('/') + 1))).toEqual(['events.ndjson', String.raw`nbsp-user.ndjson\u0020`]);
    // Its own name in bold, whole: the escape's backslash is no folder separator.
    expect(await panel.locator('.file-base').allTextContents()).toEqual(['events.ndjson', String.raw`nbsp-user.ndjson\u0020`]);
    await panel.getByRole('button', { name: String.raw`Copy the SHA-256 of nbsp-user.ndjson\u0020` }).waitFor();
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'edge-whitespace-evidence-960.png') });
  });
});
