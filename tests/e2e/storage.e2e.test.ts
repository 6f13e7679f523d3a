import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

/**
 * Rewrites the one case database as the previous storage version (Dexie version 2, IndexedDB
 * version 20) held it: each segment's identity columns inside the segment, no identities table.
 * Plain IndexedDB, as a string: the page runs it as written.
 */
const REWRITE_AS_VERSION_2 = `(async () => {
  const ask = (request) => new Promise((done, fail) => { request.onsuccess = () => done(request.result); request.onerror = () => fail(request.error); });
  const names = (await indexedDB.databases()).map((db) => db.name).filter((name) => name.startsWith('cairn-case-'));
  if (names.length !== 1) throw new Error('expected one case database, found ' + names.length);
  const current = await ask(indexedDB.open(names[0]));
  const stores = ['segments', 'identities', 'texts', 'dictionaries', 'files', 'conflicts', 'annotations'];
  const read = current.transaction(stores, 'readonly');
  const dump = Object.fromEntries(await Promise.all(stores.map(async (store) => [store, await ask(read.objectStore(store).getAll())])));
  current.close();
  await ask(indexedDB.deleteDatabase(names[0]));
  const opening = indexedDB.open(names[0], 20);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    db.createObjectStore('segments', { keyPath: 'id' });
    db.createObjectStore('texts', { keyPath: 'id' });
    db.createObjectStore('dictionaries', { keyPath: ['segment', 'field'] });
    db.createObjectStore('files', { keyPath: 'id' });
    const conflicts = db.createObjectStore('conflicts', { keyPath: 'id', autoIncrement: true });
    conflicts.createIndex('eventId', 'eventId');
    conflicts.createIndex('[first.file+first.index]', ['first.file', 'first.index']);
    conflicts.createIndex('[second.file+second.index]', ['second.file', 'second.index']);
    db.createObjectStore('annotations', { keyPath: ['segment', 'row'] });
  };
  const old = await ask(opening);
  const write = old.transaction(stores.filter((store) => store !== 'identities'), 'readwrite');
  const identities = new Map(dump.identities.map((identity) => [identity.id, identity]));
  for (const segment of dump.segments) write.objectStore('segments').put({ ...segment, keys: identities.get(segment.id).keys, digests: identities.get(segment.id).digests });
  for (const store of ['texts', 'dictionaries', 'files', 'conflicts', 'annotations']) for (const record of dump[store]) write.objectStore(store).put(record);
  await new Promise((done, fail) => { write.oncomplete = done; write.onerror = () => fail(write.error); });
  old.close();
  return dump.segments.length;
})()`;

/** The case database's version, its segments and identities, and how many segments still hold identity columns. */
const STORED_LAYOUT = `(async () => {
  const ask = (request) => new Promise((done, fail) => { request.onsuccess = () => done(request.result); request.onerror = () => fail(request.error); });
  const name = (await indexedDB.databases()).map((db) => db.name).find((name) => name.startsWith('cairn-case-'));
  const db = await ask(indexedDB.open(name));
  const read = db.transaction(['segments', 'identities'], 'readonly');
  const segments = await ask(read.objectStore('segments').getAll());
  const identities = await ask(read.objectStore('identities').getAll());
  db.close();
  return { version: db.version, segments: segments.length, identities: identities.map((i) => [i.id, i.keys.length, i.digests.length]), withIdentities: segments.filter((s) => 'keys' in s || 'digests' in s).length };
})()`;

const progressLine = (page: Page) => page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent();

/**
 * Adds the evidence again and waits for that import to end with `line` as its figures (an earlier
 * import's banner may still say 'Import complete' until this one starts).
 */
