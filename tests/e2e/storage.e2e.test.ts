import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');

function writerWorker(page: Page): Worker {
  const worker = page.workers().find((candidate) => candidate.url().includes('writer'));
  if (!worker) throw new Error('the writer worker is not running');
  return worker;
}

/**
 * Makes the writer's IndexedDB refuse every segment after the first `accepted` with the
 * DOMException a full disk raises. Chromium's CDP quota override (Storage.overrideQuotaForOrigin)
 * is not enforced on IndexedDB writes here, so the refusal is injected at the IndexedDB boundary;
 * everything above it (Dexie, the writer, the job, the UI) runs for real.
 */
function fillDiskAfter(page: Page, accepted: number): Promise<void> {
  return writerWorker(page).evaluate((limit) => {
    const scope = self as unknown as { __add?: typeof IDBObjectStore.prototype.add };
    scope.__add ??= IDBObjectStore.prototype.add;
    const add = scope.__add;
    let segments = 0;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      if (this.name === 'segments' && ++segments > limit) throw new DOMException('The disk is full.', 'QuotaExceededError');
      return add.apply(this, args);
    };
  }, accepted);
}

function freeDisk(page: Page): Promise<void> {
  return writerWorker(page).evaluate(() => {
    const scope = self as unknown as { __add?: typeof IDBObjectStore.prototype.add };
    if (scope.__add) IDBObjectStore.prototype.add = scope.__add;
  });
}

const progressLine = (page: Page) => page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent();

describe('storage', () => {
  let evidence: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-full-'));
    // 10 files of 2,000 events: segments hold 4,096, so two segments end inside the fifth file.
    await writeSyntheticBundle(evidence, 20_000, 2000);
    app = await launchApp({ evidence: [evidence] });
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('asks for persistent storage and says what it got', async () => {
    const status = await app.page.getByTestId('storage-status').textContent();
    const persisted = await app.page.evaluate(() => navigator.storage.persisted());
    expect(status).toMatch(/^Cases take \d+(\.\d)? (B|KB|MB) of the \d+(\.\d)? (GB|TB) this machine allows\. /);
    expect(status!.endsWith(persisted ? 'Storage is persistent: the system will not clear them.' : 'Storage is not persistent: the system may clear cases when disk space runs low.')).toBe(true);
  });

  it('stops cleanly on a full disk: what is stored is counted, each file says how much of it is in', async () => {
    const { page } = app;
    await newCase(page, 'Full disk');
    await fillDiskAfter(page, 2);
    await page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await waitForImport(page, 'Import stopped');
    expect(await page.locator('.ingest-error').textContent()).toBe(
      'Import stopped: the disk is full (storage quota exceeded). 8,192 events are stored and every file says how many of its events the case holds. Free some space, then add the same evidence again: events already in the case are skipped.',
    );
    expect(await page.getByTestId('event-count').textContent()).toBe('8,192');
    expect(await page.getByTestId('file-count').textContent()).toBe('6');

    await page.getByRole('tab', { name: /^Evidence/ }).click();
    const rows = page.getByRole('region', { name: 'Evidence' }).locator('tbody tr:not(.issue-row)');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3]!.textContent))).toEqual(['2,000', '2,000', '2,000', '2,000', '192', '0']);
    expect(await page.locator('.issue-row .issue-message').allTextContents()).toEqual([
      'Import stopped: the disk is full (storage quota exceeded): 192 of its 2,000 events are in the case',
      'Import stopped: the disk is full (storage quota exceeded): 0 of its 2,000 events are in the case',
    ]);
    await page.screenshot({ path: join(SHOTS, 'storage-full-disk.png') });

    // Space freed: adding the same evidence again completes the case, skipping what it holds.
    await freeDisk(page);
    await page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await page.getByText('Import complete', { exact: true }).waitFor({ timeout: 45_000 });
    expect(await progressLine(page)).toBe('748.0 KB of 748.0 KB · 11,808 events stored · 8,192 duplicates skipped');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('20,000');
  });
});
