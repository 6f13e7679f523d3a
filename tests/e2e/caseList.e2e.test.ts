import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWithEvidence, launchApp, newCase, type LaunchedApp } from './harness';

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

describe('the case list in the smallest window (960×600)', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    const event = (second: number) => ({ eventTime: `2024-05-01T10:00:${second}Z`, eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventID: `e-${second}` });
    app = await caseWithEvidence('Case 0', { 'trail.json': JSON.stringify({ Records: [event(10), event(28)] }) });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await app.page.getByRole('button', { name: 'Close case' }).click();
    await newCase(app.page, 'IR-031 leaked key');
    await app.page.getByRole('button', { name: 'Close case' }).click();
    await app.page.getByTestId('case-row').nth(1).waitFor();
  });
  afterAll(() => app.close());

  it('gives the case names their room: each short name on one line, the time span on two, and the table within the window', async () => {
    const { page } = app;
    /** Per case row: its name's lines as drawn, and the lines of its time span. */
    const lines = await page.getByTestId('case-row').evaluateAll((rows) =>
      rows.map((row) => {
        const count = (element: Element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        };
        return [row.querySelector('.case-title span')!.textContent, count(row.querySelector('.case-title span')!), row.querySelectorAll('td')[2]!.textContent, count(row.querySelectorAll('td')[2]!)];
      }),
    );
    expect(lines).toEqual([
      ['IR-031 leaked key', 1, '—', 1],
      ['Case 0', 1, '2024-05-01 10:00:10 → 2024-05-01 10:00:28 (18 s)', 2],
    ]);
    const right = (selector: string) => page.locator(selector).evaluate((element) => Math.round(element.getBoundingClientRect().right));
    expect(await right('.case-list')).toBe(await right('.new-case'));
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    await page.screenshot({ path: join(SHOTS, 'start-screen-960.png') });
  });
});

describe('creating a case', () => {
  it('creates one case for a double click on Create case, and one for Enter pressed twice', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      const name = page.getByPlaceholder(/^e\.g\./);
      await name.fill('Clicked twice');
      await page.getByRole('button', { name: 'Create case' }).dblclick();
      await page.getByRole('heading', { name: 'Add the evidence for this case' }).waitFor();
      await page.getByRole('button', { name: 'Close case' }).click();
      await page.getByTestId('case-row').waitFor();
      await name.fill('Entered twice');
      await name.evaluate((input) => {
        for (let press = 0; press < 2; press++) input.closest('form')!.requestSubmit();
      });
      await page.getByRole('heading', { name: 'Add the evidence for this case' }).waitFor();
      await page.getByRole('button', { name: 'Close case' }).click();
      await page.getByTestId('case-row').nth(1).waitFor();
      expect(await page.locator('.case-title').allTextContents()).toEqual(['Entered twice', 'Clicked twice']);
    } finally {
      await app.close();
    }
  });
});

describe('renaming a case', () => {
  it('renames a case from the start screen: Enter keeps the new name, Escape and a blank name keep the old one', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await newCase(page, 'IR-031 draft');
      await page.getByRole('button', { name: 'Close case' }).click();
      await page.getByRole('button', { name: 'Rename IR-031 draft' }).click();
      const box = page.getByRole('textbox', { name: 'New name for IR-031 draft' });
      expect(await box.evaluate((input) => input === document.activeElement)).toBe(true);
      await box.fill('  IR-031 leaked access key ');
      await box.press('Enter');
      await page.locator('.case-title', { hasText: 'IR-031 leaked access key' }).waitFor();
      expect(await page.locator('.case-title').allTextContents()).toEqual(['IR-031 leaked access key']);
      await page.getByRole('button', { name: 'Rename IR-031 leaked access key' }).click();
      await page.getByRole('textbox', { name: 'New name for IR-031 leaked access key' }).fill('Discarded');
      await page.getByRole('textbox', { name: 'New name for IR-031 leaked access key' }).press('Escape');
      await page.getByRole('button', { name: 'Rename IR-031 leaked access key' }).click();
      await page.getByRole('textbox', { name: 'New name for IR-031 leaked access key' }).fill('   ');
      await page.getByRole('textbox', { name: 'New name for IR-031 leaked access key' }).press('Enter');
      await page.getByRole('button', { name: 'Open IR-031 leaked access key' }).click();
      // The new name is the case's own: the open case shows it, and so does the start screen after a reload.
      expect(await page.locator('.case-name').textContent()).toBe('IR-031 leaked access key');
      await page.getByRole('button', { name: 'Close case' }).click();
      await page.reload();
      await page.getByTestId('case-row').waitFor();
      expect(await page.locator('.case-title').allTextContents()).toEqual(['IR-031 leaked access key']);
    } finally {
      await app.close();
    }
  });
});
