import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { CORPUS_BUNDLE, writeCorpusBundle, writeTrailFile } from '../fixtures/generators/trailBundle';
import { launchApp, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

async function openEvidence(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Open evidence…' }).click();
}

async function waitForImport(page: Page, outcome = 'Import complete'): Promise<void> {
  await page.getByText(outcome, { exact: true }).waitFor({ timeout: 45_000 });
  await page.getByTestId('event-count').waitFor();
}

describe('opening a folder of trail files', () => {
  let evidence: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-corpus-'));
    await writeCorpusBundle(evidence);
    app = await launchApp({ evidence: [evidence] });
  });
  afterAll(() => app.close());

  it('starts on an empty case that invites opening evidence', async () => {
    await app.page.getByRole('heading', { name: 'Open a CloudTrail export to begin' }).waitFor();
    expect(await app.page.title()).toBe('Cairn');
    await app.page.screenshot({ path: join(SHOTS, 'open-evidence-empty.png') });
  });

  it('stores every event and shows the count, the time span and the evidence', async () => {
    await openEvidence(app.page);
    await waitForImport(app.page);
    expect(await text(app.page, 'event-count')).toBe('489');
    expect(await text(app.page, 'stored-count')).toBe('489');
    expect(await app.page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent()).toBe(
      '64.2 KB of 64.2 KB · 489 events stored · 7 duplicates skipped · 304 conflicts',
    );
    expect(await text(app.page, 'first-time')).toBe(CORPUS_BUNDLE.firstTime);
    expect(await text(app.page, 'last-time')).toBe(CORPUS_BUNDLE.lastTime);
    expect(await text(app.page, 'span')).toBe('4329 d 5 h');
    expect(await text(app.page, 'file-count')).toBe('6');
    await app.page.screenshot({ path: join(SHOTS, 'open-evidence-loaded.png') });
  });

  it('lists the first rows oldest first: time, event name, actor, source IP', async () => {
    const rows = app.page.getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(200);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(['2014-03-06 17:10:34', 'CreateKeyPairec2', 'arn:aws:iam::123456789012:user/Alice', '72.21.198.64']);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(['2014-03-06 21:01:59', 'StopInstancesec2', 'arn:aws:iam::123456789012:user/Alice', '205.251.233.176']);
    expect(await app.page.getByText('First 200 of 489 events, oldest first').count()).toBe(1);
  });

  it('made no request outside the app', () => {
    expect(app.externalRequests).toEqual([]);
  });
});

describe('a larger import', () => {
  let evidence: string;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-large-'));
    await writeSyntheticBundle(evidence, 30_000, 100);
  });
  afterAll(() => rm(evidence, { recursive: true, force: true }));

  it('shows a progress bar while it runs, then the exact count', async () => {
    const app = await launchApp({ evidence: [evidence] });
    try {
      await openEvidence(app.page);
      await app.page.locator('progress').waitFor({ state: 'visible' });
      await app.page.getByText(/^Reading file \d+ of 300$/).waitFor();
      await app.page.screenshot({ path: join(SHOTS, 'open-evidence-progress.png') });
      await waitForImport(app.page);
      expect(await text(app.page, 'event-count')).toBe('30,000');
      expect(await text(app.page, 'first-time')).toBe('2024-05-01 00:00:00');
      expect(await text(app.page, 'last-time')).toBe('2024-05-01 08:19:59');
      expect(await text(app.page, 'file-count')).toBe('300');
      expect(await app.page.locator('progress').count()).toBe(0);
      expect(app.externalRequests).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('can be cancelled, keeping what was stored', async () => {
    const app = await launchApp({ evidence: [evidence] });
    try {
      await openEvidence(app.page);
      await app.page.getByTestId('stored-count').filter({ hasNotText: /^0$/ }).waitFor();
      await app.page.getByRole('button', { name: 'Cancel' }).click();
      await waitForImport(app.page, 'Import cancelled');
      const stored = Number((await text(app.page, 'stored-count'))!.replace(/,/g, ''));
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(30_000);
      expect(await text(app.page, 'event-count')).toBe((await text(app.page, 'stored-count')));
    } finally {
      await app.close();
    }
  });
});

describe('bad evidence', () => {
  it('names each bad file and where it broke, and keeps every readable event', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-bad-'));
    const good = (n: number) => `{"eventTime":"2024-02-0${n}T10:00:00Z","eventName":"GetObject","sourceIPAddress":"192.0.2.${n}"}`;
    await writeTrailFile(evidence, 'a.json.gz', [good(1), good(2), good(3)]);
    await writeFile(join(evidence, 'b-truncated.json.gz'), gzipSync(`{"Records":[${good(4)},${good(5)}]}`).subarray(0, 40));
    await writeFile(join(evidence, 'c-notes.json'), '{"case": "notes"}');
    const app = await launchApp({ evidence: [evidence] });
    try {
      await openEvidence(app.page);
      await waitForImport(app.page);
      expect(await text(app.page, 'event-count')).toBe('3');
      const problems = app.page.getByRole('region', { name: 'Evidence problems' });
      expect(await problems.getByRole('heading').textContent()).toBe('2 files have problems');
      const items = await problems.locator('li').allTextContents();
      expect(items).toEqual([
        `${join(evidence, 'b-truncated.json.gz')}byte 40gzip data is corrupt or truncated: unexpected end of file`,
        `${join(evidence, 'c-notes.json')}byte 0valid JSON, but not CloudTrail: none of its 1 items has CloudTrail's event fields`,
      ]);
      await app.page.screenshot({ path: join(SHOTS, 'open-evidence-problems.png') });
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  });
});

describe('the case database', () => {
  it('keeps the case across restarts of the app', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-reopen-'));
    const profileDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'));
    await writeSyntheticBundle(evidence, 5000, 1000);
    try {
      const first = await launchApp({ evidence: [evidence], profileDir });
      await openEvidence(first.page);
      await waitForImport(first.page);
      expect(await text(first.page, 'event-count')).toBe('5,000');
      await first.close();

      const second = await launchApp({ profileDir });
      await second.page.getByTestId('event-count').waitFor();
      expect(await text(second.page, 'event-count')).toBe('5,000');
      expect(await text(second.page, 'file-count')).toBe('5');
      await second.close();
    } finally {
      await rm(evidence, { recursive: true, force: true });
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  it('stays empty when the open dialog is cancelled', async () => {
    const app = await launchApp();
    try {
      await openEvidence(app.page);
      await new Promise((settle) => setTimeout(settle, 500));
      expect(await app.page.getByRole('heading', { name: 'Open a CloudTrail export to begin' }).count()).toBe(1);
      expect(await app.page.getByRole('region', { name: 'Import progress' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
