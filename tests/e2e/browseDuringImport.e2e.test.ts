import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
const EVENTS = 200_000;

/** The number a text like '49,152 events' or '49,152 events listed so far' gives. */
const countOf = (text: string | null): number => Number((text ?? '').replace(/ events?( listed so far)?$/, '').replaceAll(',', ''));

describe('browsing a case while an import runs', () => {
  let evidence: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-browse-'));
    // Large enough to run for several seconds: the listing catches up every two.
    await writeSyntheticBundle(evidence, EVENTS, 200);
    app = await launchApp({ evidence: [evidence] });
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('lists what is stored as it lands, keeps the place and the selected event, then lists everything', async () => {
    const { page } = app;
    const listingCount = page.getByTestId('listing-count');
    const running = page.locator('progress');
    await newCase(page, 'Browsed while importing');
    await page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();

    // The first events show while the import is still reading its files, the footer saying there are more to come.
    await listingCount.filter({ hasText: /^[1-9][\d,]* events? listed so far$/ }).waitFor({ timeout: 20_000 });
    const first = countOf(await listingCount.textContent());
    expect(await running.count()).toBe(1);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(EVENTS);
    expect(countOf(await page.getByTestId('event-count').textContent())).toBeGreaterThan(0);
    // The case's figure says it is what the listing holds so far, not what the banner says is stored.
    const eventsLabel = page.getByRole('region', { name: 'Case summary' }).locator('.stat-label').first();
    expect(await eventsLabel.textContent()).toBe('Events listed so far');
    expect(await running.count()).toBe(1);
    await page.setViewportSize({ width: 960, height: 600 });
    await page.screenshot({ path: join(SHOTS, 'browse-during-import-960.png') });
    await page.setViewportSize({ width: 1360, height: 860 });

    // Scrolled a little way, the listing stays there as more events come.
    const scroller = page.locator('#event-listing');
    await scroller.evaluate((element) => (element.scrollTop = 280));
    await listingCount.filter({ hasNotText: new RegExp(`^${(await listingCount.textContent())!}$`) }).waitFor({ timeout: 10_000 });
    expect(await running.count()).toBe(1);
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(280);

    // An event can be selected and read meanwhile, and stays selected as the listing grows.
    await page.locator('.grid-row[aria-rowindex="13"]').click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const heading = detail.getByRole('heading', { level: 2 });
    await heading.waitFor();
    const selectedTitle = await heading.textContent();
    const selectedTime = await detail.locator('h2 + .mono').textContent();
    const selectedAt = countOf(await listingCount.textContent());
    expect(await running.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'browse-during-import.png') });
    await listingCount.filter({ hasNotText: new RegExp(`^${(await listingCount.textContent())!}$`) }).waitFor({ timeout: 10_000 });
    expect(countOf(await listingCount.textContent())).toBeGreaterThan(selectedAt);
    expect(await page.locator('.grid-row.selected').count()).toBe(1);
    expect(await heading.textContent()).toBe(selectedTitle);
    expect(await detail.locator('h2 + .mono').textContent()).toBe(selectedTime);


    await waitForImport(page);
    await listingCount.filter({ hasText: /^200,000 events$/ }).waitFor();
    expect(await page.getByTestId('event-count').textContent()).toBe('200,000');
    expect([await eventsLabel.textContent(), await page.getByTestId('stored-count').textContent()]).toEqual(['Events', '200,000']);
    expect(await page.locator('.grid-row.selected').count()).toBe(1);
    expect(await heading.textContent()).toBe(selectedTitle);
    expect(await detail.locator('h2 + .mono').textContent()).toBe(selectedTime);
    // The row highlighted is the event the detail shows (files are not read in time order: earlier events may have come before it).
    expect(`${await page.locator('.grid-row.selected .col-time').textContent()} UTC`).toBe(selectedTime);
  });
});

describe('an import that falls silent just after storing a segment', () => {
  let evidence: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-silent-'));
    const line = (n: number) =>
      `{"eventVersion":"1.08","eventID":"e-${n}","eventTime":"2024-03-01T00:00:${String(n % 60).padStart(2, '0')}Z","eventName":"GetObject","eventSource":"s3.amazonaws.com"}\n`;
    await writeFile(join(evidence, 'events.ndjson'), Array.from({ length: 6000 }, (_, n) => line(n)).join(''));
    // Four batches of 1,024 fill a segment exactly; nothing of the job reaches the page after them (a large file being read, the app about to close).
    app = await launchApp({ evidence: [evidence], holdIngestAfter: 4 });
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('still lists the segment stored last', async () => {
    const { page } = app;
    await newCase(page, 'Fell silent');
    await page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await expect.poll(() => page.getByTestId('listing-count').textContent(), { timeout: 10_000 }).toBe('4,096 events listed so far');
    expect(await page.getByTestId('event-count').textContent()).toBe('4,096');
    // The value finder offers what is stored, not what was read: 4,096 of the 6,000 events.
    await page.getByRole('combobox', { name: 'Find a value' }).fill('getobject');
    await expect.poll(() => page.getByRole('listbox', { name: 'Values of this case' }).getByRole('option').allTextContents()).toEqual(['Event GetObject 4,096 events']);
  });
});
