import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_FILES, copyCorpusFiles } from '../fixtures/generators/trailBundle';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { chips, count, listing } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');


const box = (page: Page) => page.getByRole('combobox', { name: 'Find a value' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Values of this case' }).getByRole('option');

/** Types `text` into the box and gives the values offered once the first reads `first`, each as its field, value and count. */
async function offered(page: Page, text: string, first: string): Promise<string[]> {
  await box(page).fill(text);
  await options(page).first().filter({ hasText: first }).waitFor();
  return options(page).allTextContents();
}

/** The page with the suggestions open at the large and the small window size, as find-value-`name`-1360.png and -960.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [[1360, 850], [960, 600]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `find-value-${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1360, height: 850 });
}

/**
 * Counts checked apart from the app, over the same files: each event once (`sort -u` of `jq -c`
 * sets aside the copies added twice, as the app's 473 does), then by value, e.g.
 * `… | jq -r .eventName | sort | uniq -c` gives `3 StopLogging`, `.sourceIPAddress` `12 92.55.146.245`.
 */
describe('finding events by a value, without first finding an event', () => {
  let evidence: string;
  let profileDir: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    [evidence, profileDir] = await Promise.all([mkdtemp(join(tmpdir(), 'cairn-e2e-find-')), mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'))]);
    await copyCorpusFiles(INCIDENT_FILES, evidence);
    app = await launchApp({ evidence: [evidence], profileDir });
    await app.page.setViewportSize({ width: 1360, height: 850 });
    await app.page.getByText('No cases yet.', { exact: false }).waitFor();
    await newCase(app.page, 'Find a value');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await count(app.page, '473 events');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await Promise.all([rm(evidence, { recursive: true, force: true }), rm(profileDir, { recursive: true, force: true })]);
  });

  it('offers StopLogging for `stoplog`, with its events counted, and lists exactly those once it is picked', async () => {
    const { page } = app;
    expect(await offered(page, 'stoplog', 'StopLogging')).toEqual(['Event StopLogging 3 events']);
    expect(await box(page).getAttribute('aria-activedescendant')).toBe(await options(page).first().getAttribute('id'));
    await screenshots(page, 'stoplog');
    await box(page).press('Enter');
    await count(page, '3 of 473 events');
    expect(await chips(page)).toEqual(['Event: StopLogging×']);
    expect(await listing(page)).toEqual([
      '2019-01-01 00:00:00 StopLogging assumed-role/tester 111.111.111.111',
      '2019-01-01 00:00:00 StopLogging assumed-role/tester 111.111.111.111',
      '2020-11-01 08:30:03 StopLogging root 92.55.146.245',
    ]);
    // The box is emptied and the keyboard is in the narrowed listing.
    expect(await box(page).inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('event-listing');
  });

  it('narrows the listing further by an address fragment, beside the event filter', async () => {
    const { page } = app;
    expect(await offered(page, '92.55', '92.55.146.245')).toEqual(['Source IP 92.55.146.245 12 events']);
    await options(page).first().click();
    await count(page, '1 of 473 events');
    expect(await chips(page)).toEqual(['Event: StopLogging×', 'Source IP: 92.55.146.245×']);
    expect(await listing(page)).toEqual(['2020-11-01 08:30:03 StopLogging root 92.55.146.245']);
  });

  it('puts a value in place of the filter on its field, the others and the Show choice kept', async () => {
    const { page } = app;
    // The address's StopLogging was refused (NotOrganizationMasterAccountException).
    await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    await count(page, '1 of 473 events');
    // The sign-ins' event type matches fuzzily: below the name itself, though more events hold it.
    expect(await offered(page, 'ConsoleLogin', 'ConsoleLogin')).toEqual(['Event ConsoleLogin 39 events', 'Event type AwsConsoleSignIn 44 events']);
    await box(page).press('Enter');
    // Its three failed root sign-ins; the fourth succeeded.
    await count(page, '3 of 473 events');
    expect(await chips(page)).toEqual(['Source IP: 92.55.146.245×', 'Event: ConsoleLogin×', 'Show only: failed calls ✖×']);
  });

  it('orders the addresses of a range by how many events hold each, with ↑ ↓ choosing and Enter picking the one chosen', async () => {
    const { page } = app;
    expect(await offered(page, '203.0.113', '203.0.113.50')).toEqual([
      'Source IP 203.0.113.50 10 events',
      'Source IP 203.0.113.42 6 events',
      'Source IP 203.0.113.45 6 events',
      'Source IP 203.0.113.12 4 events',
      'Source IP 203.0.113.100 2 events',
      'Source IP 203.0.113.1 1 event',
      'Source IP 203.0.113.10 1 event',
      'Source IP 203.0.113.150 1 event',
      'Source IP 203.0.113.75 1 event',
    ]);
    await screenshots(page, 'range');
    await box(page).press('ArrowDown');
    await box(page).press('ArrowDown');
    await box(page).press('ArrowUp');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').textContent()).toBe('Source IP 203.0.113.42 6 events');
    await box(page).press('Enter');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await count(page, '0 of 473 events');
    expect(await chips(page)).toEqual(['Event: ConsoleLogin×', 'Source IP: 203.0.113.42×']);
    await page.getByRole('button', { name: 'Remove filter Event' }).click();
    await count(page, '6 of 473 events');
  });

  it('picks the best value when Enter is pressed before the values are found', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await count(page, '473 events');
    // Typed and entered in one go, as a fast typist does on a large case: Enter comes before the worker's answer.
    await box(page).evaluate((input: HTMLInputElement) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'deletetrail');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await count(page, '2 of 473 events');
    expect(await chips(page)).toEqual(['Event: DeleteTrail×']);
    expect(await box(page).inputValue()).toBe('');
  });

  it('counts for an IAM user the events its pivot lists: those under its ARN and the sign-in naming it without one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Remove filter Event' }).click();
    await count(page, '473 events');
    // jq: one event under the ARN, one failed ConsoleLogin giving only userName anaya, its account and principal ID.
    expect(await offered(page, 'user/anaya', 'user/anaya')).toEqual(['Actor arn:aws:iam::111122223333:user/anaya 2 events']);
    expect(await options(page).first().locator('.found-count').getAttribute('title')).toBe('1 event under this ARN, with 1 event naming only anaya (IAMUser, account 111122223333, no ARN)');
    await box(page).press('Enter');
    await count(page, '2 of 473 events');
    expect(await chips(page)).toEqual(['Actor: arn:aws:iam::111122223333:user/anayawith 1 event naming only anaya (IAMUser, account 111122223333, no ARN)×']);
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(page, '473 events');
  });

  it('takes the keyboard to the box on / or Ctrl+F from the listing or the detail, but types / in a field as a /', async () => {
    const { page } = app;
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);
    await page.locator('#event-listing').focus();
    await page.keyboard.press('/');
    expect([await focused(), await box(page).inputValue()]).toEqual(['Find a value', '']);
    await page.locator('#event-listing').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+f');
    expect(await focused()).toBe('Find a value');
    // In a field, / is a character: a note may hold a path.
    await page.keyboard.type('a/b');
    expect(await box(page).inputValue()).toBe('a/b');
    await box(page).press('Escape');
    await box(page).press('Escape');
  });

  it('closes the list on Escape, then empties the box; says so quietly when no value matches', async () => {
    const { page } = app;
    await offered(page, 'stoplog', 'StopLogging');
    await box(page).press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect([await box(page).inputValue(), await box(page).getAttribute('aria-expanded')]).toEqual(['stoplog', 'false']);
    await box(page).press('Escape');
    expect(await box(page).inputValue()).toBe('');
    await box(page).fill('zzqqxx');
    expect(await page.getByRole('status').filter({ hasText: 'No value of this case matches' }).textContent()).toBe('No value of this case matches');
    await count(page, '473 events');
  });
});
