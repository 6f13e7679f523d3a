import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counted } from '../../shared/counted';
import { UNNAMED_FILE } from '../../shared/printable';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { CORPUS_BUNDLE, writeCorpusBundle, writeTrailFile } from '../fixtures/generators/trailBundle';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { selectNth } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

async function openEvidence(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
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

  it('starts on the case list; a new case invites adding evidence', async () => {
    await app.page.getByText('No cases yet.', { exact: false }).waitFor();
    expect(await app.page.title()).toBe('Cairn');
    await app.page.screenshot({ path: join(SHOTS, 'start-screen-empty.png') });
    await newCase(app.page, 'Corpus');
    expect(await app.page.locator('.case-name').textContent()).toBe('Corpus');
    await app.page.screenshot({ path: join(SHOTS, 'open-evidence-empty.png') });
  });

  it('stores every event and shows the count, the time span and the evidence', async () => {
    await openEvidence(app.page);
    await waitForImport(app.page);
    expect(await text(app.page, 'event-count')).toBe('473');
    expect(await text(app.page, 'stored-count')).toBe('473');
    expect(await app.page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent()).toBe(
      '64.2 KB of 64.2 KB · 473 events stored · 23 duplicates skipped · 288 conflicting copies',
    );
    expect(await text(app.page, 'first-time')).toBe(CORPUS_BUNDLE.firstTime);
    expect(await text(app.page, 'last-time')).toBe(CORPUS_BUNDLE.lastTime);
    expect(await text(app.page, 'span')).toBe('4329 d 5 h');
    expect(await text(app.page, 'file-count')).toBe('6');
    await app.page.screenshot({ path: join(SHOTS, 'open-evidence-loaded.png') });
  });

  it('lists the events oldest first: time, event, service, actor, source IP, region, error', async () => {
    const rows = app.page.locator('.grid-row');
    await rows.first().waitFor();
    expect(await rows.nth(0).getByRole('gridcell').allTextContents()).toEqual(['', '2014-03-06 17:10:34', 'CreateKeyPair', 'ec2', 'user/Alice', '72.21.198.64', 'us-east-2', '—']);
    expect(await rows.nth(1).getByRole('gridcell').allTextContents()).toEqual(['', '2014-03-06 21:01:59', 'StopInstances', 'ec2', 'user/Alice', '205.251.233.176', 'us-east-2', '—']);
    expect(await text(app.page, 'listing-count')).toBe('473 events');
  });

  it('made no request outside the app', () => {
    expect(app.externalRequests).toEqual([]);
  });
});

