import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { formatBytes } from '../../renderer/format';
import { figureOffsets } from './columnEdges';
import { drawnLines } from './drawnLines';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { caseWithEvidence, launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { registryRecords } from './registry';

const SHOTS = join(import.meta.dirname, '../../test-results');
/** As long as the form allows, with no space to wrap at. */
const LONG_NAME = `IR-${'X'.repeat(197)}`;

/** Whether the page scrolls sideways, and the buttons that reach past the window's right edge. */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    outside: [...document.querySelectorAll('button')].filter((button) => button.getBoundingClientRect().right > window.innerWidth).map((button) => button.textContent),
  }));

/** Drops `name` (a file or folder the harness resolves) on the open case and waits for its import. */
async function drop(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => {
    const data = new DataTransfer();
    data.items.add(new File(['{}'], name));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, name);
  await waitForImport(page);
}

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
    expect(await page.locator('.case-list th').allTextContents()).toEqual(['Case', 'Events', 'Time span (UTC)', 'Duration', 'Evidence', 'Created (UTC)', 'Last opened (UTC) ▼', 'Actions']);
    expect([await page.locator('.case-title').textContent(), await page.locator('.case-title span').getAttribute('title')]).toEqual([LONG_NAME, LONG_NAME]);
    expect(await page.getByTestId('case-row').locator('td').nth(5).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
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

  it('gives the case names their room: each short name on one line, the time span on two (first, last), and the table within the window', async () => {
    const { page } = app;
    /** Per case row: its name's lines as drawn, the lines of its time span, and its duration. */
    const lines = await page.getByTestId('case-row').evaluateAll((rows) =>
      rows.map((row) => {
        const count = (element: Element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        };
        return [row.querySelector('.case-title span')!.textContent, count(row.querySelector('.case-title span')!), row.querySelectorAll('td')[2]!.textContent, count(row.querySelectorAll('td')[2]!), row.querySelectorAll('td')[3]!.textContent];
      }),
    );
    expect(lines).toEqual([
      ['IR-031 leaked key', 1, '—', 1, '—'],
      ['Case 0', 1, '2024-05-01 10:00:10 2024-05-01 10:00:28', 2, '18 s'],
    ]);
    const right = (selector: string) => page.locator(selector).evaluate((element) => Math.round(element.getBoundingClientRect().right));
    expect(await right('.case-list')).toBe(await right('.new-case'));
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    await page.screenshot({ path: join(SHOTS, 'start-screen-960.png') });
  });
});

