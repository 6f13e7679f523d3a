import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManyFilesBundle, type ManyFilesBundle } from '../fixtures/generators/manyFiles';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const FILES = 5000;

describe('the evidence panel with thousands of files', () => {
  let evidence: string;
  let bundle: ManyFilesBundle;
  let app: LaunchedApp;
  const panel = () => app.page.getByRole('region', { name: 'Evidence' });
  const fileRows = () => panel().locator('tbody tr:not(.issue-row)');
  const names = () => panel().locator('tbody tr:not(.issue-row) .file-base').allTextContents();
  const count = () => panel().getByTestId('evidence-count').textContent();
  const show = (label: string) => panel().getByRole('combobox').selectOption({ label });

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-many-'));
    bundle = await writeManyFilesBundle(evidence, FILES);
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Five thousand files');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await app.page.getByRole('tab', { name: 'Evidence (5,001)' }).click();
    await fileRows().first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('sums up the files and their problems, and draws a page of them, not thousands of rows', async () => {
    expect(bundle.events).toBe(10_082);
    expect(await panel().getByTestId('evidence-summary').textContent()).toBe('5,001 files · 10,082 events · 3 files with errors · 1 with warnings only · 1 with duplicates · 2 with events in conflict');
    expect(await count()).toBe('5,001 files');
    // By path: the .DS_Store beside the AWSLogs folder first, its warning under it.
    expect((await names()).slice(0, 3)).toEqual(['.DS_Store', basename(bundle.keys[3]!), basename(bundle.keys[7]!)]);
    expect(await panel().locator('.issue-row').first().textContent()).toBe("warning.DS_Store file (Finder's folder view settings): macOS metadata, not a log: no events");
    expect(await panel().locator('tbody tr').count()).toBe(101);
    expect(await panel().locator('.evidence-more').textContent()).toBe('Showing the first 100 of 5,001. Show 100 more');
    await app.page.screenshot({ path: join(SHOTS, 'evidence-many-files.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await app.page.screenshot({ path: join(SHOTS, 'evidence-many-files-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 860 });
  });

  it('keeps the column headers in view while the files scroll under them', async () => {
    const files = panel().locator('.evidence-files');
    await files.evaluate((box) => box.scrollBy(0, 3000));
    expect(await files.evaluate((box) => box.scrollTop)).toBe(3000);
    const [boxTop, headerTop] = [(await files.boundingBox())!.y, (await panel().getByRole('columnheader', { name: /^File/ }).boundingBox())!.y];
    expect(Math.round(headerTop - boxTop)).toBe(0);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-scrolled.png') });
    await files.evaluate((box) => box.scrollTo(0, 0));
  });

  it('draws the next page on request, from the keyboard too', async () => {
    await panel().getByRole('button', { name: 'Show 100 more' }).focus();
    await app.page.keyboard.press('Enter');
    await fileRows().nth(199).waitFor();
    expect(await fileRows().count()).toBe(200);
    expect(await panel().locator('.evidence-more').textContent()).toBe('Showing the first 200 of 5,001. Show 100 more');
  });

  it('lists exactly the damaged files under "files with errors", each error with its location', async () => {
    await show('files with errors (3)');
    await panel().getByTestId('evidence-count').filter({ hasText: /^3 of 5,001 files$/ }).waitFor();
    const { truncated, malformed, notCloudTrail } = bundle.damaged;
    expect(await names()).toEqual([notCloudTrail, malformed, truncated].map((key) => basename(key)));
    expect(await fileRows().locator('td:nth-child(7)').allTextContents()).toEqual(['1', '1', '1']);
    expect(await panel().locator('.issue-row.error .issue-location').count()).toBe(3);
    expect(await panel().locator('tbody tr').count()).toBe(6);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-files-with-errors.png') });
    await show('files with errors or warnings (4)');
    await panel().getByTestId('evidence-count').filter({ hasText: /^4 of 5,001 files$/ }).waitFor();
    expect(await names()).toEqual(['.DS_Store', ...[notCloudTrail, malformed, truncated].map((key) => basename(key))]);
    await show('files with events in conflict (2)');
    await panel().getByTestId('evidence-count').filter({ hasText: /^2 of 5,001 files$/ }).waitFor();
    expect(await names()).toEqual(bundle.conflicting.map((key) => basename(key)));
    await show('all files');
    await panel().getByTestId('evidence-count').filter({ hasText: /^5,001 files$/ }).waitFor();
  });

  it('finds a file by part of its S3 key, case ignored, and with Show', async () => {
    const search = panel().getByRole('searchbox', { name: 'Find files whose path or S3 key contains' });
    await search.fill('AP-SOUTHEAST-2_20240501T0005Z');
    await panel().getByTestId('evidence-count').filter({ hasText: /^1 of 5,001 files$/ }).waitFor();
    expect(await names()).toEqual([basename(bundle.keys[7]!)]);
    await search.fill('/2024/05/05/');
    await panel().getByTestId('evidence-count').filter({ hasText: /^392 of 5,001 files$/ }).waitFor();
    await show('files with errors (3)');
    await panel().getByTestId('evidence-count').filter({ hasText: /^3 of 5,001 files$/ }).waitFor();
    await search.fill('no such file');
    await panel().getByTestId('evidence-count').filter({ hasText: /^0 of 5,001 files$/ }).waitFor();
    expect(await panel().locator('.evidence-none').textContent()).toBe('No file is shown with these choices.');
    await search.fill('');
    await show('all files');
    await panel().getByTestId('evidence-count').filter({ hasText: /^5,001 files$/ }).waitFor();
  });

  it('orders the files by a column picked, largest first, and turns round when picked again', async () => {
    const events = panel().getByRole('columnheader', { name: 'Events', exact: true });
    await events.getByRole('button').click();
    await panel().locator('th[aria-sort="descending"]', { hasText: 'Events' }).waitFor();
    await panel().getByText(basename(bundle.keys[17]!)).waitFor();
    const top = async () => (await fileRows().evaluateAll((rows) => rows.slice(0, 4).map((row) => [row.querySelector('.file-base')!.textContent, row.querySelectorAll('td')[3]!.textContent])));
    expect(await top()).toEqual([
      [basename(bundle.keys[17]!), '40'],
      [basename(bundle.keys[1234]!), '30'],
      [basename(bundle.keys[3001]!), '25'],
      [basename(bundle.keys[8]!), '4'],
    ]);
    expect(await events.getAttribute('aria-sort')).toBe('descending');
    expect(await panel().getByRole('columnheader', { name: 'File' }).getAttribute('aria-sort')).toBeNull();
    await app.page.screenshot({ path: join(SHOTS, 'evidence-by-events.png') });
    await events.getByRole('button').click();
    await panel().locator('th[aria-sort="ascending"]', { hasText: 'Events' }).waitFor();
    // The new order's rows come from the query worker a moment after the header shows it.
    await expect.poll(async () => (await top()).map(([, held]) => held)).toEqual(['0', '0', '0', '0']);
    expect(await fileRows().count()).toBe(100);
  });
});
