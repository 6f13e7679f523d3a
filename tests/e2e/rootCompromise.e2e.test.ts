import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_FILES, copyCorpusFiles } from '../fixtures/generators/trailBundle';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { registryRecords } from './registry';
import { chips, count, detail, listing, selectRow, selected } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');


const ROOT = 'arn:aws:iam::493859302102:root';
const ATTACKER_IP = '92.55.146.245';

/** A section of the detail pane as its lines read. */
const section = async (page: Page, name: string) => (await detail(page).getByRole('region', { name, exact: true }).innerText()).split('\n').filter((line) => line.trim() !== '');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `root-compromise-${name}.png`) });

/** The selected event the case registry holds for the one case, as [segment, row]: what opening it after a restart selects. */
const savedSelection = async (page: Page): Promise<number[] | null> => {
  const chosen = (await registryRecords<{ reading?: { selected: { segment: number; row: number } | null } }>(page, 'cases'))[0]?.reading?.selected;
  return chosen ? [chosen.segment, chosen.row] : null;
};

/** Tags and notes the selected event, as the pane takes them. */
async function mark(page: Page, tag: string, note: string): Promise<void> {
  await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill(tag);
  await detail(page).getByRole('textbox', { name: 'Add a tag' }).press('Enter');
  await detail(page).locator('.tag-name', { hasText: tag }).waitFor();
  await detail(page).getByRole('textbox', { name: 'Note' }).fill(note);
  await detail(page).getByRole('textbox', { name: 'Note' }).blur();
  await page.locator('.grid-row[aria-selected="true"] [aria-label="Has a note"]').waitFor();
}

