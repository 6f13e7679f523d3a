import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { bobsCall } from '../fixtures/generators/bobsCalls';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { registryRecords } from './registry';

const SHOTS = join(import.meta.dirname, '../../test-results');

/** `count` calls a minute apart from 10:00 UTC, `Call0`, `Call1`, …; every fourth from another address. */
const calls = (count: number) => Array.from({ length: count }, (_, n) => bobsCall(n, `Call${n}`, n % 4 === 0 ? { sourceIPAddress: '203.0.113.50' } : {}));

const rows = (page: Page) => page.locator('.grid-row');
const detail = (page: Page) => page.getByRole('complementary', { name: 'Event detail' });
const selectedRow = (page: Page) => page.locator('.grid-row[aria-selected="true"]');

/** The listing's count, the highlighted row (aria-rowindex and event name), whether it is in view, and the detail pane's heading. */
async function shown(page: Page) {
  await page.getByTestId('listing-count').filter({ hasNotText: 'Reading…' }).waitFor();
  await selectedRow(page).waitFor();
  return {
    listed: await page.getByTestId('listing-count').textContent(),
    highlighted: await selectedRow(page).evaluateAll((found) => found.map((row) => `${row.getAttribute('aria-rowindex')} ${row.querySelector('.col-eventName')?.textContent}`)),
    inView: await selectedRow(page).evaluate((row) => {
      const scroller = row.closest('.grid-scroll')!.getBoundingClientRect();
      const box = row.getBoundingClientRect();
      return box.top >= scroller.top + 28 && box.bottom <= scroller.bottom;
    }),
    detail: await detail(page).getByRole('heading', { level: 2 }).textContent(),
  };
}

