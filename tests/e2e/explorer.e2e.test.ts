import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CORPUS, writeCorpusBundle } from '../fixtures/generators/trailBundle';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { reachRow, selected, selectNth, selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
const ALICE = 'arn:aws:iam::123456789012:user/Alice';

const rows = (page: Page) => page.locator('.grid-row');
const listed = (page: Page) => page.getByTestId('listing-count').textContent();
const cells = (page: Page, n: number) => rows(page).nth(n).getByRole('gridcell').allTextContents();
const detail = (page: Page) => page.getByRole('complementary', { name: 'Event detail' });

/** What the tests read of a sample event. */
interface Sample {
  userIdentity?: { accessKeyId?: string } | null;
  requestParameters?: { instancesSet?: { items?: { minCount?: unknown }[] } } | null;
}

/** Waits until the listing says `count` and its first row is drawn. */
async function listing(page: Page, count: string): Promise<void> {
  await page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${count}$`) }).waitFor();
  if (count !== '0 events') await rows(page).first().waitFor();
}

describe('the selection across re-reads of the listing', () => {
  let app: LaunchedApp;
  const selectedRows = (page: Page) => page.locator('.grid-row[aria-selected="true"]');
  /** The highlighted rows' index (aria-rowindex) and event name, and the detail pane's heading. */
  const shown = async (page: Page) => ({
    highlighted: await selectedRows(page).evaluateAll((found) => found.map((row) => `${row.getAttribute('aria-rowindex')} ${row.querySelector('.col-eventName')?.textContent}`)),
    detail: await detail(page).textContent(),
  });

  beforeAll(async () => {
    app = await launchApp({
      evidence: [join(CORPUS, 'panther-analysis/compromised-root-creds.attacker_cloudtrail.ndjson')],
      dropPaths: { 'aws_cloudtrail.json': join(CORPUS, 'plaso/aws_cloudtrail.json') },
    });
    await newCase(app.page, 'Selection');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await listing(app.page, '12 events');
  });
  afterAll(() => app.close());

  it('marks the attacker\'s failed console sign-ins as errors, though CloudTrail gives them no error code', async () => {
    const { page } = app;
    const signIns = rows(page).filter({ hasText: 'ConsoleLogin' });
    expect(await signIns.evaluateAll((found) => found.map((row) => `${row.className.includes('failed') ? 'failed' : 'ok'} ${row.querySelector('.col-errorCode')?.textContent}`))).toEqual([
      'failed Failure',
      'failed Failure',
      'failed Failure',
      'ok —',
    ]);
    await page.screenshot({ path: join(SHOTS, 'failed-sign-ins.png') });
  });

  it('marks failed calls and sign-ins in the marks column, so that they show with the Event and Error columns hidden, at 1360 and 960 px', async () => {
    const { page } = app;
    const choose = async (names: string[], shown: boolean) => {
      await page.locator('.column-menu summary').click();
      for (const name of names) await page.getByRole('checkbox', { name }).setChecked(shown);
      await page.locator('.column-menu summary').click();
    };
    await choose(['Event', 'Error'], false);
    onTestFinished(() => choose(['Event', 'Error'], true));
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Marks', 'Time (UTC) ▲', 'Service', 'Actor', 'Source IP', 'Region']);
    // Each mark by its symbol and accessible name; every event here shares eventID "1", so each is in conflict too.
    const marks = () => rows(page).evaluateAll((found) => found.map((row) => [...row.querySelectorAll('.marks [role="img"]')].map((mark) => `${mark.textContent} ${mark.getAttribute('aria-label')}`).join(' | ')));
    const conflict = '⚠ Conflict: another event has this eventID with different content';
    const expected = [
      ...Array<string>(3).fill(`✖ Failed sign-in | ${conflict}`),
      conflict,
      `✖ Error: NotOrganizationMasterAccountException | ${conflict}`,
      ...Array<string>(7).fill(conflict),
    ];
    expect(await marks()).toEqual(expected);
    // Told by its symbol, not its colour alone; red as the Error column is, titled as it is named.
    const failedMark = rows(page).nth(4).getByRole('img', { name: 'Error: NotOrganizationMasterAccountException' });
    expect([await failedMark.getAttribute('title'), await failedMark.evaluate((mark) => getComputedStyle(mark).color)]).toEqual(['Error: NotOrganizationMasterAccountException', 'rgb(180, 35, 24)']);
    const cut = () => page.locator('.grid-row .marks').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth).length);
    expect(await cut()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'failed-marks-1360.png') });

    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await selectNth(page, 4);
    await detail(page).getByRole('heading', { name: 'StopLogging' }).waitFor();
    expect(await marks()).toEqual(expected.slice(0, await rows(page).count()));
    expect(await cut()).toBe(0);
    expect(await rows(page).nth(0).locator('.marks').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'failed-marks-960.png') });
    await page.keyboard.press('Escape');
  });

  it('lists only the failed calls and sign-ins on request, under a pivot too, and keeps the choice when the case is opened again, at 1360 and 960 px', async () => {
    const { page } = app;
    const show = page.getByRole('combobox', { name: 'Show' });
    const names = () => rows(page).locator('.col-eventName').allTextContents();
    const firstMarks = () => rows(page).evaluateAll((found) => found.map((row) => row.querySelector('.marks [role="img"]')?.textContent));
    await show.selectOption('failed');
    await listing(page, '4 of 12 events');
    // The three failed console sign-ins (no error code: their reason is their error) and the refused StopLogging.
    expect(await names()).toEqual(['ConsoleLogin', 'ConsoleLogin', 'ConsoleLogin', 'StopLogging']);
    expect(await firstMarks()).toEqual(['✖', '✖', '✖', '✖']);
    expect(await page.locator('.chips').textContent()).toBe('Failed calls ✖');
    await page.screenshot({ path: join(SHOTS, 'failed-calls-1360.png') });

    // Beside a pivot on the event name: the failed sign-ins only, the successful one left out.
    await selectNth(page, 0);
    await detail(page).getByRole('button', { name: /this event name/ }).click();
    await listing(page, '3 of 12 events');
    expect(await names()).toEqual(['ConsoleLogin', 'ConsoleLogin', 'ConsoleLogin']);
    expect(await page.locator('.chips').textContent()).toBe('Event: ConsoleLogin×Show only: failed calls ✖×');

    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Selection' }).click();
    await listing(page, '3 of 12 events');
    expect([await show.inputValue(), await names(), await page.locator('.chips').textContent()]).toEqual(['failed', ['ConsoleLogin', 'ConsoleLogin', 'ConsoleLogin'], 'Event: ConsoleLogin×Show only: failed calls ✖×']);
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    expect(await firstMarks()).toEqual(['✖', '✖', '✖']);
    await page.screenshot({ path: join(SHOTS, 'failed-calls-960.png') });

    await show.selectOption('all');
    await listing(page, '4 of 12 events');
    await page.getByRole('button', { name: 'Remove filter Event' }).click();
    await listing(page, '12 events');
    await page.keyboard.press('Escape');
    await page.locator('.grid-row[aria-selected="true"]').waitFor({ state: 'detached' });
  });

  it('pivots from a failed sign-in with only failed calls shown: the bar says so beside the pivot, and one click shows all of the actor\'s events, at 1360 and 960 px', async () => {
    const { page } = app;
    const show = page.getByRole('combobox', { name: 'Show' });
    const names = () => rows(page).locator('.col-eventName').allTextContents();
    const chips = () => page.locator('.chip').evaluateAll((found) => found.map((chip) => [chip.textContent, [chip, ...chip.querySelectorAll('*')].some((element) => element.scrollWidth > element.clientWidth)]));
    await show.selectOption('failed');
    await listing(page, '4 of 12 events');
    await selectNth(page, 0);
    await detail(page).getByRole('button', { name: /^this actor/ }).click();
    // The root's failures only: three sign-ins and the refused StopLogging, not its seven other calls.
    await listing(page, '4 of 12 events');
    expect(await names()).toEqual(['ConsoleLogin', 'ConsoleLogin', 'ConsoleLogin', 'StopLogging']);
    expect(await chips()).toEqual([
      ['Actor: arn:aws:iam::493859302102:root×', false],
      ['Show only: failed calls ✖×', false],
    ]);
    await page.screenshot({ path: join(SHOTS, 'pivot-failed-only-1360.png') });
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    expect((await chips()).map(([, cut]) => cut)).toEqual([false, false]);
    await page.screenshot({ path: join(SHOTS, 'pivot-failed-only-960.png') });

    // One click widens to every event of the actor, the sign-in read still selected.
    await page.getByRole('button', { name: 'Show all events, not only failed calls ✖' }).click();
    await listing(page, '11 of 12 events');
    expect([await show.inputValue(), await chips(), await page.locator('.grid-row[aria-selected="true"] .col-eventName').textContent()]).toEqual(['all', [['Actor: arn:aws:iam::493859302102:root×', false]], 'ConsoleLogin']);
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await listing(page, '12 events');
    await page.keyboard.press('Escape');
    await page.locator('.grid-row[aria-selected="true"]').waitFor({ state: 'detached' });
  });

  it('keeps the selected event selected, in view, when evidence adds events before it', async () => {
    const { page } = app;
    await selectNth(page, 2);
    await detail(page).getByTestId('event-json').waitFor();
    expect((await shown(page)).highlighted).toEqual(['4 ConsoleLogin']);
    // Nine older events arrive: the event moves nine rows down, and stays the one shown.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['{}'], 'aws_cloudtrail.json'));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await waitForImport(page);
    await listing(page, '21 events');
    await page.locator('.grid-row[aria-rowindex="13"][aria-selected="true"]').waitFor();
    const after = await shown(page);
    expect(after.highlighted).toEqual(['13 ConsoleLogin']);
    expect(await detail(page).getByRole('heading', { level: 2 }).textContent()).toBe('ConsoleLogin');
    expect(await selectedRows(page).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'selection-after-add.png') });
  });

  it('follows the event under a marks filter, and deselects one the filter no longer lists', async () => {
    const { page } = app;
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await selectNth(page, 0);
    await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).waitFor();
    await page.getByRole('combobox', { name: 'Show' }).selectOption('bookmarked');
    await listing(page, '2 of 21 events');

    // A tag re-reads the listing; the tagged event stays selected.
    await selectNth(page, 1);
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('recon');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).press('Enter');
    await detail(page).getByRole('button', { name: 'Remove tag recon' }).waitFor();
    await expect.poll(() => rows(page).nth(1).locator('.marks').textContent()).toBe('★✖⚠#');
    expect((await shown(page)).highlighted).toEqual(['3 ConsoleLogin']);
    // Every mark an event can have fits its cell: these five, and all eight at once.
    await detail(page).getByRole('textbox', { name: 'Note' }).fill('first seen here');
    await page.locator('.grid-scroll').focus();
    const marks = rows(page).nth(1).locator('.marks');
    await expect.poll(() => marks.textContent()).toBe('★✖⚠#✎');
    /** How far the marks (these, or other symbols each drawn as a mark is) overflow their cell's width, and their row's height. */
    const overflow = (symbols?: string[]) =>
      marks.evaluate((cell, drawn) => {
        const probe = cell.cloneNode(true) as HTMLElement;
        if (drawn) probe.replaceChildren(...drawn.map((symbol) => Object.assign(document.createElement('span'), { textContent: symbol })));
        Object.assign(probe.style, { position: 'absolute', width: `${cell.getBoundingClientRect().width}px` });
        cell.parentElement!.append(probe);
        const over = [probe.scrollWidth - probe.clientWidth, Math.max(0, probe.getBoundingClientRect().height - cell.parentElement!.clientHeight)];
        probe.remove();
        return over;
      }, symbols);
    expect([await overflow(), await overflow([...'★✖⚠≠\ufffd≋#✎'])]).toEqual([
      [0, 0],
      [0, 0],
    ]);

    // Un-bookmarked, the first event leaves the listing: nothing is highlighted, nothing is shown.
    await selectNth(page, 0);
    await detail(page).getByRole('heading', { name: 'CreateKeyPair' }).waitFor();
    await detail(page).getByRole('button', { name: '★ Bookmarked' }).click();
    await listing(page, '1 of 21 events');
    await expect.poll(() => shown(page)).toEqual({ highlighted: [], detail: 'Select an event to see its original JSON, who made it and where it came from.In the listing: ↑ ↓ select, Enter moves into the detail, Esc clears the selection. In the detail, Esc returns to the listing. / or Ctrl+F finds a value.' });
    expect(await rows(page).locator('.col-eventName').allTextContents()).toEqual(['ConsoleLogin']);
    await page.screenshot({ path: join(SHOTS, 'selection-after-unbookmark.png') });
  });
});

describe('the event explorer on the real samples', () => {
  let app: LaunchedApp;
  let plaso: { Records: unknown[] };
  /** Every event of the bundle, read back from the files written, by plain JSON parsing. */
  let samples: Sample[];

  beforeAll(async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-explorer-'));
    const bundle = await writeCorpusBundle(evidence);
    samples = (await Promise.all(bundle.map(async (path) => (JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as { Records: Sample[] }).Records))).flat();
    plaso = JSON.parse(await readFile(join(CORPUS, 'plaso/aws_cloudtrail.json'), 'utf8')) as typeof plaso;
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Explorer');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await app.page.getByText('Import complete', { exact: true }).waitFor({ timeout: 45_000 });
    await listing(app.page, '473 events');
  });
  afterAll(() => app.close());

  it('fits every default column beside the detail pane in a 1360 px window, with times, source IPs and regions uncut', async () => {
    const { page } = app;
    const grid = await page.locator('.grid-scroll').evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left, right: box.left + element.clientWidth, scrolls: element.scrollWidth > element.clientWidth };
    });
    const headers = await page.getByRole('columnheader').evaluateAll((elements) => elements.map((element) => ({ text: element.textContent, box: element.getBoundingClientRect().toJSON() as DOMRect })));
    expect(headers.map(({ text }) => text)).toEqual(['Marks', 'Time (UTC) ▲', 'Event', 'Service', 'Actor', 'Source IP', 'Region', 'Error']);
    expect(headers.filter(({ box }) => box.left < grid.left || box.right > grid.right + 0.5).map(({ text }) => text)).toEqual([]);
    expect(grid.scrolls).toBe(false);
    const cutCells = (selector: string) =>
      page.locator('.grid-row').evaluateAll(
        (drawn, cells) => drawn.flatMap((row) => [...row.querySelectorAll(cells)].filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent)),
        selector,
      );
    expect(await cutCells('.marks, .col-time, .col-sourceIp, .col-region')).toEqual([]);
    // An actor shows from its ARN's resource on; the whole ARN on hover.
    const actor = page.locator('.grid-row .col-actor').first();
    expect([await actor.textContent(), await actor.getAttribute('title')]).toEqual(['user/Alice', ALICE]);
    await page.screenshot({ path: join(SHOTS, 'explorer-columns.png') });
    // The newest events were written to the nanosecond (CloudTrail Lake): the time column makes room for every digit.
    await page.getByRole('button', { name: /^Time \(UTC\) ▲$/ }).click();
    await expect.poll(async () => (await cells(page, 0))[1]).toBe('2026-01-11 22:54:56.000000000');
    expect(await cutCells('.col-time')).toEqual([]);
    expect(await page.locator('.grid-scroll').evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'explorer-nanoseconds.png') });
    await page.getByRole('button', { name: /^Time \(UTC\) ▼$/ }).click();
    await expect.poll(async () => (await cells(page, 0))[1]).toBe('2014-03-06 17:10:34');
  });

  it('sorts by time both ways and moves the selection with the keyboard', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Time \(UTC\) ▲$/ }).click();
    await expect.poll(async () => (await cells(page, 0))[1]).toBe('2026-01-11 22:54:56.000000000');
    await page.getByRole('button', { name: /^Time \(UTC\) ▼$/ }).click();
    await expect.poll(async () => (await cells(page, 0)).slice(1, 3)).toEqual(['2014-03-06 17:10:34', 'CreateKeyPair']);
    expect(await listed(page)).toBe('473 events');

    await page.locator('.grid-scroll').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.locator('.grid-row[aria-selected="true"]').waitFor();
    expect(await page.locator('.grid-row[aria-selected="true"]').getAttribute('aria-rowindex')).toBe('3');
    await page.keyboard.press('End');
    await page.locator('.grid-row[aria-rowindex="474"][aria-selected="true"]').waitFor();
    await page.keyboard.press('Home');
    await page.locator('.grid-row[aria-rowindex="2"][aria-selected="true"]').waitFor();
  });

  it('shows the selected event: original JSON, who, where it came from; copies the exact text', async () => {
    const { page } = app;
    await selectNth(page, 0);
    const pane = detail(page);
    await pane.getByTestId('event-json').waitFor();
    const oldest = plaso.Records.findIndex((record) => (record as { eventTime: string }).eventTime === '2014-03-06T17:10:34Z');
    expect(await pane.getByRole('heading', { level: 2 }).textContent()).toBe('CreateKeyPair');
    expect(JSON.parse((await pane.getByTestId('event-json').textContent())!)).toEqual(plaso.Records[oldest]);
    const identity = await pane.getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents();
    expect(identity).toEqual([
      'TypeIAMUser', `Principal${ALICE}`, 'User nameAlice', 'Account123456789012', 'Access keyEXAMPLE_KEY_ID',
      'Authenticated with MFAno', 'Session created2014-03-06 15:15:06 UTC',
    ]);
    const provenance = await pane.getByRole('region', { name: 'Provenance' }).locator('dd').allTextContents();
    expect(provenance[0]).toMatch(new RegExp(String.raw`AWSLogs\/123456789012\/CloudTrail\/us-east-1\/2024\/01\/01\/123456789012_CloudTrail_us-east-1_20240101T0000Z_R0\.json\.gz, item ${oldest} \(counted from 0\)$`));
    expect(provenance[2]).toMatch(/^[0-9a-f]{64}$/);
    await pane.getByRole('button', { name: 'Raw (as in the file)' }).click();
    const raw = (await pane.getByTestId('event-json').textContent())!;
    await pane.getByRole('button', { name: 'Copy JSON' }).click();
    await expect.poll(() => app.clipboard.length).toBe(1);
    expect(app.clipboard[0]).toBe(raw);
    // The button says it worked, and so does a status a screen reader announces; then it is ready again.
    const copy = pane.getByRole('button', { name: 'Copy JSON' });
    await copy.filter({ hasText: '✓ Copied' }).waitFor();
    expect(await pane.getByRole('status').textContent()).toBe('Copy JSON: copied to the clipboard');
    await page.screenshot({ path: join(SHOTS, 'explorer-copied.png') });
    await copy.filter({ hasText: /^Copy JSON$/ }).waitFor({ timeout: 4000 });
    expect(await pane.getByRole('status').textContent()).toBe('');
    expect(JSON.parse(raw)).toEqual(plaso.Records[oldest]);
    await page.screenshot({ path: join(SHOTS, 'explorer-detail.png') });
  });

  it('pivots to all events of the actor, and drops the pivot again', async () => {
    const { page } = app;
    await detail(page).getByRole('button', { name: `this actor: ${ALICE}` }).click();
    await listing(page, '11 of 473 events');
    expect(await page.locator('.chip').allTextContents()).toEqual([`Actor: ${ALICE}×`]);
    expect(new Set(await page.locator('.grid-row .col-actor').evaluateAll((found) => found.map((cell) => `${cell.textContent} ${cell.getAttribute('title')}`)))).toEqual(new Set([`user/Alice ${ALICE}`]));
    await page.screenshot({ path: join(SHOTS, 'explorer-pivot.png') });
    await page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await listing(page, '473 events');
  });

  it('pivots on a request parameter value, narrows it to a session, keeps it with the view, and drops it', async () => {
    const { page } = app;
    // Exact copies are stored once: count distinct events (none of these differ only in layout).
    const distinct = (events: Sample[]) => new Set(events.map((event) => JSON.stringify(event))).size;
    const minCountOne = samples.filter((event) => event.requestParameters?.instancesSet?.items?.[0]?.minCount === 1);
    const session = 'ASIASXP6SDP2MXGX4MYC';
    const [pivoted, inSession] = [distinct(minCountOne), distinct(minCountOne.filter((event) => event.userIdentity?.accessKeyId === session))];
    expect([pivoted, inSession]).toEqual([9, 2]);

    await selectRow(page, [/2024-04-02 15:13:06.000000000RunInstances/]);
    const params = detail(page).getByRole('region', { name: 'Request parameters' });
    await params.waitFor();
    const entries = async () => {
      const [paths, values] = await Promise.all([params.locator('.param-path').allTextContents(), params.locator('.param-value').allTextContents()]);
      return paths.map((path, i) => `${path} = ${values[i]}`);
    };
    const shown = await entries();
    expect(shown).toHaveLength(28);
    expect(shown.slice(0, 3)).toEqual(['blockDeviceMapping.items[0].deviceName = "/dev/sda1"', 'blockDeviceMapping.items[0].ebs.deleteOnTermination = true', 'blockDeviceMapping.items[0].ebs.encrypted = false']);
    expect(shown).toContain('instancesSet.items[0].minCount = 1');
    expect(shown).toContain('tagSpecificationSet.items[0].tags[0].value = "test"');
    await params.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'explorer-params.png') });

    await params.getByRole('button', { name: 'Events with instancesSet.items[0].minCount = 1' }).click();
    await listing(page, `${pivoted} of 473 events`);
    expect(await page.locator('.chip').allTextContents()).toEqual(['Parameter instancesSet.items[0].minCount: 1×']);
    expect(await page.locator('.grid-row .col-eventName').allTextContents()).toEqual(Array<string>(pivoted).fill('RunInstances'));
    await page.screenshot({ path: join(SHOTS, 'explorer-params-pivot.png') });

    await rows(page).filter({ hasText: /2024-04-02 15:13:06/ }).first().click();
    await detail(page).getByRole('button', { name: `this session (temporary key): ${session}` }).click();
    await listing(page, `${inSession} of 473 events`);
    expect(await page.locator('.chip').allTextContents()).toEqual(['Parameter instancesSet.items[0].minCount: 1×', `Session: ${session}×`]);
    await page.getByRole('button', { name: 'Remove filter Session' }).click();
    await listing(page, `${pivoted} of 473 events`);

    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Explorer' }).click();
    await listing(page, `${pivoted} of 473 events`);
    expect(await page.locator('.chip').allTextContents()).toEqual(['Parameter instancesSet.items[0].minCount: 1×']);
    await page.getByRole('button', { name: 'Remove filter Parameter instancesSet.items[0].minCount' }).click();
    await listing(page, '473 events');
  });

  it('elides long parameter values in the detail, keeping them whole in the filter', async () => {
    const { page } = app;
    // The listing kept the RunInstances event selected, and in view, as its filter went.
    await selectRow(page, [/^2014-03-25 20:17:37CreateRole/]);
    const value = detail(page).getByRole('region', { name: 'Request parameters' }).locator('.param-value').first();
    const whole = JSON.stringify((plaso.Records as { eventName: string; requestParameters: { assumeRolePolicyDocument: string } }[]).find((event) => event.eventName === 'CreateRole')!.requestParameters.assumeRolePolicyDocument);
    expect(await value.textContent()).toBe(`${whole.slice(0, 159)}…`);
    expect(await value.getAttribute('title')).toBe(whole);
    await value.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'explorer-params-long.png') });
    await detail(page).getByRole('button', { name: /^Events with assumeRolePolicyDocument = / }).click();
    await listing(page, '1 of 473 events');
    expect(await page.locator('.chip .mono').getAttribute('title')).toBe(whole);
    await page.getByRole('button', { name: 'Remove filter Parameter assumeRolePolicyDocument' }).click();
    await listing(page, '473 events');
  });

  it('shows a conflicting event beside each other copy of its eventID, the third too', async () => {
    const { page } = app;
    await page.locator('.grid-row.conflict').first().click();
    // Summed up first: how many, and the values they differ on in how many copies.
    const summary = detail(page).getByRole('region', { name: 'Conflict' });
    await summary.waitFor();
    expect([await summary.locator('h3').textContent(), ...(await summary.locator('p').allTextContents())]).toEqual([
      '⚠ Conflict: 2 other copies',
      '2 other events have eventID 20b84ce5-730f-482e-b2b2-e8fcc87ceb22, each with different content. All are kept; compare them before trusting any.',
      'They differ on userIdentity.arn (2 copies), userIdentity.accountId (2), recipientAccountId (2), awsRegion (1).',
    ]);
    await summary.getByRole('button', { name: 'Compare the copies one by one' }).click();
    const conflicts = detail(page).getByRole('region', { name: /^Other copy \d of 2$/ });
    await conflicts.nth(1).waitFor();
    const mine = JSON.parse((await detail(page).getByTestId('event-json').textContent())!) as { eventID: string };
    const twins = await Promise.all((await conflicts.locator('pre').allTextContents()).map((text) => JSON.parse(text) as { eventID: string }));
    expect(twins.map((twin) => twin.eventID)).toEqual([mine.eventID, mine.eventID]);
    expect(twins.filter((twin) => JSON.stringify(twin) === JSON.stringify(mine))).toEqual([]);
    // What differs, value by value, from each: the account, as a copy edited to hide it would; from the third, the user and region too.
    const told = await conflicts.evaluateAll((boxes) =>
      boxes.map((box) => [box.querySelector('h3')!.textContent, box.querySelector('p')!.textContent!.replace(/\/.*_/, ''), box.querySelector('[data-testid="conflict-verdict"]')!.textContent, ...[...box.querySelectorAll('li')].map((li) => li.textContent)]),
    );
    expect(told).toEqual([
      [
        'Other copy 1 of 2',
        'Read from R1.json.gz, item 210 (counted from 0).',
        'The copies disagree on 3 values:',
        'userIdentity.arn: "arn:aws:iam::999999999999:user/myUserName" here, "arn:aws:iam::123456789012:user/myUserName" in the other',
        'userIdentity.accountId: "999999999999" here, "123456789012" in the other',
        'recipientAccountId: "999999999999" here, "123456789012" in the other',
      ],
      [
        'Other copy 2 of 2',
        'Read from R1.json.gz, item 211 (counted from 0).',
        'The copies disagree on 4 values:',
        'userIdentity.arn: "arn:aws:iam::999999999999:user/myUserName" here, "arn:aws:iam::123456789012:user/DeployRole" in the other',
        'userIdentity.accountId: "999999999999" here, "123456789012" in the other',
        'awsRegion: "us-east-1" here, "us-west-1" in the other',
        'recipientAccountId: "999999999999" here, "123456789012" in the other',
      ],
    ]);
    await page.screenshot({ path: join(SHOTS, 'explorer-conflict.png') });
  });

  it("sums up an eventID's 116 other copies above the event's own facts, and compares them one by one on request", async () => {
    const { page } = app;
    // The samples give 117 events the eventID "1", each different.
    await selectRow(page, ['UpdateFunctionConfiguration20150331v2', 'user/john.developer']);
    const summary = detail(page).getByRole('region', { name: 'Conflict' });
    await summary.waitFor();
    // Before, five boxes 'other copy n of 116' and 'Compare the other 111 copies too' came before the outcome.
    expect([await summary.locator('h3').textContent(), await summary.getByTestId('conflict-summary').textContent(), await summary.getByRole('button').textContent()]).toEqual([
      '⚠ Conflict: 116 other copies',
      '116 other events have eventID 1, each with different content. All are kept; compare them before trusting any.',
      '▸ Compare the copies one by one',
    ]);
    const copies = detail(page).getByRole('region', { name: /^Other copy \d+ of 116$/ });
    expect([await copies.count(), await detail(page).getByRole('region', { name: 'Outcome' }).count()]).toEqual([0, 1]);
    await page.screenshot({ path: join(SHOTS, 'explorer-many-conflicts.png') });
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    // The outcome and the first pivot end within the pane's first screen (they ended near 2,300 px down, below five boxes), which is 399 px tall under the import banner, 445 px without.
    const firstScreen = await detail(page).evaluate((pane) => {
      const bottom = (selector: string) => Math.round(pane.querySelector(selector)!.getBoundingClientRect().bottom - pane.getBoundingClientRect().top);
      return { outcome: bottom('.outcome'), firstPivot: bottom('.pivots button'), shown: bottom('.pivots button') <= pane.clientHeight };
    });
    expect(firstScreen).toEqual({ outcome: 328, firstPivot: 387, shown: true });
    await page.screenshot({ path: join(SHOTS, 'explorer-many-conflicts-960.png') });
    await summary.getByRole('button', { name: 'Compare the copies one by one' }).click();
    await copies.nth(115).waitFor();
    expect([await copies.count(), ...(await copies.locator('h3').allTextContents()).filter((_, i) => i === 0 || i === 115)]).toEqual([116, 'Other copy 1 of 116', 'Other copy 116 of 116']);
  });

  it('marks the first copy of a conflicting pair in the table too, not only the later one', async () => {
    const { page } = app;
    // Events 26 and 27 of the rules' test events share an eventID; ingest could flag only 27, the later one.
    const first = [/^⚠2024-11-25 17:51:21.000000000PutEventSelectors/];
    const drawn = (row: Locator) => row.evaluate((found) => ({ marks: [...found.querySelectorAll('.marks [role="img"]')].map((mark) => mark.getAttribute('title')), className: found.className }), undefined, { timeout: 2_000 });
    // Read as drawn, then selected, in one search down the listing.
    const seenThenClicked = async (row: Locator) => {
      const seen = await drawn(row);
      await row.click({ timeout: 2_000 });
      return seen;
    };
    expect(await reachRow(page, first, seenThenClicked)).toEqual({ marks: ['Conflict: another event has this eventID with different content'], className: 'grid-row conflict' });
    await selected(page, first);
    const conflict = detail(page).getByRole('region', { name: 'Conflict' });
    await conflict.waitFor();
    expect(await detail(page).getByRole('region', { name: 'Provenance' }).locator('dd').first().textContent()).toMatch(/_R1\.json\.gz, item 26 \(counted from 0\)$/);
    expect(await conflict.locator('p .mono').textContent()).toMatch(/_R1\.json\.gz, item 27 \(counted from 0\)$/);
    await page.screenshot({ path: join(SHOTS, 'explorer-conflict-first.png') });
    await page.locator('.grid-scroll').evaluate((element) => element.scrollTo({ top: 0 }));
  });

  it('bookmarks, tags and notes events, and lists only the marked ones', async () => {
    const { page } = app;
    for (const n of [0, 2]) {
      await selectNth(page, n);
      await detail(page).getByRole('button', { name: '☆ Bookmark' }).click();
      await detail(page).getByRole('button', { name: '★ Bookmarked' }).waitFor();
    }
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).fill('exfil');
    await detail(page).getByRole('textbox', { name: 'Add a tag' }).press('Enter');
    await detail(page).getByRole('button', { name: 'Remove tag exfil' }).waitFor();
    await detail(page).getByRole('textbox', { name: 'Note' }).fill('Keys created from an unknown IP <script>alert(1)</script>');
    await page.locator('.grid-scroll').focus();
    await expect.poll(() => page.locator('.grid-row').nth(2).locator('.marks').textContent()).toBe('★#✎');
    const meanings = (n: number) => rows(page).nth(n).getByRole('img').evaluateAll((marks) => marks.map((mark) => [mark.getAttribute('aria-label'), mark.getAttribute('title')]));
    expect(await meanings(2)).toEqual([['Bookmarked', 'Bookmarked'], ['Tagged: exfil', 'Tagged: exfil'], ['Has a note', 'Has a note']]);
    expect(await rows(page).nth(0).locator('.marks').textContent()).toBe('★');
    await selectNth(page, 4);
    await detail(page).getByRole('textbox', { name: 'Note' }).fill('Same source as the keys');
    await page.locator('.grid-scroll').focus();
    await expect.poll(() => page.locator('.grid-row').nth(4).locator('.marks').textContent()).toBe('✎');
    expect(await meanings(4)).toEqual([['Has a note', 'Has a note']]);
    await page.screenshot({ path: join(SHOTS, 'explorer-marks.png') });

    expect(await page.getByRole('combobox', { name: 'Show' }).locator('option').allTextContents()).toEqual(['all events', 'failed calls ✖', 'marked events ★ # ✎', 'bookmarked events ★', 'tagged events #', 'events with a note ✎', 'events in conflict ⚠ ≠']);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('bookmarked');
    await listing(page, '2 of 473 events');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('noted');
    await listing(page, '2 of 473 events');
    expect(await page.locator('.grid-row .col-eventName').allTextContents()).toEqual(['StartInstances', 'CreateRole']);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('tagged');
    await listing(page, '1 of 473 events');
    await selectNth(page, 0);
    expect(await detail(page).getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Keys created from an unknown IP <script>alert(1)</script>');
    await page.screenshot({ path: join(SHOTS, 'explorer-tagged.png') });
    await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await listing(page, '473 events');
  });

  it('chooses columns and shows local time on request', async () => {
    const { page } = app;
    await page.locator('.column-menu summary').click();
    await page.getByRole('checkbox', { name: 'Region' }).uncheck();
    await page.getByRole('checkbox', { name: 'Account' }).check();
    await page.locator('.column-menu summary').click();
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Marks', 'Time (UTC) ▲', 'Event', 'Service', 'Actor', 'Source IP', 'Account', 'Error']);
    await page.getByRole('button', { name: 'Times in UTC' }).click();
    expect((await cells(page, 0)).slice(1, 2)).toEqual(['2014-03-06 12:10:34']);
    // The harness's Chromium runs in America/New_York: the header names the zone, the detail each event's offset.
    expect(await page.getByRole('columnheader').nth(1).textContent()).toBe('Time (America/New_York) ▲');
    const header = page.getByRole('button', { name: 'Time (America/New_York) ▲' });
    expect(await header.evaluate((button) => button.parentElement!.scrollWidth <= button.parentElement!.clientWidth)).toBe(true);
    await selectNth(page, 0);
    expect(await detail(page).locator('.detail-head .mono').textContent()).toBe('2014-03-06 12:10:34 UTC-05:00');
    await page.screenshot({ path: join(SHOTS, 'explorer-local-time.png') });
    await page.getByRole('button', { name: 'Times in local time' }).click();
    expect(await detail(page).locator('.detail-head .mono').textContent()).toBe('2014-03-06 17:10:34 UTC');
    await page.getByRole('button', { name: 'Times in UTC' }).click();
  });

  it('restores the view when the case is opened again', async () => {
    const { page } = app;
    await selectNth(page, 0);
    await detail(page).getByRole('button', { name: /^this source IP: / }).click();
    await listing(page, '1 of 473 events');
    await page.getByRole('button', { name: 'Close case' }).click();
    const row = page.getByTestId('case-row');
    await row.waitFor();
    expect(await row.locator('td').evaluateAll((tds) => tds.slice(0, 5).map((td) => td.textContent))).toEqual(['Explorer', '473', '2014-03-06 17:10:34 2026-01-11 22:54:56', '4329 d 5 h', '6']);
    await page.getByRole('button', { name: 'Open Explorer' }).click();
    await listing(page, '1 of 473 events');
    expect(await page.locator('.chip').allTextContents()).toEqual(['Source IP: 72.21.198.64×']);
    expect((await cells(page, 0)).slice(1, 2)).toEqual(['2014-03-06 12:10:34']);
  });

  it('deletes the case after confirmation, and only then', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Delete Explorer' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('Delete “Explorer”?');
    await page.screenshot({ path: join(SHOTS, 'delete-case.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('case-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete Explorer' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete case' }).click();
    await page.getByText('No cases yet.', { exact: false }).waitFor();
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).sort());
    expect(databases).toEqual(['cairn-cases']);
    expect(app.externalRequests).toEqual([]);
  });
});

describe('copying an event the clipboard refuses', () => {
  it('says why it was not copied, beside the button, and announces it', async () => {
    const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-copy-'));
    await writeFile(join(evidence, 'one.json'), JSON.stringify({ Records: [{ eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', eventID: 'one' }] }));
    const app = await launchApp({ evidence: [evidence], clipboardRefuses: 'copyText: expected a string of at most 64 Mi characters' });
    try {
      await newCase(app.page, 'Refused copy');
      await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
      await waitForImport(app.page);
      await selectNth(app.page, 0);
      const pane = app.page.getByRole('complementary', { name: 'Event detail' });
      await pane.getByRole('button', { name: 'Copy JSON' }).click();
      const status = pane.getByRole('status');
      await status.filter({ hasText: /^Not copied/ }).waitFor();
      expect(await status.textContent()).toBe('Not copied: copyText: expected a string of at most 64 Mi characters');
      expect(await pane.getByRole('button', { name: 'Copy JSON' }).textContent()).toBe('Copy JSON');
      expect(app.clipboard).toEqual([]);
      await app.page.screenshot({ path: join(SHOTS, 'explorer-copy-refused.png') });
    } finally {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    }
  });
});
