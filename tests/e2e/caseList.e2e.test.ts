import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newCase, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');
/** As long as the form allows, with no space to wrap at. */
const LONG_NAME = `IR-${'X'.repeat(197)}`;

/** Whether the page scrolls sideways, and the buttons that reach past the window's right edge. */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    outside: [...document.querySelectorAll('button')].filter((button) => button.getBoundingClientRect().right > window.innerWidth).map((button) => button.textContent),
  }));

describe('the case list', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await launchApp();
    await newCase(app.page, LONG_NAME);
  });
  afterAll(() => app.close());

  it('cuts a long case name in the toolbar, whole on hover, and keeps the buttons in the window', async () => {
    const { page } = app;
    expect(await page.locator('.case-name').getAttribute('title')).toBe(LONG_NAME);
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    await page.screenshot({ path: join(SHOTS, 'case-long-name.png') });
  });

  it('wraps it on the start screen (three lines at most, whole on hover), and says in which zone it was last opened', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByTestId('case-row').waitFor();
    expect(await page.locator('.case-list th').allTextContents()).toEqual(['Case', 'Events', 'Time span (UTC)', 'Evidence', 'Last opened (UTC)', 'Actions']);
    expect([await page.locator('.case-title').textContent(), await page.locator('.case-title span').getAttribute('title')]).toEqual([LONG_NAME, LONG_NAME]);
    expect(await page.getByTestId('case-row').locator('td').nth(4).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    await page.screenshot({ path: join(SHOTS, 'start-screen-long-name.png') });
    await page.getByRole('button', { name: `Delete ${LONG_NAME}` }).click();
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    await page.screenshot({ path: join(SHOTS, 'delete-long-name.png') });
  });
});
