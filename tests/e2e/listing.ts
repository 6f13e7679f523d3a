import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A text a row holds: a string anywhere in it, or a pattern its whole text matches somewhere. */
export type RowText = string | RegExp;

/** The drawn rows among `rows` that hold every text. */
const holding = (rows: Locator, texts: readonly RowText[]): Locator => texts.reduce((found, text) => found.filter({ hasText: text }), rows);

/** The listing's drawn rows holding every text. */
export const rowsWith = (page: Page, texts: readonly RowText[]): Locator => holding(page.locator('.grid-row'), texts);

/** Listing rows are this tall (EventTable's ROW_HEIGHT). */
const ROW_HEIGHT = 28;

/** Whether the listing has drawn the rows at the top and the bottom of its view (rows come a page at a time from the query worker, after the scroll). */
const viewDrawn = (el: Element, height: number): boolean => {
  const rows = Number(el.closest('[role="grid"]')!.getAttribute('aria-rowcount')) - 1;
  const first = Math.min(rows - 1, Math.floor(el.scrollTop / height));
  const last = Math.min(rows - 1, Math.max(first, Math.floor((el.scrollTop + el.clientHeight) / height) - 2));
  return rows <= 0 || [first, last].every((position) => el.querySelector(`.grid-row[aria-rowindex="${position + 2}"]`) !== null);
};

/** Scrolls the listing down a view less two rows, back to the top past the end. */
const stepDown = (el: Element, height: number): number => (el.scrollTop = el.scrollTop + el.clientHeight >= el.scrollHeight ? 0 : el.scrollTop + el.clientHeight - 2 * height);

/**
 * The first row holding every text, scrolled to from the listing's top, handed to `reach`: a view
 * down at a time once the view is drawn, back to the top past the end, until `reach` succeeds on
 * it (the listing may bring its selected row back into view meanwhile, taking this one away).
 * `reach` should give up quickly (a short timeout on its actions), for the search to go on.
 */
export async function reachRow<T>(page: Page, texts: readonly RowText[], reach: (row: Locator) => Promise<T>): Promise<T> {
  const grid = page.locator('.grid-scroll');
  const row = rowsWith(page, texts).first();
  await grid.evaluate((el) => (el.scrollTop = 0));
  let reached: { value: T } | undefined;
  const attempt = async (): Promise<boolean> => {
    if (!(await grid.evaluate(viewDrawn, ROW_HEIGHT))) return false;
    if ((await row.count()) > 0) {
      reached = await reach(row).then(
        (value) => ({ value }),
        () => undefined,
      );
      if (reached) return true;
    }
    await grid.evaluate(stepDown, ROW_HEIGHT);
    return false;
  };
  await expect.poll(attempt, { timeout: 20_000, interval: 100 }).toBe(true);
  return reached!.value;
}

/**
 * Waits until the listing's selected row holds every text and the detail pane has read it. The
 * pane is drawn anew for each selection, in the render that marks the row selected, so a pane
 * seen after that is this row's, never the one selected before.
 */
export async function selected(page: Page, texts: readonly RowText[]): Promise<void> {
  await holding(page.locator('.grid-row[aria-selected="true"]'), texts).waitFor();
  await page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Provenance' }).waitFor();
}

/** Selects the first row holding every text, scrolled to as `reachRow` does, and waits for the detail pane to have read it. */
export async function selectRow(page: Page, texts: readonly RowText[]): Promise<void> {
  await reachRow(page, texts, (row) => row.click({ timeout: 2_000 }));
  await selected(page, texts);
}

/** Clicks the `n`th drawn row, counted from 0, and waits until it is the one selected and the detail pane has read it. */
export async function selectNth(page: Page, n: number): Promise<void> {
  const row = page.locator('.grid-row').nth(n);
  await row.click();
  await row.and(page.locator('[aria-selected="true"]')).waitFor();
  await page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Provenance' }).waitFor();
}

/** The explorer's detail pane. */
export const detail = (page: Page): Locator => page.getByRole('complementary', { name: 'Event detail' });

/** Waits until the listing's footer reads exactly `text`. */
export const count = (page: Page, text: string): Promise<void> => page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();

/** The drawn rows, each as time, event, actor and source IP (the listing's default columns but service, region and error). */
export const listing = (page: Page): Promise<string[]> =>
  page.locator('.grid-row').evaluateAll((rows) => rows.map((row) => ['time', 'eventName', 'actor', 'sourceIp'].map((id) => row.querySelector(`.col-${id}`)!.textContent).join(' ')));

/** The filter chips' texts. */
export const chips = (page: Page): Promise<string[]> => page.locator('.chip').allTextContents();