describe("the case list's figures", () => {
  let app: LaunchedApp;
  let evidence: string;
  const event = (time: string, id: string) => ({ eventTime: time, eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventID: id });
  /** Per case row: its name, events, time span, duration and evidence as their cells hold them. */
  const rows = (page: Page) => page.getByTestId('case-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)));

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-figures-'));
    await mkdir(join(evidence, 'keys'));
    const keys = Array.from({ length: 120_003 }, (_, i) => event(`2024-05-${String(2 + (i % 28)).padStart(2, '0')}T12:00:00Z`, `k${i}`));
    await writeFile(join(evidence, 'keys', 'a.json'), JSON.stringify({ Records: [event('2024-05-01T10:00:10.250Z', 'k-first'), ...keys.slice(0, 60_000)] }));
    await writeFile(join(evidence, 'keys', 'b.json'), JSON.stringify({ Records: [...keys.slice(60_000), event('2024-06-03T08:00:00.500Z', 'k-last')] }));
    await writeFile(join(evidence, 'bucket.json'), JSON.stringify({ Records: [event('2024-03-01T12:00:00Z', 'b1'), event('2024-03-01T12:00:18Z', 'b2')] }));
    app = await launchApp({ dropPaths: { keys: join(evidence, 'keys'), 'bucket.json': join(evidence, 'bucket.json') } });
    const { page } = app;
    await newCase(page, 'IR-7 keys');
    await drop(page, 'keys');
    await page.getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'IR-8 bucket');
    await drop(page, 'bucket.json');
    await page.getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'IR-9 empty');
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByTestId('case-row').nth(2).waitFor();
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('puts each span on two lines, first over last, and how long it lasted in a column of its own, at 1360×850 and 960×600', async () => {
    const { page } = app;
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    expect(await page.locator('.case-list th').allTextContents()).toEqual(['Case', 'Events', 'Time span (UTC)', 'Duration', 'Evidence', 'Created (UTC)', 'Last opened (UTC) ▼', 'Actions']);
    expect(await rows(page)).toEqual([
      ['IR-9 empty', '0', '—', '—', '0'],
      ['IR-8 bucket', '2', '2024-03-01 12:00:00 2024-03-01 12:00:18', '18 s', '1'],
      ['IR-7 keys', '120,005', '2024-05-01 10:00:10.250 2024-06-03 08:00:00.500', '32 d 21 h', '2'],
    ]);
    for (const [width, height] of [[1360, 850], [960, 600]] as const) {
      await page.setViewportSize({ width, height });
      expect(await Promise.all((await page.locator('.case-list td.first-last').all()).map(drawnLines))).toEqual([
        ['—'],
        ['2024-03-01 12:00:00', '2024-03-01 12:00:18'],
        ['2024-05-01 10:00:10.250', '2024-06-03 08:00:00.500'],
      ]);
      // Every first and last time starts at the same left edge.
      expect(await page.locator('.case-list td.first-last span').evaluateAll((spans) => new Set(spans.map((span) => Math.round(span.getBoundingClientRect().left))).size)).toBe(1);
      // The table within its box: as wide as the form above it, however wide its times.
      const right = (selector: string) => page.locator(selector).evaluate((element) => Math.round(element.getBoundingClientRect().right));
      expect(await right('.case-list')).toBe(await right('.new-case'));
      expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
      await page.screenshot({ path: join(SHOTS, `start-screen-spans-${width}.png`) });
    }
  });

  it('orders the cases by how long their events span, longest first', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Duration', exact: true }).click();
    expect(await page.locator('.case-list th[aria-sort]').textContent()).toBe('▼\u00a0Duration');
    expect(await page.locator('.case-title').allTextContents()).toEqual(['IR-7 keys', 'IR-8 bucket', 'IR-9 empty']);
    await page.getByRole('button', { name: 'Duration', exact: true }).click();
    expect(await page.locator('.case-title').allTextContents()).toEqual(['IR-8 bucket', 'IR-7 keys', 'IR-9 empty']);
  });

  it('lines the counts up under their headers, at 1360×850 and 960×600, sorted by one of them or not', async () => {
    const { page } = app;
    const lined = { Events: [0], Duration: [0], Evidence: [0] };
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    for (const [width, height] of [[1360, 850], [960, 600]] as const) {
      await page.setViewportSize({ width, height });
      expect(await figureOffsets(page.locator('.case-list'), Object.keys(lined))).toEqual(lined);
    }
    await page.getByRole('button', { name: 'Events', exact: true }).click();
    expect(await page.locator('.case-list th[aria-sort]').textContent()).toBe('▼\u00a0Events');
    expect(await page.locator('.case-title').allTextContents()).toEqual(['IR-7 keys', 'IR-8 bucket', 'IR-9 empty']);
    expect(await figureOffsets(page.locator('.case-list'), Object.keys(lined))).toEqual(lined);
    await page.screenshot({ path: join(SHOTS, 'start-screen-figures-960.png') });
    await page.setViewportSize({ width: 1360, height: 850 });
    expect(await figureOffsets(page.locator('.case-list'), Object.keys(lined))).toEqual(lined);
    // The arrow on the title's line, not above it.
    expect(await drawnLines(page.locator('.case-list th[aria-sort]'))).toEqual(['▼\u00a0Events']);
    await page.screenshot({ path: join(SHOTS, 'start-screen-figures-1360.png') });
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

describe('ordering the cases', () => {
  let app: LaunchedApp;
  let evidence: string;
  /** The listed cases' names, top to bottom. */
  const listed = (page: Page) => page.locator('.case-title').allTextContents();
  /** Each sorted header's name and order, as a screen reader announces them. */
  const sorted = (page: Page) => page.locator('.case-list th[aria-sort]').evaluateAll((headers) => headers.map((th) => [th.querySelector('button')!.textContent, th.getAttribute('aria-sort')]));
  const event = (time: string, id: string) => ({ eventTime: time, eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventID: id });

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-order-'));
    const keys = { Records: [event('2024-01-05T08:00:00Z', 'k1'), event('2024-01-05T09:00:00Z', 'k2'), event('2024-01-06T09:00:00Z', 'k3')] };
    await writeFile(join(evidence, 'keys.json'), JSON.stringify(keys));
    await writeFile(join(evidence, 'bucket.json'), JSON.stringify({ Records: [event('2024-03-01T12:00:00Z', 'b1')] }));
    app = await launchApp({ dropPaths: { 'keys.json': join(evidence, 'keys.json'), 'bucket.json': join(evidence, 'bucket.json') } });
    const { page } = app;
    await newCase(page, 'IR-9 keys');
    await drop(page, 'keys.json');
    await page.getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'IR-10 bucket');
    await drop(page, 'bucket.json');
    await page.getByRole('button', { name: 'Close case' }).click();
    await newCase(page, 'alpha empty');
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByTestId('case-row').nth(2).waitFor();
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('says a case created and never opened again has not been opened since, beside when it was created', async () => {
    const { page } = app;
    const created = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((row) => [row.querySelector('.case-title')!.textContent, row.querySelectorAll('td')[5]!.textContent, row.querySelectorAll('td')[6]!.textContent]));
    expect(created.map(([name, , last]) => [name, last])).toEqual([
      ['alpha empty', 'not since created'],
      ['IR-10 bucket', 'not since created'],
      ['IR-9 keys', 'not since created'],
    ]);
    for (const [, time] of created) expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await page.screenshot({ path: join(SHOTS, 'start-screen-sortable.png') });
  });

  it('orders them by the header clicked, or pressed with Enter or Space, and turns the order round when it is picked again', async () => {
    const { page } = app;
    expect(await sorted(page)).toEqual([['Last opened (UTC) ▼', 'descending']]);
    expect(await listed(page)).toEqual(['alpha empty', 'IR-10 bucket', 'IR-9 keys']);
    await page.getByRole('button', { name: 'Case', exact: true }).click();
    expect(await sorted(page)).toEqual([['Case ▲', 'ascending']]);
    expect(await listed(page)).toEqual(['alpha empty', 'IR-9 keys', 'IR-10 bucket']);
    // The button keeps the keyboard, so the order can be turned round and the next header reached from it.
    await page.keyboard.press('Enter');
    expect(await listed(page)).toEqual(['IR-10 bucket', 'IR-9 keys', 'alpha empty']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Events');
    await page.keyboard.press('Space');
    expect(await sorted(page)).toEqual([['▼\u00a0Events', 'descending']]);
    expect(await listed(page)).toEqual(['IR-9 keys', 'IR-10 bucket', 'alpha empty']);
    await page.getByRole('button', { name: 'Time span (UTC)' }).click();
    expect(await listed(page)).toEqual(['IR-10 bucket', 'IR-9 keys', 'alpha empty']);
    await page.getByRole('button', { name: 'Time span (UTC)' }).click();
    expect(await sorted(page)).toEqual([['Time span (UTC) ▲', 'ascending']]);
    expect(await listed(page)).toEqual(['IR-9 keys', 'IR-10 bucket', 'alpha empty']);
    await page.getByRole('button', { name: 'Created (UTC)' }).click();
    expect(await listed(page)).toEqual(['alpha empty', 'IR-10 bucket', 'IR-9 keys']);
  });

  it('keeps the order chosen for the next session, and orders a reopened case by when it was opened', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Time span (UTC)' }).click();
    await page.getByRole('button', { name: 'Time span (UTC)' }).click();
    // Stored (the write follows the click), before the window is loaded again.
    const storedSort = async () => (await registryRecords<{ key: string; value: unknown }>(page, 'prefs')).find(({ key }) => key === 'caseSort')?.value;
    await expect.poll(storedSort).toEqual({ key: 'start', direction: 'asc' });
    await page.reload();
    await page.getByTestId('case-row').nth(2).waitFor();
    expect(await sorted(page)).toEqual([['Time span (UTC) ▲', 'ascending']]);
    expect(await listed(page)).toEqual(['IR-9 keys', 'IR-10 bucket', 'alpha empty']);
    await page.getByRole('button', { name: 'Open IR-9 keys' }).click();
    await page.getByTestId('event-count').waitFor();
    // The start screen's first row as first drawn: it must say the case was just opened, not show the figures read before it was.
    const firstDrawn = page.evaluate(
      () =>
        new Promise<(string | null)[]>((resolve) => {
          const observer = new MutationObserver(() => {
            const row = document.querySelector('[data-testid="case-row"]');
            if (!row) return;
            observer.disconnect();
            resolve([...row.querySelectorAll('td')].map((cell) => cell.textContent));
          });
          observer.observe(document.body, { childList: true, subtree: true });
        }),
    );
    await page.getByRole('button', { name: 'Close case' }).click();
    const [name, , , , , , lastOpened] = await firstDrawn;
    expect([name, lastOpened]).toEqual(['IR-9 keys', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)]);
    await page.getByRole('button', { name: 'Last opened (UTC)' }).click();
    expect(await listed(page)).toEqual(['IR-9 keys', 'alpha empty', 'IR-10 bucket']);
    await page.setViewportSize({ width: 960, height: 600 });
    await page.screenshot({ path: join(SHOTS, 'start-screen-sortable-960.png') });
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
  });
});

