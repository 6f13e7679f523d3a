import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDyingWorker } from '../fixtures/generators/dyingWorker';
import { panelRows } from './evidenceRows';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const event = (n: number) =>
  `{"eventVersion":"1.08","eventID":"00000000-0000-0000-0000-${String(n).padStart(12, '0')}","eventTime":"2024-03-01T00:00:00Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u${n}"}}`;
const records = (numbers: number[]) => `{"Records":[${numbers.map(event).join(',')}]}`;
const DIED = 'ingest stopped unexpectedly (exit code 7)';
const ADD_AGAIN = 'Add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed.';
/** The banner's figures, after its status. */
const bannerLine = (page: Page) => page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent();

async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1360, 960]) {
    await page.setViewportSize({ width, height: 860 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1360, height: 860 });
}

describe('an import whose ingest worker dies, then the same evidence added again', () => {
  let evidence: string;
  let app: LaunchedApp;
  const lines = Array.from({ length: 5000 }, (_, n) => `${event(100 + n)}\n`).join('');

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'e-'));
    await mkdir(join(evidence, 'd'));
    await writeFile(join(evidence, 'a.json'), records([1, 2, 3]));
    await writeFile(join(evidence, 'b.ndjson'), lines);
    await writeFile(join(evidence, 'c.json'), records([9]));
    await writeFile(join(evidence, 'd', 'e.json'), records([10]));
    // The worker dies about to send its first batch: a.json's 3 events and b.ndjson's first 1,021.
    const dying = await writeDyingWorker(await mkdtemp(join(tmpdir(), 'cairn-e2e-dying-')), 'ingestWorker', 'batch', 0);
    app = await launchApp({ evidence: [evidence], ingestWorkers: [dying] });
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('lists the file it was in and each file it had not reached, saying why', async () => {
    const { page } = app;
    await newCase(page, 'Worker died');
    await page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await waitForImport(page, 'Import stopped');
    expect(await page.locator('.ingest-error').textContent()).toBe(`Import stopped: ${DIED}. ${ADD_AGAIN}`);
    // 4 errors, as the panel lists them: a.json's lost events counted with the rest.
    expect(await bannerLine(page)).toBe('736 B of 1.2 MB · 0 events stored · 4 errors');
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    const cut = 'not hashed: not read to its end';
    const unread = 'not hashed: not read';
    const notRead = ['error', '', `not read: the import stopped before it because of an error: ${DIED}`];
    expect(await panelRows(page)).toEqual([
      // Read whole, its record came; its events were in the batch the worker died sending.
      ['file', 'a.json', 'cloudtrail-records', '0', '0', '1', 'hashed'],
      ['error', '', `Import stopped: ${DIED}: 0 of its 3 events are in the case`],
      // The file it was in, as it announced it.
      ['file', 'b.ndjson', 'unknown', '0', '0', '1', cut],
      ['error', '', `Import stopped: ${DIED}: the case holds none of this file's events`],
      // Not reached: none of them was read.
      ['file', 'c.json', 'unknown', '0', '0', '1', unread],
      notRead,
      ['file', 'd/e.json', 'unknown', '0', '0', '1', unread],
      notRead,
    ]);
    expect(await page.getByTestId('evidence-summary').textContent()).toBe('4 files · 0 events · 4 files with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict');
    await shots(page, 'stopped-import-worker-died');
  });

  it('added again, lists each file once, whole, saying the first import stopped and why', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await expect.poll(() => page.getByRole('region', { name: 'Import progress' }).locator('strong').textContent(), { timeout: 45_000 }).toBe('Import complete');
    await expect.poll(() => page.getByTestId('evidence-summary').textContent()).toMatch(/^4 files/);
    const note = ['note', '', 'Added 2 times (same path): the 1st time, the import stopped before reading it whole (below); the 2nd time, it was read whole. The case holds all of it, its events counted once'];
    const notReached = ['stopped', '', `the 1st time: not read: the import stopped before it because of an error: ${DIED}`];
    expect(await panelRows(page)).toEqual([
      ['file', 'a.json', 'cloudtrail-records', '3', '0', '0', 'hashed'],
      note,
      ['stopped', '', `the 1st time: Import stopped: ${DIED}: 0 of its 3 events are in the case`],
      ['file', 'b.ndjson', 'ndjson', '5,000', '0', '0', 'hashed'],
      note,
      ['stopped', '', `the 1st time: Import stopped: ${DIED}: the case holds none of this file's events`],
      ['file', 'c.json', 'cloudtrail-records', '1', '0', '0', 'hashed'],
      note,
      notReached,
      ['file', 'd/e.json', 'cloudtrail-records', '1', '0', '0', 'hashed'],
      note,
      notReached,
    ]);
    expect(await bannerLine(page)).toBe('1.2 MB of 1.2 MB · 5,005 events stored');
    expect(await page.getByTestId('evidence-summary').textContent()).toBe('4 files · 5,005 events · 0 files with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict');
    expect(await page.getByTestId('event-count').textContent()).toBe('5,005');
    await shots(page, 'stopped-import-added-again');
  });
});