describe('a larger import', () => {
  let evidence: string;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-large-'));
    // Large enough that a cancel lands while it runs (an import of 30,000 ended first at times).
    await writeSyntheticBundle(evidence, 120_000, 100);
  });
  afterAll(() => rm(evidence, { recursive: true, force: true }));

  it('shows a progress bar while it runs, then the exact count', async () => {
    const app = await launchApp({ evidence: [evidence] });
    try {
      await newCase(app.page, 'Large');
      await openEvidence(app.page);
      await app.page.locator('progress').waitFor({ state: 'visible' });
      await app.page.getByText(/^Reading file [\d,]+ of 1,200$/).waitFor();
      await app.page.screenshot({ path: join(SHOTS, 'open-evidence-progress.png') });
      await waitForImport(app.page);
      expect(await text(app.page, 'event-count')).toBe('120,000');
      expect(await text(app.page, 'first-time')).toBe('2024-05-01 00:00:00');
      expect(await text(app.page, 'last-time')).toBe('2024-05-02 09:19:59');
      expect(await text(app.page, 'file-count')).toBe('1,200');
      expect(await app.page.locator('progress').count()).toBe(0);
      expect(app.externalRequests).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('can be cancelled, keeping what was stored', async () => {
    const app = await launchApp({ evidence: [evidence] });
    try {
      await newCase(app.page, 'Cancelled');
      await openEvidence(app.page);
      await app.page.getByTestId('stored-count').filter({ hasNotText: /^0$/ }).waitFor();
      await app.page.getByRole('button', { name: 'Cancel' }).click();
      await waitForImport(app.page, 'Import cancelled');
      const stored = Number((await text(app.page, 'stored-count'))!.replace(/,/g, ''));
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(120_000);
      expect(await text(app.page, 'event-count')).toBe((await text(app.page, 'stored-count')));
      // Every stored event is counted by a file, named: a file this small is read whole once begun,
      // and the job stops before the next one.
      await app.page.getByRole('tab', { name: /^Evidence/ }).click();
      await app.page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
      const panel = app.page.getByRole('region', { name: 'Evidence' });
      const files = stored / 100;
      const shown = (n: number) => n.toLocaleString('en-US');
      expect(await panel.getByTestId('evidence-summary').textContent()).toBe(
        `${counted(files, 'file', shown(files))} · ${shown(stored)} events · 0 files with errors · 0 with warnings only · 0 with duplicates · 0 with events in conflict`,
      );
      // The fewest and the most events a file holds are both 100.
      const events = panel.getByRole('columnheader', { name: 'Events', exact: true });
      for (const order of ['descending', 'ascending']) {
        await events.getByRole('button').click();
        await panel.locator(`th[aria-sort="${order}"]`, { hasText: 'Events' }).waitFor();
        expect(await panel.locator('tbody tr:not(.issue-row) td:nth-child(4)').first().textContent()).toBe('100');
      }
      await panel.getByRole('searchbox').fill(UNNAMED_FILE.slice(1, 20));
      await panel.getByTestId('evidence-count').filter({ hasText: `0 of ${counted(files, 'file', shown(files))}` }).waitFor();
      expect(await panel.locator('.issue-row').count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('cancelling inside a large file', () => {
  /** Bytes of each line of the large file: every line is one event, padded to this length. */
  // Prime, so that no 256 KB chunk read within the file ends on a line's end (400 did at every 25th chunk): reading always stops inside a line.
  const LINE_BYTES = 401;
  const LINES = 200_000;
  const event = (n: number) => `{"eventVersion":"1.08","eventID":"00000000-0000-0000-0000-${String(n).padStart(12, '0')}","eventTime":"2024-03-01T00:00:00Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u${n}"}`;
  const line = (n: number) => `${event(n)},"pad":"${'x'.repeat(LINE_BYTES - event(n).length - 11)}"}\n`;

  it('names the file it stopped in, says where and that the rest is not read, and counts exactly the events stored', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-cut-'));
    await writeFile(join(evidence, 'a-first.json'), `{"Records":[${event(1_000_001)}},${event(1_000_002)}},${event(1_000_003)}}]}`);
    // 80 MB: the import is cancelled long before its end.
    await writeFile(join(evidence, 'b-large.ndjson'), Array.from({ length: LINES }, (_, n) => line(n)).join(''));
    await writeFile(join(evidence, 'c-after.json'), `{"Records":[${event(2_000_001)}}]}`);
    const app = await launchApp({ evidence: [evidence] });
    try {
      await newCase(app.page, 'Cut short');
      await openEvidence(app.page);
      await app.page.getByTestId('stored-count').filter({ hasNotText: /^0$/ }).waitFor();
      await app.page.getByRole('button', { name: 'Cancel' }).click();
      await waitForImport(app.page, 'Import cancelled');
      // The banner says how to finish the import.
      const banner = app.page.getByRole('region', { name: 'Import progress' });
      expect(await banner.locator('p').allTextContents()).toEqual([
        'To finish it, add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed.',
      ]);
      await app.page.screenshot({ path: join(SHOTS, 'import-cancelled.png') });
      const stored = Number((await text(app.page, 'stored-count'))!.replace(/,/g, ''));
      expect(await text(app.page, 'event-count')).toBe(await text(app.page, 'stored-count'));

      await app.page.getByRole('tab', { name: /^Evidence/ }).click();
      await app.page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
      const panel = app.page.getByRole('region', { name: 'Evidence' });
      const rows = panel.locator('tbody tr:not(.issue-row)');
      expect(await rows.locator('td:nth-child(1)').allTextContents()).toEqual([join(evidence, 'a-first.json'), join(evidence, 'b-large.ndjson')]);
      const counts = (await rows.locator('td:nth-child(4)').allTextContents()).map((count) => Number(count.replace(/,/g, '')));
      expect(counts[0]).toBe(3);
      expect(counts[0]! + counts[1]!).toBe(stored);
      const large = counts[1]!;
      expect(large).toBeGreaterThan(0);
      expect(large).toBeLessThan(LINES);
      // Its format and size as on disk; no hash, since not all of it was read, and it says so.
      expect(await rows.nth(1).locator('td').allTextContents()).toEqual([join(evidence, 'b-large.ndjson'), 'ndjson', '76.5 MB', large.toLocaleString('en-US'), '0', '0', '1', 'not hashed: not read to its end']);
      expect(await rows.nth(1).locator('td.hash .not-hashed').textContent()).toBe('not hashed: not read to its end');
      const issue = panel.locator('.issue-row');
      expect(await issue.count()).toBe(1);
      expect(await issue.locator('.issue-severity').textContent()).toBe('error');
      expect(await issue.locator('.issue-message').textContent()).toBe(`the import was cancelled here: the rest of this file is not read; the last line, line ${large + 1}, is cut short there: not read`);
      // Reading stopped at a chunk of 256 KB, in the line after the last one stored.
      const stoppedAt = Number(/^byte (\d+)$/.exec((await issue.locator('.issue-location').textContent())!)![1]);
      expect(stoppedAt % (256 * 1024)).toBe(0);
      expect(Math.floor(stoppedAt / LINE_BYTES)).toBe(large);
      await panel.screenshot({ path: join(SHOTS, 'evidence-after-cancel.png') });
      await app.page.setViewportSize({ width: 960, height: 600 });
      await app.page.screenshot({ path: join(SHOTS, 'evidence-after-cancel-960.png') });

      // The detail of one of its events says the same where the hash would be.
      await app.page.getByRole('tab', { name: 'Events' }).click();
      await selectNth(app.page, 3);
      const provenance = app.page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Provenance' });
      await provenance.waitFor();
      expect(await provenance.locator('dl > div').allTextContents()).toEqual([`File${join(evidence, 'b-large.ndjson')}, item 0 (counted from 0)`, 'SHA-256not hashed: not read to its end']);
      await provenance.scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: join(SHOTS, 'detail-after-cancel-960.png') });

      // Added again, as the banner said: the file it stopped in is whole, and the one it never reached is read.
      await openEvidence(app.page);
      await expect.poll(() => banner.locator('strong').textContent(), { timeout: 90_000 }).toBe('Import complete');
      expect(await text(app.page, 'event-count')).toBe((LINES + 4).toLocaleString('en-US'));
      await app.page.getByRole('tab', { name: /^Evidence/ }).click();
      await expect.poll(() => rows.locator('td:nth-child(1)').allTextContents()).toEqual([join(evidence, 'a-first.json'), join(evidence, 'b-large.ndjson'), join(evidence, 'c-after.json')]);
      expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(['3', LINES.toLocaleString('en-US'), '1']);
      expect(await rows.locator('td.hash .not-hashed').count()).toBe(0);
      expect(app.externalRequests).toEqual([]);
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('bad evidence', () => {
  it('names each bad file and where it broke, and keeps every readable event', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-bad-'));
    const good = (n: number) => `{"eventTime":"2024-02-0${n}T10:00:00Z","eventName":"GetObject","sourceIPAddress":"192.0.2.${n}"}`;
    await writeTrailFile(evidence, 'a.json.gz', [good(1), good(2), good(3)]);
    await writeFile(join(evidence, 'b-truncated.json.gz'), gzipSync(`{"Records":[${good(4)},${good(5)}]}`).subarray(0, 40));
    await writeFile(join(evidence, 'c-notes.json'), '{"case": "notes"}');
    // A Latin-1 byte where UTF-8 is due, and a lookup-events string escaping a lone surrogate.
    const latin1 = good(4).replace('}', ',"userAgent":"caf');
    await writeFile(join(evidence, 'd-latin1.json'), Buffer.concat([Buffer.from(`{"Records":[${latin1}`), Buffer.from([0xe9]), Buffer.from('"}]}')]));
    await writeFile(join(evidence, 'e-lookup.json'), JSON.stringify({ Events: [{ CloudTrailEvent: good(5).replace('GetObject', 'Get\ud800Object') }] }));
    const app = await launchApp({ evidence: [evidence] });
    try {
      await newCase(app.page, 'Bad');
      await openEvidence(app.page);
      await waitForImport(app.page);
      expect(await text(app.page, 'event-count')).toBe('5');
      await app.page.getByRole('tab', { name: 'Evidence (5)' }).click();
      await app.page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
      const panel = app.page.getByRole('region', { name: 'Evidence' });
      expect(await panel.locator('tbody tr:not(.issue-row)').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 7).map((td) => td.textContent)))).toEqual([
        [join(evidence, 'a.json.gz'), 'cloudtrail-records', expect.stringMatching(/ B$/), '3', '0', '0', '0'],
        [join(evidence, 'b-truncated.json.gz'), 'unrecognised', '40 B', '0', '0', '0', '1'],
        [join(evidence, 'c-notes.json'), 'json-event', '17 B', '0', '0', '0', '1'],
        [join(evidence, 'd-latin1.json'), 'cloudtrail-records', '123 B', '1', '0', '0', '0'],
        [join(evidence, 'e-lookup.json'), 'lookup-events', '143 B', '1', '0', '0', '0'],
      ]);
      // However long the folder's path, each file's own name shows, in bold; nothing is wider than its cell (a hash is cut short, whole on hover).
      expect(await panel.locator('.file-base').allTextContents()).toEqual(['a.json.gz', 'b-truncated.json.gz', 'c-notes.json', 'd-latin1.json', 'e-lookup.json']);
      expect(await panel.locator('td.path, td.hash').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth).length)).toBe(0);
      expect(await panel.locator('.issue-row').allTextContents()).toEqual([
        'errorbyte 40 of the gzip datagzip data is corrupt or truncated: unexpected end of file',
        "errorbyte 0valid JSON, but not CloudTrail: none of its 1 items has CloudTrail's event fields",
        "warningbyte 118invalid UTF-8: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes",
        'warningbyte 11lone UTF-16 surrogates in the JSON of 1 event (flagged): each is stored as its \\uXXXX escape, which parses to the same value',
      ]);
      await app.page.screenshot({ path: join(SHOTS, 'open-evidence-problems.png') });

      // Both events are marked in the listing, and their detail says how their text differs from the file's.
      await app.page.getByRole('tab', { name: 'Events' }).click();
      const rows = app.page.locator('.grid-row');
      await rows.nth(4).waitFor();
      expect(await rows.locator('.marks').allTextContents()).toEqual(['', '', '', '�', '�']);
      expect(await rows.nth(3).locator('.marks').getByRole('img', { name: /^The file has bytes/ }).getAttribute('title')).toBe("The file has bytes in this event that are not valid text (UTF-8 or UTF-16): each such sequence shows as �. The file's SHA-256 covers the original bytes.");
      await rows.nth(3).click();
      const detail = app.page.getByRole('complementary', { name: 'Event detail' });
      await detail.locator('.text-note').waitFor();
      expect(await detail.locator('.text-note').allTextContents()).toEqual(["The file has bytes in this event that are not valid text (UTF-8 or UTF-16): each such sequence shows as �. The file's SHA-256 covers the original bytes."]);
      expect(await detail.getByTestId('event-json').textContent()).toContain('"userAgent": "caf�"');
      await app.page.screenshot({ path: join(SHOTS, 'open-evidence-altered-text.png') });
      await rows.nth(4).click();
      await detail.locator('.text-note', { hasText: 'lone UTF-16 surrogates' }).waitFor();
      expect(await detail.locator('.text-note').allTextContents()).toEqual([
        'In the file, this JSON is the CloudTrailEvent string of an item of aws cloudtrail lookup-events output, written with its quotes escaped (\\"): it is shown as that string reads, and the raw view is that text, not the file’s characters.',
        'This event’s JSON holds lone UTF-16 surrogates, which are not text: each shows as its \\uXXXX escape, which parses to the same value.',
      ]);
      await detail.getByRole('button', { name: 'Raw (unescaped)' }).click();
      expect(await detail.getByTestId('event-json').textContent()).toBe(good(5).replace('GetObject', 'Get\\ud800Object'));
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  });
});

describe('the case database', () => {
  it('keeps the case across restarts of the app, and adding the same evidence again adds no event', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-reopen-'));
    const profileDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'));
    await writeSyntheticBundle(evidence, 5000, 1000);
    try {
      const first = await launchApp({ evidence: [evidence], profileDir });
      await newCase(first.page, 'Kept');
      await openEvidence(first.page);
      await waitForImport(first.page);
      expect(await text(first.page, 'event-count')).toBe('5,000');
      await first.close();

      const second = await launchApp({ evidence: [evidence], profileDir });
      const listed = second.page.getByTestId('case-row');
      await listed.first().waitFor();
      expect(await listed.locator('td').evaluateAll((cells) => cells.slice(0, 5).map((td) => td.textContent))).toEqual(['Kept', '5,000', expect.stringMatching(/^2024-05-01 00:00:00 2024-05-01 \d\d:\d\d:\d\d$/), expect.stringMatching(/^\d+ (h|min)/), '5']);
      await second.page.getByRole('button', { name: 'Open Kept' }).click();
      await second.page.getByTestId('event-count').waitFor();
      expect(await text(second.page, 'event-count')).toBe('5,000');
      expect(await text(second.page, 'file-count')).toBe('5');

      // The same evidence again adds no event and no file: each event is a known duplicate, each file is listed once, said to be added twice.
      await openEvidence(second.page);
      await second.page.getByText('Import complete', { exact: true }).waitFor({ timeout: 45_000 });
      expect(await second.page.getByRole('region', { name: 'Import progress' }).locator('.ingest-line > span').textContent()).toBe('189.5 KB of 189.5 KB · 0 events stored · 5,000 duplicates skipped');
      expect(await text(second.page, 'event-count')).toBe('5,000');
      await expect.poll(() => text(second.page, 'file-count')).toBe('5');
      await second.page.getByRole('tab', { name: 'Evidence (5)' }).click();
      await second.page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
      const files = second.page.getByRole('region', { name: 'Evidence' }).locator('tbody tr:not(.issue-row)');
      expect(await files.evaluateAll((trs) => trs.map((tr) => [3, 4].map((k) => tr.children[k]!.textContent).join(' / ')))).toEqual(Array<string>(5).fill('1,000 / 0'));
      expect(await second.page.locator('.issue-row.note .issue-message').allTextContents()).toEqual(Array<string>(5).fill('Added 2 times (same path and SHA-256): its events are counted once'));
      await second.page.screenshot({ path: join(SHOTS, 'open-evidence-added-again.png') });
      await second.page.getByRole('button', { name: 'Close case' }).click();
      await listed.first().waitFor();
      expect(await listed.locator('td').evaluateAll((cells) => [cells[1]!.textContent, cells[4]!.textContent])).toEqual(['5,000', '5']);
      await second.close();
    } finally {
      await rm(evidence, { recursive: true, force: true });
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  it('stays empty when the open dialog is cancelled', async () => {
    const app = await launchApp();
    try {
      await newCase(app.page, 'Nothing');
      await openEvidence(app.page);
      await new Promise((settle) => setTimeout(settle, 500));
      expect(await app.page.getByRole('heading', { name: 'Add the evidence for this case' }).count()).toBe(1);
      expect(await app.page.getByRole('region', { name: 'Import progress' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