describe('the case list from the keyboard', () => {
  /** What has the keyboard: the focused element's tag and accessible name (or text). */
  const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent}`);

  it('returns to the closed case, keeps the keyboard inside the delete question, and brings it back where it was', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await newCase(page, 'IR-1 keys');
      await page.getByRole('button', { name: 'Close case' }).click();
      await newCase(page, 'IR-2 bucket');
      // Closed from the keyboard, the case's Open button has it: Enter opens it again, Tab goes on to its other actions.
      await page.getByRole('button', { name: 'Close case' }).press('Enter');
      await page.getByTestId('case-row').nth(1).waitFor();
      expect(await focused(page)).toBe('BUTTON Open IR-2 bucket');
      // Renamed, the case keeps the keyboard on its Rename button.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.type(' leaked');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Rename IR-2 bucket leaked' }).waitFor();
      expect(await focused(page)).toBe('BUTTON Rename IR-2 bucket leaked');

      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('BUTTON Delete IR-2 bucket leaked');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      // Tab and Shift+Tab go round the question's two buttons, never to the page behind it.
      const stops: string[] = [await focused(page)];
      for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        stops.push(await focused(page));
      }
      expect(stops).toEqual(['BUTTON Cancel', 'BUTTON Delete case', 'BUTTON Cancel', 'BUTTON Delete case', 'BUTTON Cancel', 'BUTTON Delete case']);
      await page.screenshot({ path: join(SHOTS, 'delete-case-keyboard.png') });
      // Escape cancels wherever the pointer left focus (a click on the shade behind the question), and the keyboard is back on Delete….
      await page.mouse.click(5, 500);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect([await focused(page), await page.getByTestId('case-row').count()]).toEqual(['BUTTON Delete IR-2 bucket leaked', 2]);

      // Confirmed, the case goes and the keyboard waits in the new case's name.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Open IR-2 bucket leaked' }).waitFor({ state: 'detached' });
      expect([await focused(page), await page.locator('.case-title').allTextContents()]).toEqual(['INPUT ', ['IR-1 keys']]);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).placeholder)).toBe('e.g. IR-2026-031 leaked access key');
    } finally {
      await app.close();
    }
  });
});

describe('cases an older Cairn created', () => {
  it('says one it opened as it created it (lastOpened a write later) has not been opened since, and keeps a real reopening', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await page.getByText('No cases yet.', { exact: false }).waitFor();
      const created = Date.UTC(2026, 0, 5, 9, 30, 0);
      // The registry as registry version 1 (IndexedDB version 10) held it, the app's own connection closing for the change.
      await page.evaluate(async (created) => {
        const ask = <T,>(request: IDBRequest<T>) => new Promise<T>((done, fail) => ((request.onsuccess = () => done(request.result)), (request.onerror = () => fail(request.error))));
        await ask(indexedDB.deleteDatabase('cairn-cases'));
        const opening = indexedDB.open('cairn-cases', 10);
        opening.onupgradeneeded = () => opening.result.createObjectStore('cases', { keyPath: 'id' }).createIndex('lastOpened', 'lastOpened');
        const db = await ask(opening);
        const write = db.transaction('cases', 'readwrite');
        const info = (id: string, name: string, created: number, lastOpened: number) => ({ id, name, created, lastOpened, events: 0, minTime: null, maxTime: null, evidence: 0 });
        write.objectStore('cases').put(info('a', 'Opened as created', created, created + 37));
        write.objectStore('cases').put(info('b', 'Reopened days later', created, created + 3 * 86_400_000 + 5_000));
        write.objectStore('cases').put(info('c', 'Created by this version', created - 60_000, created - 60_000));
        await new Promise((done) => (write.oncomplete = done));
        db.close();
      }, created);
      await page.reload();
      await page.getByTestId('case-row').nth(2).waitFor();
      const rows = await page.getByTestId('case-row').evaluateAll((found) => found.map((row) => [row.querySelector('.case-title')!.textContent, row.querySelectorAll('td')[5]!.textContent, row.querySelectorAll('td')[6]!.textContent]));
      expect(rows).toEqual([
        ['Reopened days later', '2026-01-05 09:30:00', '2026-01-08 09:30:05'],
        ['Opened as created', '2026-01-05 09:30:00', 'not since created'],
        ['Created by this version', '2026-01-05 09:29:00', 'not since created'],
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('cases of the same name', () => {
  let app: LaunchedApp;
  const AT = Date.UTC(2026, 0, 5, 9, 30, 0);
  /** Every per-case button's accessible name, top to bottom. */
  const buttonNames = (page: Page) => page.locator('.case-list td button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
  /** The warning under the box the keyboard is in, found as a screen reader finds it (aria-describedby). */
  const described = (page: Page) => page.evaluate(() => document.getElementById(document.activeElement!.getAttribute('aria-describedby')!)!.textContent);

  beforeAll(async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByText('No cases yet.', { exact: false }).waitFor();
    // Written into the registry, so that the cases' creation times are known to the second.
    await page.evaluate(async (at) => {
      const ask = <T,>(request: IDBRequest<T>) => new Promise<T>((done, fail) => ((request.onsuccess = () => done(request.result)), (request.onerror = () => fail(request.error))));
      const db = await ask(indexedDB.open('cairn-cases'));
      const write = db.transaction('cases', 'readwrite');
      const info = (id: string, name: string, created: number, lastOpened: number) => ({ id, name, created, lastOpened, events: 0, minTime: null, maxTime: null, evidence: 0 });
      write.objectStore('cases').put(info('a', 'Duplicate', at, at + 7_200_000));
      write.objectStore('cases').put(info('b', 'duplicate', at + 3_600_000, at + 3_600_000));
      write.objectStore('cases').put(info('c', 'IR-1 keys', at + 250, at + 250));
      await new Promise((done) => (write.oncomplete = done));
      db.close();
    }, AT);
    await page.reload();
    await page.getByTestId('case-row').nth(2).waitFor();
  });
  afterAll(() => app.close());

  it('names each case’s buttons apart: by when it was created where another case has its name', async () => {
    expect(await buttonNames(app.page)).toEqual([
      'Open Duplicate (created 2026-01-05 09:30:00 UTC)',
      'Rename Duplicate (created 2026-01-05 09:30:00 UTC)',
      'Delete Duplicate (created 2026-01-05 09:30:00 UTC)',
      'Open duplicate (created 2026-01-05 10:30:00 UTC)',
      'Rename duplicate (created 2026-01-05 10:30:00 UTC)',
      'Delete duplicate (created 2026-01-05 10:30:00 UTC)',
      'Open IR-1 keys',
      'Rename IR-1 keys',
      'Delete IR-1 keys',
    ]);
    await app.page.getByRole('button', { name: 'Delete duplicate (created 2026-01-05 10:30:00 UTC)' }).click();
    expect(await app.page.getByRole('alertdialog').locator('h2').textContent()).toBe('Delete “duplicate” (created 2026-01-05 10:30:00 UTC)?');
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('alertdialog').waitFor({ state: 'detached' });
  });

  it('warns, without refusing it, of a new name or a new case name another case has', async () => {
    const { page } = app;
    const box = page.getByPlaceholder(/^e\.g\./);
    await box.fill('DUPLICATE');
    expect(await described(page)).toBe('2 other cases are named “Duplicate”: names need not be unique, and cases of the same name are told apart by when they were created.');
    await page.setViewportSize({ width: 960, height: 600 });
    await page.screenshot({ path: join(SHOTS, 'start-screen-name-taken-960.png') });
    await box.fill('IR-2 bucket');
    expect(await described(page)).toBe('');

    await page.getByRole('button', { name: 'Rename IR-1 keys' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Duplicate');
    expect(await described(page)).toBe('2 other cases are named “Duplicate”: names need not be unique, and cases of the same name are told apart by when they were created.');
    await page.setViewportSize({ width: 1360, height: 850 });
    await page.screenshot({ path: join(SHOTS, 'start-screen-rename-taken.png') });
    expect(await overflow(page)).toEqual({ sideways: false, outside: [] });
    // Kept all the same: the three cases now share a name, each told apart by its creation.
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open Duplicate (created 2026-01-05 09:30:00.000 UTC)' }).waitFor();
    expect((await buttonNames(page)).filter((name) => name!.startsWith('Open'))).toEqual([
      'Open Duplicate (created 2026-01-05 09:30:00.000 UTC)',
      'Open duplicate (created 2026-01-05 10:30:00 UTC)',
      'Open Duplicate (created 2026-01-05 09:30:00.250 UTC)',
    ]);
  });
});

describe('the storage line after a restart', () => {
  it('says how much the stored cases take as soon as the start screen shows, not 0 B', async () => {
    const [evidence, profileDir] = await Promise.all([mkdtemp(join(tmpdir(), 'cairn-e2e-usage-')), mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'))]);
    try {
      await writeSyntheticBundle(evidence, 6000, 3000);
      const first = await launchApp({ evidence: [evidence], profileDir });
      await newCase(first.page, 'Stored');
      await first.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
      await waitForImport(first.page);
      await first.close();

      const app = await launchApp({ profileDir });
      try {
        await app.page.getByTestId('case-row').waitFor();
        const shown = await app.page.getByTestId('storage-status').textContent();
        const { usage = 0, quota = 0 } = await app.page.evaluate(() => navigator.storage.estimate());
        expect(usage).toBeGreaterThan(100_000);
        expect(shown!.split(' this machine allows.')[0]).toBe(`Cases take ${formatBytes(usage)} of the ${formatBytes(quota)}`);
      } finally {
        await app.close();
      }
    } finally {
      await Promise.all([rm(evidence, { recursive: true, force: true }), rm(profileDir, { recursive: true, force: true })]);
    }
  });
});
