import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { selectRow } from './listing';
import { s3Call } from '../fixtures/generators/s3Calls';

const event = (n: number, user: string, eventName: string, more: Record<string, unknown> = {}) => s3Call(n, user, eventName, '203.0.113.9', more);
const FAILED = event(2, 'bob', 'DeleteBucket', { errorCode: 'AccessDenied', errorMessage: 'User: bob is not authorized to perform: s3:DeleteBucket' });
const CONFLICT = event(3, 'carol', 'PutBucketPolicy');
const COPIED = event(4, 'dave', 'PutBucketAcl');
const EVIDENCE = {
  'trail.json': JSON.stringify({ Records: [event(1, 'alice', 'ListBuckets'), FAILED, CONFLICT, COPIED] }),
  // The same eventID from another source IP: a conflicting copy.
  'copy.ndjson': `${JSON.stringify({ ...CONFLICT, sourceIPAddress: '198.51.100.7' })}\n`,
  // Two more of another: several conflicting copies.
  'copies.ndjson': ['198.51.100.7', '198.51.100.8'].map((sourceIPAddress) => `${JSON.stringify({ ...COPIED, sourceIPAddress })}\n`).join(''),
  // A console Event history row of the first event: a partial copy.
  'partial.csv': 'Event ID,Event time,Event name,User name,AWS region,Source IP address\n7d3c0000-0000-4000-8000-000000000001,2024-05-01T10:01:00Z,ListBuckets,alice,eu-west-1,203.0.113.9\n',
  // Not gzip at all: an error with its location in the banner and the evidence panel.
  'broken.json.gz': 'not a gzip stream',
};

const SHOTS = join(import.meta.dirname, '../../test-results');