describe('working the compromised root credentials incident', () => {
  let evidence: string;
  let profileDir: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    [evidence, profileDir] = await Promise.all([mkdtemp(join(tmpdir(), 'cairn-e2e-root-')), mkdtemp(join(tmpdir(), 'cairn-e2e-profile-'))]);
    await copyCorpusFiles(INCIDENT_FILES, evidence);
    app = await launchApp({ evidence: [evidence], profileDir });
    await app.page.setViewportSize({ width: 1360, height: 850 });
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([rm(evidence, { recursive: true, force: true }), rm(profileDir, { recursive: true, force: true })]);
  });

  it('takes the evidence into an empty case', async () => {
    const { page } = app;
    await page.getByText('No cases yet.', { exact: false }).waitFor();
    await newCase(page, 'Root compromise');
    await page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(page);
    expect([await page.getByTestId('event-count').textContent(), await page.getByTestId('file-count').textContent()]).toEqual(['473', '6']);
    await count(page, '473 events');
    await shot(page, 'loaded');
  });

  it('finds the failed root sign-ins, then everything their address did: a success, StopLogging refused, a new user given keys and policies, an instance started', async () => {
    const { page } = app;
    await page.getByRole('toolbar', { name: 'Listing' }).getByRole('combobox', { name: 'Show' }).selectOption('failed');
    await count(page, '81 of 473 events');
    await selectRow(page, ['2020-10-30 23:25:32', ATTACKER_IP]);
    expect(await section(page, 'Outcome')).toEqual(['Sign-in failed', 'MFA used', 'No', 'Signing in to', 'https://console.aws.amazon.com/console/']);
    expect(await section(page, 'Identity')).toEqual(['WHO', 'Type', 'Root', 'Principal', ROOT, 'User name', 'root', 'Account', '493859302102', 'Authenticated with MFA', 'no']);
    await shot(page, 'failed-sign-in');

    await detail(page).getByRole('button', { name: `this source IP: ${ATTACKER_IP}` }).click();
    await count(page, '4 of 473 events');
    expect(await listing(page)).toEqual([
      `2020-10-30 23:25:32 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-10-31 10:32:00 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-10-31 14:45:00 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-11-01 08:30:03 StopLogging root ${ATTACKER_IP}`,
    ]);
    await page.getByRole('button', { name: 'Show all events, not only failed calls ✖' }).click();
    await count(page, '12 of 473 events');
    await selected(page, ['2020-10-30 23:25:32', ATTACKER_IP]);
    expect(await listing(page)).toEqual([
      `2020-10-30 23:25:32 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-10-31 10:32:00 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-10-31 14:45:00 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-11-01 08:29:10 ConsoleLogin root ${ATTACKER_IP}`,
      `2020-11-01 08:30:03 StopLogging root ${ATTACKER_IP}`,
      `2020-11-01 08:32:19 CreateAccessKey root ${ATTACKER_IP}`,
      `2020-11-01 08:35:19 CreateUser root ${ATTACKER_IP}`,
      `2020-11-01 08:36:02 AttachUserPolicy root ${ATTACKER_IP}`,
      `2020-11-01 08:36:38 AttachUserPolicy root ${ATTACKER_IP}`,
      `2020-11-01 08:37:03 CreateAccessKey root ${ATTACKER_IP}`,
      `2020-11-01 08:39:02 AttachUserPolicy root ${ATTACKER_IP}`,
      `2020-11-01 09:30:03 RunInstances user/tracy_stone ${ATTACKER_IP}`,
    ]);
    await shot(page, 'attacker-ip');

    await selectRow(page, ['2020-11-01 08:29:10']);
    expect([await section(page, 'Outcome'), (await section(page, 'Identity')).slice(-2)]).toEqual([['Sign-in succeeded'], ['Authenticated with MFA', 'no']]);
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await mark(page, 'attacker', 'Root signs in from 92.55.146.245 after 3 failures,\nno MFA');

    await selectRow(page, ['2020-11-01 08:30:03', 'StopLogging']);
    expect(await section(page, 'Outcome')).toEqual(['Failed: NotOrganizationMasterAccountException', 'Error message', 'Cannot stop trail, not master trail.']);
    expect(await section(page, 'Request parameters')).toEqual(['REQUEST PARAMETERS', 'name', '"acme-cloudtrail-us-east-1"', 'events with this value']);
    await mark(page, 'attacker', 'StopLogging on acme-cloudtrail-us-east-1, refused');

    await selectRow(page, ['2020-11-01 09:30:03', 'RunInstances']);
    expect((await section(page, 'Identity')).slice(0, 5)).toEqual(['WHO', 'Type', 'IAMUser', 'Principal', 'arn:aws:iam::493859302102:user/tracy_stone']);
    expect(await detail(page).getByRole('region', { name: 'Request parameters' }).getByText('"p2.8xlarge"').count()).toBe(1);
    await mark(page, 'attacker', 'tracy_stone starts a p2.8xlarge');
    await shot(page, 'marked');
  });

  it("follows the new user through the calls that named it, and the root's own events from every address, the listing's filters left behind on request", async () => {
    const { page } = app;
    await selectRow(page, ['2020-11-01 08:35:19', 'CreateUser']);
    await detail(page).getByRole('button', { name: 'Events with userName = "tracy_stone"' }).click();
    await count(page, '5 of 473 events');
    expect(await chips(page)).toEqual([`Source IP: ${ATTACKER_IP}×`, 'Parameter userName: "tracy_stone"×']);
    expect(await listing(page)).toEqual([
      `2020-11-01 08:35:19 CreateUser root ${ATTACKER_IP}`,
      `2020-11-01 08:36:02 AttachUserPolicy root ${ATTACKER_IP}`,
      `2020-11-01 08:36:38 AttachUserPolicy root ${ATTACKER_IP}`,
      `2020-11-01 08:37:03 CreateAccessKey root ${ATTACKER_IP}`,
      `2020-11-01 08:39:02 AttachUserPolicy root ${ATTACKER_IP}`,
    ]);

    // Narrowing, the pivots say so; the choice lets the next one list all of its value's events.
    const pivots = detail(page).getByRole('region', { name: 'Pivots' });
    expect(await pivots.getByRole('heading').textContent()).toBe('Narrow the listing to events with…');
    await pivots.getByRole('checkbox', { name: "Keep the listing's Source IP and Parameter userName filters" }).uncheck();
    expect(await pivots.getByRole('heading').textContent()).toBe('Show all events with…');
    await pivots.scrollIntoViewIfNeeded();
    await shot(page, 'keep-filters');
    await page.setViewportSize({ width: 960, height: 600 });
    await pivots.scrollIntoViewIfNeeded();
    await shot(page, 'keep-filters-960');
    await page.setViewportSize({ width: 1360, height: 850 });
    await pivots.getByRole('button', { name: `this actor: ${ROOT}` }).click();
    await count(page, '26 of 473 events');
    expect(await chips(page)).toEqual([`Actor: ${ROOT}×`]);
    await selected(page, ['2020-11-01 08:35:19', 'CreateUser']);

    // The victim's own sign-ins came from elsewhere; the other incident's attacker from a third address.
    await selectRow(page, ['2020-10-15 06:00:00', '71.253.251.71']);
    await detail(page).getByRole('button', { name: 'this source IP: 71.253.251.71' }).click();
    await count(page, '4 of 473 events');
    expect(await listing(page)).toEqual([
      '2020-10-15 06:00:00 ConsoleLogin root 71.253.251.71',
      '2020-10-16 06:00:00 ConsoleLogin root 71.253.251.71',
      '2020-10-27 06:00:00 ConsoleLogin root 71.253.251.71',
      '2020-10-27 06:05:00 SetContactAddress root 71.253.251.71',
    ]);
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await count(page, '473 events');
    await selectRow(page, ['2020-11-01 08:29:10', '200.58.83.179']);
    await detail(page).getByRole('button', { name: 'this source IP: 200.58.83.179' }).click();
    await count(page, '7 of 473 events');
    expect(await listing(page)).toEqual([
      '2020-10-30 23:25:32 ConsoleLogin root 200.58.83.179',
      '2020-10-31 10:32:00 ConsoleLogin root 200.58.83.179',
      '2020-10-31 14:45:00 ConsoleLogin root 200.58.83.179',
      '2020-11-01 08:29:10 ConsoleLogin root 200.58.83.179',
      '2020-11-01 08:32:19 CreateAccessKey root 200.58.83.179',
      '2020-11-01 08:35:19 CreateUser root 200.58.83.179',
      '2020-11-01 08:36:02 AttachUserPolicy root 200.58.83.179',
    ]);
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await count(page, '473 events');
  });

  it('reads the findings down the listing, and finds them again after a restart', async () => {
    const findings = async (page: Page) => {
      await count(page, '3 of 473 events');
      return page.locator('.grid-row').evaluateAll((rows) => rows.map((row) => ['time', 'eventName', 'annotation'].map((id) => row.querySelector(`.col-${id}`)!.textContent).join(' | ')));
    };
    const expected = [
      '2020-11-01 08:29:10 | ConsoleLogin | #attacker · Root signs in from 92.55.146.245 after 3 failures, ⏎ no MFA',
      '2020-11-01 08:30:03 | StopLogging | #attacker · StopLogging on acme-cloudtrail-us-east-1, refused',
      '2020-11-01 09:30:03 | RunInstances | #attacker · tracy_stone starts a p2.8xlarge',
    ];
    let { page } = app;
    await page.getByRole('toolbar', { name: 'Listing' }).getByRole('combobox', { name: 'Show' }).selectOption('marked');
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tags and note' }).check();
    await page.keyboard.press('Escape');
    await selectRow(page, ['2020-11-01 08:30:03', 'StopLogging']);
    expect(await findings(page)).toEqual(expected);
    await shot(page, 'findings');
    await page.setViewportSize({ width: 960, height: 600 });
    await shot(page, 'findings-960');
    await page.setViewportSize({ width: 1360, height: 850 });

    // The last event read, and the app closed before any timer of the page's runs again.
    await page.clock.install();
    const before = await savedSelection(page);
    await page.locator('#event-listing').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('.grid-row[aria-selected="true"]', { hasText: 'RunInstances' }).waitFor();
    // Saved at once, with no timer (the page's are stopped): closing waits only for its write to land, as a loaded machine may delay it.
    await expect.poll(() => savedSelection(page)).not.toEqual(before);
    await app.close();
    app = await launchApp({ profileDir });
    page = app.page;
    await page.setViewportSize({ width: 1360, height: 850 });
    await page.getByRole('button', { name: 'Open Root compromise' }).click();
    await selected(page, ['2020-11-01 09:30:03', 'RunInstances']);
    expect(await findings(page)).toEqual(expected);
    expect(await detail(page).getByRole('textbox', { name: 'Note' }).inputValue()).toBe('tracy_stone starts a p2.8xlarge');
    expect(await page.locator('.grid-row', { hasText: '08:29:10' }).getByRole('img', { name: 'Bookmarked' }).count()).toBe(1);
    await shot(page, 'reopened');
  });
});
