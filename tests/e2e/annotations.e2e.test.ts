import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bobsCall } from '../fixtures/generators/bobsCalls';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');

/** Three calls by bob, a minute apart. */
const EVENTS = ['ListBuckets', 'GetObject', 'PutObject'].map((eventName, n) => bobsCall(n, eventName));

const rows = (page: Page) => page.locator('.grid-row');
const detail = (page: Page) => page.getByRole('complementary', { name: 'Event detail' });
const noteBox = (page: Page) => detail(page).getByRole('textbox', { name: 'Note' });

/** The notes the case's database holds (the profile's only case), as the query worker stored them. */
const storedNotes = (page: Page) =>
  page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((db) => db.name ?? '').find((found) => found.startsWith('cairn-case-'))!;
    const ask = <T,>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
    const db = await ask(indexedDB.open(name));
    try {
      return (await ask(db.transaction('annotations').objectStore('annotations').getAll())).map((annotation: { note: string }) => annotation.note);
    } finally {
      db.close();
    }
  });

/** Selects the listing's row `n` and waits for its detail. */
async function open(page: Page, n: number, eventName: string): Promise<void> {
  await rows(page).nth(n).click();
  await detail(page).getByRole('heading', { name: eventName }).waitFor();
  await noteBox(page).waitFor();
}

describe('marking an event in one gesture', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Marks', { 'bob.json': JSON.stringify({ Records: EVENTS }) });
    await rows(app.page).nth(2).waitFor();
  });
  afterAll(() => app.close());

  it('keeps a note typed just before the bookmark is clicked, and a tag added just after', async () => {
    const { page } = app;
    await open(page, 1, 'GetObject');
    // Typed, then straight to the bookmark: the note is saved as the box loses focus, the bookmark on the click.
    await noteBox(page).fill('exfil staging');
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).waitFor();
    // Read back from the case, not from the pane.
    await open(page, 0, 'ListBuckets');
    await open(page, 1, 'GetObject');
    expect([await noteBox(page).inputValue(), await detail(page).getByRole('button', { name: /Bookmark/ }).getAttribute('aria-pressed')]).toEqual(['exfil staging', 'true']);
    // Changed again, then a tag: the note is saved as the tag box takes focus.
    await noteBox(page).fill('exfil staging, from the VPN range');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('exfil');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).press('Enter');
    await detail(page).getByRole('button', { name: 'Remove tag exfil' }).waitFor();

    await open(page, 0, 'ListBuckets');
    await open(page, 1, 'GetObject');
    expect(await noteBox(page).inputValue()).toBe('exfil staging, from the VPN range');
    expect(await detail(page).getByRole('button', { name: '★ Bookmarked' }).getAttribute('aria-pressed')).toBe('true');
    expect(await detail(page).locator('.tag').allTextContents()).toEqual(['exfil×']);
    for (const [marked, name] of [['noted', 'GetObject'], ['bookmarked', 'GetObject'], ['tagged', 'GetObject']] as const) {
      await page.getByRole('combobox', { name: 'Show' }).selectOption(marked);
      await page.getByTestId('listing-count').filter({ hasText: /^1 of 3 events$/ }).waitFor();
      expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual([name]);
    }
    await page.screenshot({ path: join(SHOTS, 'note-then-bookmark.png') });
  });

  it('adds a tag typed without Enter when another event is selected, with the note typed before it', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await page.getByTestId('listing-count').filter({ hasText: /^3 events$/ }).waitFor();
    await open(page, 0, 'ListBuckets');
    await noteBox(page).fill('first look');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill(' recon ');
    // Straight to another event: the note is saved as the tag box takes focus, the tag as it loses it.
    await open(page, 2, 'PutObject');
    expect(await detail(page).getByRole('textbox', { name: 'Add a tag' }).inputValue()).toBe('');
    await open(page, 0, 'ListBuckets');
    expect([await noteBox(page).inputValue(), await detail(page).locator('.tag').allTextContents()]).toEqual(['first look', ['recon×']]);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('tagged');
    await page.getByTestId('listing-count').filter({ hasText: /^2 of 3 events$/ }).waitFor();
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['ListBuckets', 'GetObject']);
    await page.screenshot({ path: join(SHOTS, 'tag-on-blur.png') });
  });

  it('keeps a note still being typed when the window closes, its box never left', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await page.getByTestId('listing-count').filter({ hasText: /^3 events$/ }).waitFor();
    await open(page, 2, 'PutObject');
    await noteBox(page).fill('written just before closing');
    // Saved a moment after the last key, the box still focused: the listing marks the event.
    await rows(page).nth(2).getByRole('img', { name: 'Has a note' }).waitFor({ timeout: 5000 });
    expect(await noteBox(page).evaluate((box) => box === document.activeElement)).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Open Marks' }).click();
    await detail(page).getByRole('heading', { name: 'PutObject' }).waitFor();
    await noteBox(page).waitFor();
    expect(await noteBox(page).inputValue()).toBe('written just before closing');
  });

  it('keeps an event whose note is being rewritten in the listing of noted events until its box is left', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Show' }).selectOption('noted');
    await page.getByTestId('listing-count').filter({ hasText: /^3 of 3 events$/ }).waitFor();
    await open(page, 2, 'PutObject');
    await noteBox(page).fill('');
    // The empty note is saved as typed, the box still focused.
    await expect.poll(() => storedNotes(page), { timeout: 10_000 }).not.toContain('written just before closing');
    expect([await page.getByTestId('listing-count').textContent(), await detail(page).getByRole('heading').first().textContent()]).toEqual(['3 of 3 events', 'PutObject']);
    expect(await noteBox(page).evaluate((box) => box === document.activeElement)).toBe(true);
    await noteBox(page).press('Tab');
    await page.getByTestId('listing-count').filter({ hasText: /^2 of 3 events$/ }).waitFor();
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['ListBuckets', 'GetObject']);
  });

  it('lists the events with a tag when the tag is clicked, and follows the tags as they change', async () => {
    const { page } = app;
    const count = (text: string) => page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await count('3 events');
    await open(page, 2, 'PutObject');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('exfil');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).press('Enter');
    await detail(page).getByRole('button', { name: 'exfil', exact: true }).click();
    await count('2 of 3 events');
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['GetObject', 'PutObject']);
    expect(await page.locator('.chip').allTextContents()).toEqual(['Tag: exfil×']);
    await page.screenshot({ path: join(SHOTS, 'tag-filter.png') });
    // Taken off the event: the listing of that tag no longer holds it.
    await detail(page).getByRole('button', { name: 'Remove tag exfil' }).click();
    await count('1 of 3 events');
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['GetObject']);
    await page.getByRole('button', { name: 'Remove filter Tag' }).click();
    await count('3 events');
  });

  it('shows the events with any mark together: bookmarked, tagged or with a note', async () => {
    const { page } = app;
    // GetObject has all three marks, ListBuckets a tag and a note, PutObject none since the last test: bookmarked, it is listed; unbookmarked, it leaves.
    await open(page, 2, 'PutObject');
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Show' }).locator('option').allTextContents()).toEqual(['all events', 'failed calls ✖', 'marked events ★ # ✎', 'bookmarked events ★', 'tagged events #', 'events with a note ✎', 'events in conflict ⚠ ≠']);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('marked');
    await page.getByTestId('listing-count').filter({ hasText: /^3 of 3 events$/ }).waitFor();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^2 of 3 events$/ }).waitFor();
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['ListBuckets', 'GetObject']);
  });
});