/** axe-core's own build, read from node_modules: the page never fetches it. */
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('every screen, checked by axe-core in the large and the smallest window', () => {
  let app: LaunchedApp;

  /**
   * Runs axe over the whole page as it stands, in the large window and in the smallest (960×600),
   * with its default rules (WCAG 2 A and AA, and best practice), none turned off: one line per
   * window, violation and element, the window's width, the rule, its impact and the element, at any
   * impact (minor and moderate too: the app has none, and should keep it so).
   */
  const violations = async (): Promise<string[]> => {
    const { page } = app;
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await AXE_SOURCE);
    const found: string[] = [];
    for (const [width, height] of [[1360, 860], [960, 600]] as const) {
      await page.setViewportSize({ width, height });
      // Laid out again at that size (the listing draws the rows its height holds) before axe reads it.
      expect(await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(() => drawn([innerWidth, innerHeight])))))).toEqual([width, height]);
      const results = await page.evaluate(() => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { resultTypes: ['violations'] }));
      found.push(...results.violations.flatMap((violation) => violation.nodes.map((node) => `${width}: ${violation.id} (${violation.impact}): ${node.target.join(' ')}`)));
    }
    await page.setViewportSize({ width: 1360, height: 860 });
    return found;
  };

  /** The page at the large and the small window size, as `name`-1360.png and `name`-960.png. */
  const screenshots = async (name: string) => {
    for (const [width, height] of [[1360, 850], [960, 600]] as const) {
      await app.page.setViewportSize({ width, height });
      await app.page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
    }
    await app.page.setViewportSize({ width: 1360, height: 860 });
  };

  beforeAll(async () => {
    app = await caseWithEvidence('Accessibility', EVIDENCE);
    await app.page.getByTestId('listing-count').filter({ hasText: /^8 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
  }, 60_000);
  afterAll(() => app.close());

  it('keeps the CSP: an inline script tag is refused, so axe comes in through the devtools protocol', async () => {
    await expect(app.page.addScriptTag({ content: 'window.inlineRan = true' })).rejects.toThrow("Executing inline script violates the following Content Security Policy directive 'script-src 'self''");
    expect(await app.page.evaluate(() => 'inlineRan' in window)).toBe(false);
  });

  it('finds nothing in the import banner with errors', async () => {
    expect(await app.page.getByRole('region', { name: 'Import progress' }).textContent()).toBe('Import complete3.8 KB of 3.8 KB · 8 events stored · 3 conflicting copies · 1 error×');
    expect(await violations()).toEqual([]);
  });

  it('finds nothing in the explorer with a failed event selected (outcome, Who)', async () => {
    await selectRow(app.page, ['DeleteBucket']);
    await app.page.getByRole('region', { name: 'Outcome' }).getByText('AccessDenied').waitFor();
    await app.page.getByRole('region', { name: 'Identity' }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it('finds nothing with an event in conflict selected', async () => {
    await selectRow(app.page, ['PutBucketPolicy', '198.51.100.7']);
    await app.page.getByRole('region', { name: 'Conflict' }).waitFor();
    expect(await violations()).toEqual([]);
    // The other copy's JSON scrolls in its box: the keyboard reaches it, after the button before it, to scroll it.
    const conflict = app.page.getByRole('region', { name: 'Conflict' });
    await conflict.getByRole('button', { name: 'Select the other copy' }).focus();
    await app.page.keyboard.press('Tab');
    expect(await conflict.getByRole('region', { name: 'JSON of the other copy' }).evaluate((json) => json === document.activeElement && json.scrollHeight > json.clientHeight)).toBe(true);
    await screenshots('a11y-conflict');
  });

  it('finds nothing with an event of several conflicting copies selected, summed up and compared one by one', async () => {
    await selectRow(app.page, ['PutBucketAcl', '198.51.100.8']);
    const compare = app.page.getByRole('region', { name: 'Conflict' }).getByRole('button', { name: 'Compare the copies one by one' });
    await compare.waitFor();
    expect(await violations()).toEqual([]);
    await compare.click();
    await app.page.getByRole('region', { name: 'Other copy 2 of 2' }).waitFor();
    expect(await violations()).toEqual([]);
    await screenshots('a11y-conflict-copies');
  });

  it('finds nothing with a partial copy selected', async () => {
    await selectRow(app.page, ['ListBuckets']);
    await app.page.getByRole('region', { name: 'Partial copy' }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it('finds nothing in a listing left empty', async () => {
    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('noted');
    await app.page.getByTestId('listing-count').filter({ hasText: /^0 of 8 events$/ }).waitFor();
    await app.page.getByText('No events match.').waitFor();
    expect(await violations()).toEqual([]);
    await screenshots('a11y-listing-none');
    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await app.page.getByTestId('listing-count').filter({ hasText: /^8 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
  });

  it("finds nothing with the value finder's suggestions open, nor with none matching", async () => {
    const box = app.page.getByRole('combobox', { name: 'Find a value' });
    await box.fill('203.0.113');
    await app.page.getByRole('option', { name: 'Source IP 203.0.113.9 5 events' }).waitFor();
    expect(await violations()).toEqual([]);
    await screenshots('a11y-find-value');
    await box.fill('zzqqxx');
    await app.page.getByText('No value of this case matches').waitFor();
    expect(await violations()).toEqual([]);
    await box.press('Escape');
    await box.press('Escape');
  });

  it('finds nothing with the Columns menu open', async () => {
    await app.page.getByText('Columns').click();
    await app.page.getByRole('checkbox').first().waitFor();
    expect(await violations()).toEqual([]);
    await app.page.getByText('Columns').click();
  });

  it('finds nothing in the Evidence panel with errors', async () => {
    await app.page.getByRole('tab', { name: /^Evidence/ }).click();
    const panel = app.page.getByRole('region', { name: 'Evidence' });
    await panel.getByRole('combobox').selectOption({ label: 'files with errors (1)' });
    await panel.locator('.issue-row').first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it('finds nothing on the start screen with cases, the new-case form and the delete question', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByTestId('case-row').first().waitFor();
    expect(await violations()).toEqual([]);
    // A name another case has: the form warns under the box.
    await page.getByPlaceholder(/^e\.g\./).fill('Accessibility');
    await page.getByText(/other case is named/).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Delete Accessibility' }).click();
    await page.getByRole('alertdialog').waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete case' }).click();
    await page.getByTestId('case-row').waitFor({ state: 'detached' });
    // The empty start screen.
    await page.getByPlaceholder(/^e\.g\./).fill('');
    expect(await violations()).toEqual([]);
  });
});
