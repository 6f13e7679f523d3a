import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bobsCall } from '../fixtures/generators/bobsCalls';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');

/** Three calls by bob, a minute apart. */
const EVENTS = ['ListBuckets', 'GetObject', 'PutObject'].map((eventName, n) => bobsCall(n, eventName));

const detail = (page: Page) => page.getByRole('complementary', { name: 'Event detail' });
/** Where the keyboard is: the focused element's id, or its tag and accessible label. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`);
/** The highlighted rows' event names and the detail pane's heading (null when it is empty). */
const shown = async (page: Page) => ({
  highlighted: await page.locator('.grid-row[aria-selected="true"] .col-eventName').allTextContents(),
  heading: (await detail(page).getByRole('heading', { level: 2 }).count()) ? await detail(page).getByRole('heading', { level: 2 }).textContent() : null,
});

describe('reading events from the keyboard', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Keys', { 'bob.json': JSON.stringify({ Records: EVENTS }) });
    await app.page.locator('.grid-row').nth(2).waitFor();
  });
  afterAll(() => app.close());

  it('goes into the detail with Enter, back to the listing with Escape, and clears the selection with Escape', async () => {
    const { page } = app;
    expect(await page.locator('.grid-scroll').getAttribute('aria-keyshortcuts')).toBe('ArrowUp ArrowDown PageUp PageDown Home End Enter Escape');
    await page.locator('.grid-scroll').focus();
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'ListBuckets' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('event-detail');
    expect(await detail(page).evaluate((pane) => getComputedStyle(pane).outlineStyle)).toBe('solid');
    await page.screenshot({ path: join(SHOTS, 'keys-detail-focused.png') });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON null');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('☆ Bookmark');

    // Back to the listing, the event still selected: the arrows go on from it.
    await page.keyboard.press('Escape');
    expect([await focused(page), await shown(page)]).toEqual(['event-listing', { highlighted: ['ListBuckets'], heading: 'ListBuckets' }]);
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'GetObject' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('event-detail');

    // Escape in the note or the tag box keeps the text and the focus there.
    await detail(page).getByRole('textbox', { name: 'Note' }).fill('seen from the VPN');
    await page.keyboard.press('Escape');
    expect([await focused(page), await detail(page).getByRole('textbox', { name: 'Note' }).inputValue()]).toEqual(['TEXTAREA Note', 'seen from the VPN']);
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('recon');
    await page.keyboard.press('Escape');
    expect([await focused(page), await detail(page).getByRole('textbox', { name: 'Add a tag' }).inputValue()]).toEqual(['INPUT Add a tag', 'recon']);
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('');

    // A click on the pane's text, then Escape: back to the listing too.
    await detail(page).getByRole('heading', { name: 'GetObject' }).click();
    await page.keyboard.press('Escape');
    expect([await focused(page), await shown(page)]).toEqual(['event-listing', { highlighted: ['GetObject'], heading: 'GetObject' }]);

    // Escape in the listing lets the event go; the listing keeps the keyboard.
    await page.keyboard.press('Escape');
    await detail(page).getByText('Select an event', { exact: false }).waitFor();
    expect([await focused(page), await shown(page)]).toEqual(['event-listing', { highlighted: [], heading: null }]);
    expect(await detail(page).locator('.keys').textContent()).toBe('In the listing: ↑ ↓ select, Enter moves into the detail, Esc clears the selection. In the detail, Esc returns to the listing. / or Ctrl+F finds a value.');
    await page.screenshot({ path: join(SHOTS, 'keys-cleared.png') });
    // Enter with nothing selected does nothing; the arrows start again from the top.
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('event-listing');
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'ListBuckets' }).waitFor();
  });

  it('shows the focus ring of the time header whole, Tab away from the listing', async () => {
    const { page } = app;
    await page.locator('.grid-scroll').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Time (UTC) ▲');
    // The ring drawn around the button (its width beyond the offset), against the header cell that clips what leaves it.
    const ring = await page.evaluate(() => {
      const button = document.activeElement!;
      const style = getComputedStyle(button);
      const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const box = button.getBoundingClientRect();
      const cell = button.closest('[role="columnheader"]')!.getBoundingClientRect();
      return { style: style.outlineStyle, inside: box.top - reach >= cell.top && box.bottom + reach <= cell.bottom && box.left - reach >= cell.left && box.right + reach <= cell.right };
    });
    expect(ring).toEqual({ style: 'solid', inside: true });
    await page.locator('.grid-header').screenshot({ path: join(SHOTS, 'keys-sort-focused.png') });
  });
});

describe('the keyboard when a case opens', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Focused', { 'bob.json': JSON.stringify({ Records: EVENTS }) });
    await app.page.locator('.grid-row').nth(2).waitFor();
  });
  afterAll(() => app.close());

  const reopen = async (page: Page) => {
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Focused' }).click();
    await page.locator('.grid-row').nth(2).waitFor();
  };

  it('is on the listing after an import and after opening, with or without a selection restored', async () => {
    const { page } = app;
    // The import ended with the focus nowhere (the Add evidence button was disabled under it).
    expect(await focused(page)).toBe('event-listing');
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'ListBuckets' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await shown(page)).toEqual({ highlighted: [], heading: null });

    await reopen(page);
    expect(await focused(page)).toBe('event-listing');
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'ListBuckets' }).waitFor();
    expect(await shown(page)).toEqual({ highlighted: ['ListBuckets'], heading: 'ListBuckets' });

    // Opened again with ListBuckets selected: the arrows go on from it.
    await reopen(page);
    expect([await focused(page), await shown(page)]).toEqual(['event-listing', { highlighted: ['ListBuckets'], heading: 'ListBuckets' }]);
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'GetObject' }).waitFor();
    expect(await shown(page)).toEqual({ highlighted: ['GetObject'], heading: 'GetObject' });
  });
});