describe('the event being read, across changes of the listing', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('View', { 'calls.json': JSON.stringify({ Records: calls(40) }) });
    await rows(app.page).first().waitFor();
  });
  afterAll(() => app.close());

  it('stays selected, in view, when the order is reversed', async () => {
    const { page } = app;
    await page.locator('.grid-scroll').evaluate((element) => element.scrollTo({ top: 14 * 28 }));
    await rows(page).filter({ hasText: /^.*Call21/ }).click();
    await detail(page).getByRole('heading', { name: 'Call21' }).waitFor();
    expect(await shown(page)).toEqual({ listed: '40 events', highlighted: ['23 Call21'], inView: true, detail: 'Call21' });
    await page.getByRole('columnheader', { name: /Time/ }).getByRole('button').click();
    await page.locator('.grid-row[aria-rowindex="20"][aria-selected="true"]').waitFor();
    expect(await shown(page)).toEqual({ listed: '40 events', highlighted: ['20 Call21'], inView: true, detail: 'Call21' });
  });

  it('stays selected when it is pivoted on, and when the pivot is cleared', async () => {
    const { page } = app;
    await detail(page).getByRole('button', { name: /this source IP/ }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^30 of 40 events$/ }).waitFor();
    await page.locator('.grid-row[aria-rowindex="16"][aria-selected="true"]').waitFor();
    expect(await shown(page)).toEqual({ listed: '30 of 40 events', highlighted: ['16 Call21'], inView: true, detail: 'Call21' });
    await page.screenshot({ path: join(SHOTS, 'selection-after-pivot.png') });
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^40 events$/ }).waitFor();
    await page.locator('.grid-row[aria-rowindex="20"][aria-selected="true"]').waitFor();
    expect(await shown(page)).toEqual({ listed: '40 events', highlighted: ['20 Call21'], inView: true, detail: 'Call21' });
  });

  it('keeps the keyboard when a filter is removed: on the next chip, then on the listing', async () => {
    const { page } = app;
    await detail(page).getByRole('button', { name: /this source IP/ }).click();
    await detail(page).getByRole('button', { name: /this event name/ }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 40 events$/ }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('aria-label') || null);
    await page.getByRole('button', { name: 'Remove filter Source IP' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove filter Source IP' }).waitFor({ state: 'detached' });
    expect(await focused()).toBe('Remove filter Event');
    await page.keyboard.press('Enter');
    await page.getByTestId('listing-count').filter({ hasText: /^40 events$/ }).waitFor();
    await page.locator('.grid-row[aria-rowindex="20"][aria-selected="true"]').waitFor();
    expect(await focused()).toBe('event-listing');
    // The listing has the keyboard: the arrow moves the selection on from Call21 (newest first since the order was reversed).
    await page.keyboard.press('ArrowDown');
    await detail(page).getByRole('heading', { name: 'Call20' }).waitFor();
    expect(await shown(page)).toEqual({ listed: '40 events', highlighted: ['21 Call20'], inView: true, detail: 'Call20' });
    await page.keyboard.press('ArrowUp');
    await detail(page).getByRole('heading', { name: 'Call21' }).waitFor();
  });

  it('shows each filter whole in the smallest window (960×600), the controls beside or below them', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await detail(page).getByRole('button', { name: /this source IP/ }).click();
    await detail(page).getByRole('button', { name: /this actor/ }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^30 of 40 events$/ }).waitFor();
    /** Per chip: its text as drawn, and whether any of it is cut off. */
    const chips = () => page.locator('.chip').evaluateAll((found) => found.map((chip) => [chip.textContent, [chip, ...chip.querySelectorAll('*')].some((element) => element.scrollWidth > element.clientWidth)]));
    expect(await chips()).toEqual([
      ['Source IP: 198.51.100.7×', false],
      ['Actor: arn:aws:iam::111122223333:user/bob×', false],
    ]);
    const bottom = (selector: string) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().bottom);
    expect(await bottom('.filter-bar > label')).toBeLessThanOrEqual(await bottom('.filter-bar'));
    await page.screenshot({ path: join(SHOTS, 'filters-960.png') });
    for (const name of ['Actor', 'Source IP']) await page.getByRole('button', { name: `Remove filter ${name}` }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^40 events$/ }).waitFor();
  });

  it('stays selected when only bookmarked events are shown and it is one', async () => {
    const { page } = app;
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).waitFor();
    await page.getByRole('combobox', { name: 'Show' }).selectOption('bookmarked');
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 40 events$/ }).waitFor();
    expect(await shown(page)).toEqual({ listed: '1 of 40 events', highlighted: ['2 Call21'], inView: true, detail: 'Call21' });
  });

  it('says how many of the case’s events the listing shows: all, those a filter keeps, none', async () => {
    const { page } = app;
    const footer = page.getByTestId('listing-count');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('noted');
    await footer.filter({ hasText: /^0 of 40 events$/ }).waitFor();
    expect(await rows(page).count()).toBe(0);
    // The bar says what the Show choice lists, the empty body that nothing matches and how to see more.
    const none = page.locator('.listing-none p');
    expect([await page.locator('.chips').textContent(), await none.allTextContents()]).toEqual(['Events with a note ✎', ['No events match.', 'Show all events to widen the listing.']]);
    await page.screenshot({ path: join(SHOTS, 'listing-count-none.png') });
    // A Show choice and a filter that keep every event say so too: the listing is narrowed, none left out.
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await footer.filter({ hasText: /^40 events$/ }).waitFor();
    await rows(page).first().click();
    await detail(page).getByRole('button', { name: /this actor/ }).click();
    await footer.filter({ hasText: /^40 of 40 events$/ }).waitFor();
    expect(await none.count()).toBe(0);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('noted');
    await footer.filter({ hasText: /^0 of 40 events$/ }).waitFor();
    expect(await none.allTextContents()).toEqual(['No events match.', 'Remove the filter or show all events to widen the listing.']);
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'listing-none-960.png') });
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.getByRole('combobox', { name: 'Show' }).selectOption('bookmarked');
    await footer.filter({ hasText: /^1 of 40 events$/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'listing-count-filtered.png') });
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await footer.filter({ hasText: /^1 of 40 events$/ }).waitFor();
    expect([await page.locator('.chip').count(), await page.locator('.chips').textContent(), await none.count()]).toEqual([0, 'Bookmarked events ★', 0]);
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'show-label-960.png') });
    await page.setViewportSize({ width: 1360, height: 860 });
    await rows(page).first().click();
    await detail(page).getByRole('heading', { name: 'Call21' }).waitFor();
  });

  it('scrolls sideways to every chosen column, none of them cut off', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await page.getByTestId('listing-count').filter({ hasText: /^40 events$/ }).waitFor();
    await page.getByText('Columns').click();
    for (const title of ['Actor type', 'Account', 'User agent', 'Read-only']) await page.getByRole('checkbox', { name: title }).check();
    await page.getByText('Columns').click();
    await page.locator('.grid-scroll').evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
    // The least widths of the marks and eleven columns add up to 1,390 px; each cell ends inside its row, which the view shows to its end.
    const layout = await page.locator('.grid-scroll').evaluate((element) => {
      const row = element.querySelector('.grid-row[aria-selected="true"]')!;
      const last = row.querySelector('.col-readOnly')!.getBoundingClientRect();
      return {
        header: element.querySelector('.grid-header')!.getBoundingClientRect().width,
        row: row.getBoundingClientRect().width,
        lastCell: [row.querySelector('.col-userAgent')!.textContent, row.querySelector('.col-readOnly')!.textContent],
        lastCellInRow: last.right <= row.getBoundingClientRect().right,
        lastCellInView: last.right <= element.getBoundingClientRect().right,
      };
    });
    expect(layout).toEqual({ header: 1390, row: 1390, lastCell: ['aws-cli/2.15.0', '—'], lastCellInRow: true, lastCellInView: true });
    await page.screenshot({ path: join(SHOTS, 'all-columns-scrolled.png') });
  });

  it('closes the Columns menu on Escape, on a click outside it and when focus leaves it', async () => {
    const { page } = app;
    const menu = page.locator('.column-menu');
    /** Whether the menu is open, and what has the keyboard (tag and text). */
    const state = async () => ({
      open: await menu.evaluate((element) => (element as HTMLDetailsElement).open),
      focus: await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.slice(0, 20)}`),
    });
    await page.getByText('Columns').click();
    await page.getByRole('checkbox', { name: 'Account' }).uncheck();
    expect((await state()).open).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'columns-menu-open.png') });
    await page.keyboard.press('Escape');
    expect(await state()).toEqual({ open: false, focus: 'SUMMARY Columns' });
    // Opened from the keyboard, left with Shift+Tab for the time zone button.
    await page.keyboard.press('Enter');
    expect((await state()).open).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await state()).toEqual({ open: false, focus: 'BUTTON Times in UTC' });
    // A click on the time zone button, or on a row, closes it too.
    await page.getByText('Columns').click();
    await page.getByRole('button', { name: 'Times in UTC' }).click();
    expect((await state()).open).toBe(false);
    await page.getByRole('button', { name: 'Times in local time' }).click();
    await page.getByText('Columns').click();
    expect((await state()).open).toBe(true);
    await selectedRow(page).click();
    expect((await state()).open).toBe(false);
    // The summary still opens and closes it.
    await page.getByText('Columns').click();
    await page.getByText('Columns').click();
    expect((await state()).open).toBe(false);
  });
});

describe('a case left and opened again', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Reading', { 'calls.json': JSON.stringify({ Records: calls(200) }) });
    await rows(app.page).first().waitFor();
  });
  afterAll(() => app.close());

  it('opens on the event that was selected, scrolled as it was, in the order and columns it had', async () => {
    const { page } = app;
    await page.getByRole('columnheader', { name: /Time/ }).getByRole('button').click();
    await page.getByText('Columns').click();
    await page.getByRole('checkbox', { name: 'Account' }).check();
    await page.getByText('Columns').click();
    await page.locator('.grid-scroll').evaluate((element) => element.scrollTo({ top: 120 * 28 }));
    await rows(page).filter({ hasText: 'Call75' }).click();
    await detail(page).getByRole('heading', { name: 'Call75' }).waitFor();
    const left = { ...(await shown(page)), top: await page.locator('.grid-scroll').evaluate((element) => element.scrollTop) };
    expect(left).toEqual({ listed: '200 events', highlighted: ['126 Call75'], inView: true, detail: 'Call75', top: 3360 });

    // Back from the evidence tab, then from the start screen.
    await page.getByRole('tab', { name: /Evidence/ }).click();
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.locator('.grid-row[aria-rowindex="126"][aria-selected="true"]').waitFor();
    expect({ ...(await shown(page)), top: await page.locator('.grid-scroll').evaluate((element) => element.scrollTop) }).toEqual(left);
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Reading' }).click();
    await page.locator('.grid-row[aria-rowindex="126"][aria-selected="true"]').waitFor();
    expect({ ...(await shown(page)), top: await page.locator('.grid-scroll').evaluate((element) => element.scrollTop) }).toEqual(left);
    expect(await page.locator('.grid-header').textContent()).toBe('MarksTime (UTC) ▼EventServiceActorSource IPRegionAccountError');
    await page.screenshot({ path: join(SHOTS, 'case-reopened.png') });
  });

  it('opens on the panel it was left on, with that panel\'s choices, after the app was closed without closing the case', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /Evidence/ }).click();
    const panel = page.getByRole('region', { name: 'Evidence' });
    await panel.getByRole('combobox').selectOption('errors');
    await panel.getByRole('searchbox').fill('calls');
    await panel.getByRole('button', { name: 'Events', exact: true }).click();
    await page.getByTestId('evidence-count').filter({ hasText: /^0 of 1 file$/ }).waitFor();
    /** The panel of the reading stored with the case (saved a moment after the change), as the next session reads it. */
    const stored = async () => (await registryRecords<{ reading?: { tab: string } }>(page, 'cases'))[0]?.reading?.tab;
    await expect.poll(stored).toBe('evidence');
    await page.reload();
    await page.getByRole('button', { name: 'Open Reading' }).click();
    await page.getByTestId('evidence-count').filter({ hasText: /^0 of 1 file$/ }).waitFor();
    expect({
      tab: await page.getByRole('tab', { selected: true }).textContent(),
      show: await panel.getByRole('combobox').inputValue(),
      text: await panel.getByRole('searchbox').inputValue(),
      sorted: await panel.locator('th[aria-sort]').evaluateAll((headers) => headers.map((th) => [th.textContent, th.getAttribute('aria-sort')])),
    }).toEqual({ tab: 'Evidence (1)', show: 'errors', text: 'calls', sorted: [['▼\u00a0Events', 'descending']] });
    await page.screenshot({ path: join(SHOTS, 'case-reopened-evidence.png') });
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'case-reopened-evidence-960.png') });
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.locator('.grid-row[aria-rowindex="126"][aria-selected="true"]').waitFor();
    expect(await shown(page)).toEqual({ listed: '200 events', highlighted: ['126 Call75'], inView: true, detail: 'Call75' });
  });
});
