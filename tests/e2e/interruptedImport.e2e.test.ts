import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelRows } from './evidenceRows';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const event = (n: number) =>
  `{"eventVersion":"1.08","eventID":"00000000-0000-0000-0000-${String(n).padStart(12, '0')}","eventTime":"2024-03-01T00:00:${String(n % 60).padStart(2, '0')}Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u${n}"}}`;
const records = (numbers: number[]) => `{"Records":[${numbers.map(event).join(',')}]}`;
const CLOSED = 'Import stopped: the app closed while it ran';
const ADD_AGAIN = 'Add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed.';
const banner = (page: Page) => page.getByRole('region', { name: 'Import progress' });

/** How many segments the case's database holds, as the page's own IndexedDB reads it. */
const storedSegments = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const [info] = (await indexedDB.databases()).filter((db) => db.name?.startsWith('cairn-case-'));
    if (!info) return 0;
    const db = await new Promise<IDBDatabase>((opened, failed) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => opened(request.result);
      request.onerror = () => failed(request.error);
    });
    const count = await new Promise<number>((counted) => {
      const request = db.transaction('segments').objectStore('segments').count();
      request.onsuccess = () => counted(request.result);
    });
    db.close();
    return count;
  });

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1360, 850],
    [960, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1360, height: 860 });
}

describe('an import cut off by the app closing, then the same evidence added again', () => {
  let evidence: string;
  let profileDir: string;
  let app: LaunchedApp | undefined;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'e-'));
    profileDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'));
    await writeFile(join(evidence, 'a.json'), records([1, 2, 3]));
    await writeFile(join(evidence, 'b.ndjson'), Array.from({ length: 10_000 }, (_, n) => `${event(100 + n)}\n`).join(''));
    await writeFile(join(evidence, 'c.json'), records([9]));
  });
  afterAll(async () => {
    await app?.close();
    await rm(evidence, { recursive: true, force: true });
    await rm(profileDir, { recursive: true, force: true });
  });

  it('closed mid-import, lists the case on the next start with the figures it holds', async () => {
    // The app closes once 6 batches of 1,024 events have reached it: a.json's 3 events and b.ndjson's
    // first 6,141. A segment of 4,096 is stored; the rest was being gathered into the next.
    const first = await launchApp({ evidence: [evidence], profileDir, holdIngestAfter: 6 });
    await newCase(first.page, 'Closed mid-import');
    await first.page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await expect.poll(() => storedSegments(first.page), { timeout: 30_000 }).toBe(1);
    // The listing's footer, like the case's figure, says its count is still growing while the import runs.
    await expect.poll(() => first.page.getByTestId('listing-count').textContent(), { timeout: 10_000 }).toBe('4,096 events listed so far');
    expect(await first.page.getByRole('region', { name: 'Case summary' }).locator('.stat-label').first().textContent()).toBe('Events listed so far');
    await first.close();
    app = await launchApp({ evidence: [evidence], profileDir });
    const row = app.page.getByTestId('case-row');
    await expect.poll(() => row.locator('td').evaluateAll((cells) => cells.slice(0, 5).map((td) => td.textContent))).toEqual(['Closed mid-import', '4,096', '2024-03-01 00:00:00 2024-03-01 00:00:59', '59 s', '2']);
  });

  it('says the import stopped when the app closed, and lists the file it was in with its stored events', async () => {
    const { page } = app!;
    await page.getByRole('button', { name: 'Open Closed mid-import' }).click();
    await page.getByTestId('event-count').waitFor();
    expect(await page.getByTestId('event-count').textContent()).toBe('4,096');
    expect(await banner(page).locator('strong').textContent()).toBe('Import stopped');
    expect(await banner(page).locator('.ingest-line > span').textContent()).toBe('4,096 events stored · 1 error');
    expect(await page.locator('.ingest-error').textContent()).toBe(
      `Import stopped: the app closed while it ran. The case holds the 4,096 events it stored, and each file they came from says how many of its events the case holds; files it had not reached are not listed. ${ADD_AGAIN}`,
    );
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    expect(await panelRows(page)).toEqual([
      ['file', 'a.json', 'cloudtrail-records', '3', '0', '0', 'hashed'],
      ['file', 'b.ndjson', 'ndjson', '4,093', '0', '1', 'not hashed: not read to its end'],
      ['error', 'after event 4092', `${CLOSED}: the case holds 4,093 of this file's events; the rest of it is not in the case`],
    ]);
    expect(await page.getByTestId('evidence-summary').textContent()).toBe('2 files · 4,096 events · 1 file with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict');
    await shots(page, 'interrupted-import');
  });

  it('says it once: opened again, the case is as it was and the banner is gone', async () => {
    const { page } = app!;
    await page.getByRole('button', { name: 'Close case' }).click();
    const row = page.getByTestId('case-row');
    await expect.poll(() => row.locator('td').evaluateAll((cells) => cells.slice(0, 5).map((td) => td.textContent))).toEqual(['Closed mid-import', '4,096', '2024-03-01 00:00:00 2024-03-01 00:00:59', '59 s', '2']);
    await page.getByRole('button', { name: 'Open Closed mid-import' }).click();
    await expect.poll(() => page.getByTestId('evidence-summary').textContent()).toBe('2 files · 4,096 events · 1 file with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict');
    expect(await banner(page).count()).toBe(0);
  });

  it('added again, holds each file once, read whole, no event twice', async () => {
    const { page } = app!;
    await page.getByRole('button', { name: 'Add evidence…' }).first().click();
    await waitForImport(page);
    await expect.poll(() => page.getByTestId('evidence-summary').textContent()).toBe('3 files · 10,004 events · 0 files with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict');
    expect(await banner(page).locator('.ingest-line > span').textContent()).toBe('2.3 MB of 2.3 MB · 5,908 events stored · 4,096 duplicates skipped');
    expect(await page.getByTestId('event-count').textContent()).toBe('10,004');
    await page.getByRole('tab', { name: 'Events' }).click();
    expect(await page.getByTestId('listing-count').textContent()).toBe('10,004 events');
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    const note = ['note', '', 'Added 2 times (same path): the 1st time, the import stopped before reading it whole (below); the 2nd time, it was read whole. The case holds all of it, its events counted once'];
    expect(await panelRows(page)).toEqual([
      ['file', 'a.json', 'cloudtrail-records', '3', '0', '0', 'hashed'],
      ['note', '', 'Added 2 times (same path and SHA-256): its events are counted once'],
      ['file', 'b.ndjson', 'ndjson', '10,000', '0', '0', 'hashed'],
      note,
      ['stopped', 'after event 4092', `the 1st time: ${CLOSED}: the case holds 4,093 of this file's events; the rest of it is not in the case`],
      ['file', 'c.json', 'cloudtrail-records', '1', '0', '0', 'hashed'],
    ]);
    await shots(page, 'interrupted-import-added-again');
  });
});