async function importAgain(page: Page, line: string, timeout = 45_000): Promise<void> {
  await page.getByRole('button', { name: 'Add evidence…' }).first().click();
  // The last progress can show the final figures a moment before the import's end is shown.
  await expect.poll(async () => [await page.getByRole('region', { name: 'Import progress' }).locator('strong').textContent(), await progressLine(page)], { timeout }).toEqual(['Import complete', line]);
}

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
      'Import stopped: the disk is full (storage quota exceeded). 8,192 events are stored, and each file they came from says how many of its events the case holds. Free some space, then add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed.',
    );
    // The 1 error the panel lists (file 5's missing events), which the job never counted.
    expect(await progressLine(page)).toMatch(/^[\d.]+ KB of 748\.0 KB · 8,192 events stored · 1 error$/);
    expect(await page.getByTestId('event-count').textContent()).toBe('8,192');
    // Files 1-4 whole, 192 of file 5; none of file 6 (its record may have come) nor of the rest.
    expect(await page.getByTestId('file-count').textContent()).toBe('5');

    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
    const rows = page.getByRole('region', { name: 'Evidence' }).locator('tbody tr:not(.issue-row)');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3]!.textContent))).toEqual(['2,000', '2,000', '2,000', '2,000', '192']);
    expect(await page.locator('.issue-row .issue-message').allTextContents()).toEqual([
      'Import stopped: the disk is full (storage quota exceeded): 192 of its 2,000 events are in the case',
    ]);
    await page.screenshot({ path: join(SHOTS, 'storage-full-disk.png') });

    // Space freed: adding the same evidence again completes the case, skipping what it holds.
    await freeDisk(page);
    await importAgain(page, '748.0 KB of 748.0 KB · 11,808 events stored · 8,192 duplicates skipped');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('20,000');
  });

  it('opens a case stored by the previous version: identities move out of the segments, and duplicates are still found', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Full disk' }).waitFor();
    expect(await page.evaluate(REWRITE_AS_VERSION_2)).toBe(5);

    await page.getByRole('button', { name: 'Open Full disk' }).click();
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('20,000');
    await page.locator('[role=row][aria-rowindex="2"]').waitFor();
    // 20,000 events: segments of 4,096 (the last of 3,616), each now with its identities beside it.
    expect(await page.evaluate(STORED_LAYOUT)).toEqual({
      version: 40,
      segments: 5,
      identities: [0, 1, 2, 3, 4].map((id) => [id, id < 4 ? 4096 : 3616, id < 4 ? 8192 : 7232]),
      withIdentities: 0,
    });

    await importAgain(page, '748.0 KB of 748.0 KB · 0 events stored · 20,000 duplicates skipped');
  });
});

describe('a disk that fills while a large file is read', () => {
  const event = (n: number) => `{"eventVersion":"1.08","eventID":"00000000-0000-0000-0000-${String(n).padStart(12, '0')}","eventTime":"2024-03-01T00:00:00Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u${n}"}`;
  /** 30,000 lines of 400 bytes: its record comes long after the disk fills. */
  const large = Array.from({ length: 30_000 }, (_, n) => `${event(n)},"pad":"${'x'.repeat(400 - event(n).length - 11)}"}\n`).join('');

  it('names the file whose record never came, as far as it was read, with the events the case holds of it', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-full-large-'));
    await writeFile(join(evidence, 'a-first.json'), `{"Records":[${event(1_000_001)}},${event(1_000_002)}},${event(1_000_003)}}]}`);
    await writeFile(join(evidence, 'b-large.ndjson'), large);
    const app = await launchApp({ evidence: [evidence] });
    try {
      const { page } = app;
      await newCase(page, 'Full disk, large file');
      await fillDiskAfter(page, 1);
      await page.getByRole('button', { name: 'Add evidence…' }).first().click();
      await waitForImport(page, 'Import stopped');
      // The first segment: a-first's 3 events and b-large's first 4,093.
      expect(await page.getByTestId('event-count').textContent()).toBe('4,096');
      // The error b-large's record gets from the case, as the panel lists it below.
      expect(await progressLine(page)).toMatch(/ · 4,096 events stored · 1 error$/);
      await page.getByRole('tab', { name: /^Evidence/ }).click();
      const panel = page.getByRole('region', { name: 'Evidence' });
      await panel.locator('tbody tr').first().waitFor();
      const rows = panel.locator('tbody tr:not(.issue-row)');
      expect(await rows.nth(1).locator('td').allTextContents()).toEqual([join(evidence, 'b-large.ndjson'), 'ndjson', '11.4 MB', '4,093', '0', '0', '1', 'not hashed: not read to its end']);
      expect(await panel.locator('.issue-row').evaluateAll((issues) => issues.map((issue) => [issue.querySelector('.issue-message')!.textContent, issue.querySelector('.issue-location')!.textContent]))).toEqual([
        ["Import stopped: the disk is full (storage quota exceeded): the case holds 4,093 of this file's events; the rest of it is not in the case", 'after event 4092'],
      ]);
      await panel.screenshot({ path: join(SHOTS, 'storage-full-disk-large-file.png') });
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  });
});

describe('a case larger than a page of known events', () => {
  it('skips every event of the same evidence added again, told what the case holds a page (64 segments) at a time', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-pages-'));
    // 270,000 events fill 66 segments of 4,096: two pages of known events.
    await writeSyntheticBundle(evidence, 270_000, 2000);
    const app = await launchApp({ evidence: [evidence] });
    try {
      const { page } = app;
      await newCase(page, 'Two pages');
      await page.getByRole('button', { name: 'Add evidence…' }).first().click();
      await waitForImport(page);
      expect(await page.getByTestId('event-count').textContent()).toBe('270,000');

      await importAgain(page, '9.8 MB of 9.8 MB · 0 events stored · 270,000 duplicates skipped', 120_000);
      expect(await page.getByTestId('event-count').textContent()).toBe('270,000');
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  }, 240_000);
});
