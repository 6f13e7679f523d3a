import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const [RLO, PDF] = ['\u202e', '\u202c'];
/** Reads as `user/exe.png-admin` where bidirectional text is obeyed. */
const ACTOR = `arn:aws:iam::111111111111:user/${RLO}gnp.exe${PDF}-admin`;
const SHOWN_ACTOR = String.raw`arn:aws:iam::111111111111:user/\u202egnp.exe\u202c-admin`;
const EVENT = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: ACTOR, accountId: '111111111111', userName: `${RLO}gnp.exe${PDF}-admin` },
  eventTime: '2025-02-02T10:00:41Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-cli/2.15.0',
  requestParameters: { bucketName: 'b1', [`key${RLO}txt.exe`]: `${RLO}fdp.exe` },
  eventID: '8c0f8a7e-0000-4000-8000-000000000001',
  eventType: 'AwsApiCall',
  recipientAccountId: '111111111111',
};
const TEXT = JSON.stringify(EVENT);

/** Every bidirectional formatting character the page shows as text, in a tooltip or as an accessible name. */
const liveHidden = (page: Page) =>
  page.evaluate(() => {
    const hidden = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
    const attributes = [...document.querySelectorAll('[title], [aria-label]')].flatMap((element) => [element.getAttribute('title') ?? '', element.getAttribute('aria-label') ?? '']);
    return [document.body.innerText, ...attributes].join('\n').match(hidden) ?? [];
  });

describe('names from the evidence that reorder themselves', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence(`IR ${RLO}cba`, { 'events.ndjson': `${TEXT}\n` });
  });
  afterAll(() => app.close());

  it('shows them escaped in the listing, the detail, the pivots and the filter chip', async () => {
    const { page } = app;
    expect(await page.locator('.case-name').textContent()).toBe(String.raw`IR \u202ecba`);
    const actorCell = page.locator('.grid-row .col-actor');
    expect([await actorCell.textContent(), await actorCell.getAttribute('title')]).toEqual([String.raw`user/\u202egnp.exe\u202c-admin`, SHOWN_ACTOR]);

    await page.locator('.grid-row').first().click();
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    await pane.getByTestId('event-json').waitFor();
    expect(await pane.getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents()).toEqual([
      'TypeIAMUser',
      `Principal${SHOWN_ACTOR}`,
      String.raw`User name\u202egnp.exe\u202c-admin`,
      'Account111111111111',
    ]);
    const params = pane.getByRole('region', { name: 'Request parameters' });
    expect(await params.locator('.param-path').allTextContents()).toEqual(['bucketName', String.raw`["key\u202etxt.exe"]`]);
    expect(await params.locator('.param-value').allTextContents()).toEqual(['"b1"', String.raw`"\u202efdp.exe"`]);
    expect(await liveHidden(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'spoofed-text-detail.png') });

    await pane.getByRole('button', { name: `this actor: ${SHOWN_ACTOR}` }).click();
    expect(await page.locator('.chip').allTextContents()).toEqual([`Actor: ${SHOWN_ACTOR}×`]);
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 1 event$/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'spoofed-text-chip.png') });
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
  });

  it('shows the JSON with the characters as escapes, which is the same JSON, and copies the original text', async () => {
    const { page } = app;
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    await page.locator('.grid-row').first().click();
    const json = async () => (await pane.getByTestId('event-json').textContent())!;
    expect(await json()).toContain(String.raw`"arn": "${SHOWN_ACTOR}"`);
    expect(JSON.parse(await json())).toEqual(EVENT);
    await pane.getByRole('button', { name: 'Raw (as in the file)' }).click();
    expect(await json()).toBe(TEXT.replaceAll(RLO, String.raw`\u202e`).replaceAll(PDF, String.raw`\u202c`));
    expect(JSON.parse(await json())).toEqual(EVENT);
    await pane.getByRole('button', { name: 'Copy JSON' }).click();
    await expect.poll(() => app.clipboard).toEqual([TEXT]);
  });

  it('shows the case name escaped on the start screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    const row = page.getByTestId('case-row');
    await row.waitFor();
    expect(await row.locator('.case-title').textContent()).toBe(String.raw`IR \u202ecba`);
    expect(await liveHidden(page)).toEqual([]);
    await page.getByRole('button', { name: String.raw`Open IR \u202ecba` }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'spoofed-text-start.png') });
  });
});
