import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { overlappingZip, zipOf } from '../fixtures/generators/archives';
import { writeManyFilesBundle, type ManyFilesBundle } from '../fixtures/generators/manyFiles';
import { writeOrgTrailExport, type OrgTrailExport } from '../fixtures/generators/orgTrailExport';
import { eventJson, records, scan } from '../integration/scan';
import { figureOffsets } from './columnEdges';
import { drawnLines, selectedText } from './drawnLines';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { selectNth } from './listing';

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

describe('the evidence panel in the smallest window (960×600) and a wide one', () => {
  let evidence: string;
  let bundle: OrgTrailExport;
  let app: LaunchedApp;
  const panel = () => app.page.getByRole('region', { name: 'Evidence' });
  const column = (name: string) => panel().getByRole('columnheader', { name, exact: true }).evaluate((th) => Math.round(th.getBoundingClientRect().width));
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  /** Each File cell's lines as drawn, and those of them that end inside a name rather than after a separator (before a ' › ' is one too). */
  const pathLines = async () => {
    const lines = await Promise.all((await panel().locator('td.path').all()).map(drawnLines));
    const cut = lines.flatMap((cell) => cell.filter((line, i) => i < cell.length - 1 && !/[/_:›]$/.test(line) && !cell[i + 1]!.startsWith('›')));
    return { counts: lines.map((cell) => cell.length), cut };
  };
  /** Each hash as its cell shows it: as many of its characters as the cell draws, then the ellipsis. */
  const shownHashes = () =>
    panel()
      .locator('.hash-text')
      .evaluateAll((spans) => spans.map((span) => `${span.textContent!.slice(0, Math.floor(span.clientWidth / (span.scrollWidth / span.textContent!.length)) - 1)}…`));

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-org-'));
    bundle = await writeOrgTrailExport(evidence);
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Organization trail');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await app.page.getByRole('tab', { name: 'Evidence (6)' }).click();
    await panel().locator('td.path').nth(5).waitFor();
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it("gives the paths the room at 960×600, wrapped at their '/' and '_', the archive chains whole, the hashes cut short", async () => {
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    expect(await panel().locator('td.path').allTextContents()).toEqual(bundle.files.map(({ container, path }) => [...container, path].join(' › ')));
    expect(await column('File')).toBeGreaterThanOrEqual(360);
    expect(await column('SHA-256')).toBeLessThanOrEqual(140);
    const { counts, cut } = await pathLines();
    expect(cut).toEqual([]);
    // A delivery file's path in four lines at most (it took ten), the file in a zip in a tar.gz in six (fourteen).
    expect(Math.max(...counts.slice(0, 5))).toBeLessThanOrEqual(4);
    expect(counts[5]).toBeLessThanOrEqual(6);
    expect(await shownHashes()).toEqual(bundle.files.map(({ bytes }) => `${sha256(bytes).slice(0, 10)}…`));
    // The headers in a line each, but 'Events in conflict' in two, broken before 'conflict' only (it took three, a word a line).
    expect(await Promise.all((await panel().locator('thead th').all()).map(drawnLines))).toEqual([['File ▲'], ['Format'], ['Size'], ['Events'], ['Duplicates'], ['Events\u00a0in', 'conflict'], ['Errors'], ['SHA-256']]);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-org-trail-960.png') });
  });

  it('keeps each path to a line or two at 1600×900, the hashes as short', async () => {
    await app.page.setViewportSize({ width: 1600, height: 900 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    expect(await column('File')).toBeGreaterThanOrEqual(850);
    expect(await column('SHA-256')).toBeLessThanOrEqual(140);
    const { counts, cut } = await pathLines();
    expect(cut).toEqual([]);
    expect(Math.max(...counts.slice(0, 5))).toBeLessThanOrEqual(2);
    expect(counts[5]).toBeLessThanOrEqual(3);
    expect(await shownHashes()).toEqual(bundle.files.map(({ bytes }) => `${sha256(bytes).slice(0, 10)}…`));
    await app.page.screenshot({ path: join(SHOTS, 'evidence-org-trail-1600.png') });
  });

  it('lines the figures up under their headers, at 960×600 and at 1360×850, sorted by one of them or not', async () => {
    const table = panel().locator('table');
    const FIGURES = ['Size', 'Events', 'Duplicates', 'Events\u00a0in conflict', 'Errors'];
    const lined = { Size: [0], Events: [0], Duplicates: [0], 'Events\u00a0in conflict': [0], Errors: [0] };
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    for (const [width, height] of [[960, 600], [1360, 850]] as const) {
      await app.page.setViewportSize({ width, height });
      expect(await figureOffsets(table, FIGURES)).toEqual(lined);
    }
    await panel().getByRole('button', { name: 'Size', exact: true }).click();
    await panel().locator('th[aria-sort="descending"]', { hasText: 'Size' }).waitFor();
    expect(await panel().locator('th[aria-sort]').textContent()).toBe('▼\u00a0Size');
    expect(await figureOffsets(table, FIGURES)).toEqual(lined);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-figures-1360.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    expect(await figureOffsets(table, FIGURES)).toEqual(lined);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-figures-960.png') });
    // Back in the order the next tests read the files in.
    await panel().getByRole('button', { name: 'File', exact: true }).click();
    await panel().locator('th[aria-sort="ascending"]', { hasText: 'File' }).waitFor();
  });

  it('gives each hash whole on hover, to a selection and to its Copy button, and each path whole to a selection', async () => {
    const [gz, , , tar] = bundle.files;
    const decompressed = (bytes: Buffer) => sha256(gunzipSync(bytes));
    const hashes = panel().locator('.hash-text');
    expect(await hashes.nth(0).getAttribute('title')).toBe(`${sha256(gz!.bytes)}\ndecompressed: ${decompressed(gz!.bytes)}`);
    expect(await hashes.nth(3).getAttribute('title')).toBe(`${sha256(tar!.bytes)}\ndecompressed: ${decompressed(tar!.bytes)}`);
    expect(await hashes.nth(4).getAttribute('title')).toBe(sha256(bundle.files[4]!.bytes));
    expect(await selectedText(hashes.nth(0))).toBe(sha256(gz!.bytes));
    expect(await selectedText(panel().locator('td.path').nth(5))).toBe(`${join(evidence, 'incident-2024-05-export.tar.gz')} › exports/org-trail-us-west-2-2024-05-05.zip › ${bundle.files[5]!.path}`);
    const copy = panel().getByRole('button', { name: `Copy the SHA-256 of ${basename(gz!.path)}` });
    await copy.click();
    await copy.filter({ hasText: '✓ Copied' }).waitFor();
    expect(app.clipboard).toEqual([sha256(gz!.bytes)]);
    await app.page.screenshot({ path: join(SHOTS, 'evidence-hash-copied.png') });
    expect(await panel().getByRole('status').filter({ hasText: /copied/ }).textContent()).toBe(`Copy the SHA-256 of ${basename(gz!.path)}: copied to the clipboard`);
  });

  it("wraps the detail's S3 key at its '/' and '_' in the smallest window", async () => {
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await app.page.getByRole('tab', { name: 'Events' }).click();
    await selectNth(app.page, 0);
    const key = app.page.getByRole('region', { name: 'Provenance' }).locator('dd').nth(1);
    await key.scrollIntoViewIfNeeded();
    expect(await key.textContent()).toBe(bundle.firstKey);
    expect(await drawnLines(key)).toEqual(['AWSLogs/o-abc123/', '111122223333/CloudTrail/', 'us-east-1/2024/05/05/', '111122223333_CloudTrail_', 'us-east-1_20240505T0000Z_', 'abcdEFGH1234.json.gz']);
    await app.page.screenshot({ path: join(SHOTS, 'provenance-org-trail-960.png') });
  });
});

describe('the evidence panel over hostile archives', () => {
  let evidence: string;
  let app: LaunchedApp;
  let bomb: Buffer;
  const panel = () => app.page.getByRole('region', { name: 'Evidence' });
  const repeated = records(Array.from({ length: 1800 }, () => eventJson(7)));
  // A zip symbolic link's target is named in its warning (up to 4 KB): a long path with no space or hyphen to wrap at.
  const target = `/srv/evidence_store/${Array.from({ length: 14 }, (_, i) => `customer_incident_collection_folder_${i}`).join('/')}`;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-hostile-'));
    bomb = await overlappingZip('same.json', repeated, 40);
    await writeFile(join(evidence, 'bomb.zip'), bomb);
    await writeFile(join(evidence, 'links.zip'), await zipOf({ 'AWSLogs/link': { content: target, mode: 0o120777 }, 'f.json': records([eventJson(1)]) }));
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Hostile archives');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await app.page.getByRole('tab', { name: /^Evidence/ }).click();
    await panel().locator('td.path').first().waitFor();
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('lists each entry of a zip bomb of overlapping entries, as the command line does, with the duplicates it held, none "added again"', async () => {
    // Entries are read until together they make more than the ratio's grace (8 MiB) and 200 times the zip's size.
    const read = Math.floor(Math.max(8 * 2 ** 20, 200 * bomb.length) / repeated.length) + 1;
    expect(read).toBe(18);
    const scanned = await scan([evidence]);
    expect([scanned.files.length, scanned.progress.events]).toEqual([read + 4, 2]);
    expect(await panel().getByTestId('evidence-summary').textContent()).toBe(`${read + 4} files · 2 events · 1 file with errors · 1 with warnings only · ${read} with duplicates · 0 with events in conflict`);
    const rows = await panel()
      .locator('tbody tr:not(.issue-row)')
      .evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.file-base')!.textContent, ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent)].join(' ')));
    expect(rows).toEqual([
      'bomb.zip 4.9 KB 0 0 0 1',
      'same.json 476.4 KB 1 1,799 0 0',
      ...Array<string>(read - 1).fill('same.json 476.4 KB 0 1,800 0 0'),
      'links.zip 513 B 0 0 0 0',
      'link 555 B 0 0 0 0',
      'f.json 284 B 1 0 0 0',
    ]);
    expect(await panel().locator('.issue-row.note').count()).toBe(0);
  });

  it('wraps a long name quoted in a warning inside the window at 960×600: the table is no wider than its box, every column in view', async () => {
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await panel().getByRole('combobox').selectOption({ label: 'files with errors or warnings (2)' });
    await panel().getByTestId('evidence-count').filter({ hasText: /^2 of 22 files$/ }).waitFor();
    const warning = panel().locator('.issue-row.warning .issue-message');
    expect(await warning.textContent()).toBe(`a symbolic link to ${target}: not followed`);
    const files = panel().locator('.evidence-files');
    expect(await files.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
    expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBe(960);
    const [box, sha] = [(await files.boundingBox())!, (await panel().getByRole('columnheader', { name: 'SHA-256' }).boundingBox())!];
    expect(sha.x + sha.width).toBeLessThanOrEqual(box.x + box.width);
    // Wrapped, not cut: every character drawn, in lines no wider than the table; the columns sized by the files, not by the message.
    const lines = await drawnLines(warning);
    expect(lines).toHaveLength(6);
    expect(await panel().getByRole('columnheader', { name: 'File' }).evaluate((th) => Math.round(th.getBoundingClientRect().width))).toBeGreaterThanOrEqual(340);
    expect(lines.join('').replaceAll(' ', '')).toBe(`a symbolic link to ${target}: not followed`.replaceAll(' ', ''));
    await app.page.screenshot({ path: join(SHOTS, 'evidence-long-warning-960.png') });
  });
});
