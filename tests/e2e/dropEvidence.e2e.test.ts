import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { CORPUS, writeCorpusBundle } from '../fixtures/generators/trailBundle';
import { drag } from './dragFiles';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
const ingestLine = (page: Page) => page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent();
const overlay = (page: Page) => page.locator('.drop-overlay');

describe('dropping files and folders on the window', () => {
  let evidence: string;
  let large: string;
  let app: LaunchedApp;
  /** Where the app was loaded: a drop must never take the page anywhere else. */
  let home: string;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-drop-'));
    large = await mkdtemp(join(tmpdir(), 'cairn-e2e-drop-large-'));
    await writeCorpusBundle(evidence);
    // Large enough that a cancel lands while it runs.
    await writeSyntheticBundle(large, 120_000, 100);
    app = await launchApp({
      dropPaths: {
        'trail-bucket': evidence,
        'large-bucket': large,
        'aws_cloudtrail.json': join(CORPUS, 'plaso/aws_cloudtrail.json'),
        'rule-test-events.json': join(CORPUS, 'panther-analysis/rule-test-events.json'),
      },
    });
    home = app.page.url();
    expect(home).toMatch(/\/index\.html$/);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
    await rm(large, { recursive: true, force: true });
  });

  it('without an open case, adds nothing, says why and stays on the page', async () => {
    const { page } = app;
    await page.getByText('No cases yet.', { exact: false }).waitFor();
    expect(await drag(page, ['trail-bucket'], ['dragenter', 'dragover'])).toEqual([true, true]);
    expect(await overlay(page).textContent()).toBe('Open or create a case first, then drop the evidence on it.');
    await page.screenshot({ path: join(SHOTS, 'drop-evidence-refused.png') });
    expect(await drag(page, ['trail-bucket'], ['drop'])).toEqual([true]);
    expect(await page.getByRole('alert').textContent()).toBe('Open or create a case first, then drop the evidence on it.');
    await overlay(page).waitFor({ state: 'detached' });
    expect(await page.getByText('No cases yet.', { exact: false }).count()).toBe(1);
    expect(page.url()).toBe(home);
  });

  it('shows the overlay while files are dragged over an open case, and hides it when they leave', async () => {
    const { page } = app;
    await newCase(page, 'Dropped folder');
    expect(await page.getByRole('alert').count()).toBe(0);
    await drag(page, ['trail-bucket'], ['dragenter', 'dragover']);
    await overlay(page).waitFor();
    expect(await overlay(page).textContent()).toBe('Drop files or folders to add them to this case');
    await page.screenshot({ path: join(SHOTS, 'drop-evidence-overlay.png') });
    await drag(page, ['trail-bucket'], ['dragleave']);
    await overlay(page).waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { name: 'Add the evidence for this case' }).count()).toBe(1);
  });

  it('adds a dropped folder: every event of the bundle, as when it is picked in the dialog', async () => {
    const { page } = app;
    expect(await drag(page, ['trail-bucket'], ['dragenter', 'dragover', 'drop'])).toEqual([true, true, true]);
    await waitForImport(page);
    expect(await text(page, 'event-count')).toBe('473');
    expect(await text(page, 'stored-count')).toBe('473');
    expect(await ingestLine(page)).toBe('64.2 KB of 64.2 KB · 473 events stored · 23 duplicates skipped · 288 conflicting copies');
    expect(await text(page, 'file-count')).toBe('6');
    await overlay(page).waitFor({ state: 'detached' });
    expect(page.url()).toBe(home);
    await page.screenshot({ path: join(SHOTS, 'drop-evidence-folder.png') });
  });

  it('adds nothing for a file that is not on this computer, and says so', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'Dropped files');
    expect(await drag(page, ['made-up.json'], ['dragenter', 'dragover', 'drop'])).toEqual([true, true, true]);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Nothing was added: only files and folders from this computer can be dropped here.');
    expect(await page.getByRole('heading', { name: 'Add the evidence for this case' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Import progress' }).count()).toBe(0);
    expect(page.url()).toBe(home);
  });

  it('adds several dropped files at once, skipping those that are not on this computer', async () => {
    const { page } = app;
    await drag(page, ['aws_cloudtrail.json', 'made-up.json', 'rule-test-events.json'], ['dragenter', 'dragover', 'drop']);
    await waitForImport(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await text(page, 'event-count')).toBe('446');
    expect(await ingestLine(page)).toBe('673.1 KB of 673.1 KB · 446 events stored · 23 duplicates skipped · 261 conflicting copies');
    expect(await text(page, 'file-count')).toBe('2');
    await page.getByRole('tab', { name: 'Evidence (2)' }).click();
    await page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
    const files = page.getByRole('region', { name: 'Evidence' }).locator('tbody tr:not(.issue-row) td:first-child');
    // Listed by path.
    expect(await files.allTextContents()).toEqual([join(CORPUS, 'panther-analysis/rule-test-events.json'), join(CORPUS, 'plaso/aws_cloudtrail.json')]);
  });

  it('takes the first of two drops made before its import has started, and refuses the second', async () => {
    const { page } = app;
    await page.getByRole('banner').getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'Dropped twice');
    // Both drops land in one task: the second comes before the first job's port or answer.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['{}'], 'aws_cloudtrail.json'));
      for (let drop = 0; drop < 2; drop++) {
        for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    });
    await waitForImport(page);
    expect(await page.getByRole('alert').textContent()).toBe('An import is running: drop more evidence once it has finished.');
    expect(await text(page, 'event-count')).toBe('9');
    expect(await ingestLine(page)).toBe('6.4 KB of 6.4 KB · 9 events stored');
    expect(await text(page, 'file-count')).toBe('1');
  });

  it('refuses a drop while an import runs, and made no request outside the app', async () => {
    const { page } = app;
    await page.getByRole('banner').getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'Busy');
    await drag(page, ['large-bucket'], ['dragenter', 'dragover', 'drop']);
    await page.getByText(/^Reading file [\d,]+ of 1,200$/).waitFor();
    await drag(page, ['rule-test-events.json'], ['dragenter', 'dragover']);
    expect(await overlay(page).textContent()).toBe('An import is running: drop more evidence once it has finished.');
    expect(await drag(page, ['rule-test-events.json'], ['drop'])).toEqual([true]);
    expect(await page.getByRole('alert').textContent()).toBe('An import is running: drop more evidence once it has finished.');
    await page.getByTestId('stored-count').filter({ hasNotText: /^0$/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForImport(page, 'Import cancelled');
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    // The panel asks the query worker for its files: they come a moment after the tab.
    await page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
    const files = await page.getByRole('region', { name: 'Evidence' }).locator('tbody tr:not(.issue-row) td:first-child').allTextContents();
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !file.startsWith(large))).toEqual([]);
    expect(page.url()).toBe(home);
    expect(app.externalRequests).toEqual([]);
  });
});
