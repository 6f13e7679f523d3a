import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { selectNth } from './listing';
import { s3Call as event } from '../fixtures/generators/s3Calls';

const SHOTS = join(import.meta.dirname, '../../test-results');

const EVENTS = [event(1, 'alice', 'ListBuckets', '203.0.113.9'), event(2, 'bob', 'DeleteBucket', '203.0.113.10')];

/** A CloudTrail Lake result of selected columns, as Lake writes them: the useridentity struct unquoted. */
function lakeRow(e: (typeof EVENTS)[number], ip: string): string {
  const u = e.userIdentity;
  const struct = `{type=${u.type}, principalid=${u.principalId}, arn=${u.arn}, accountid=${u.accountId}, accesskeyid=${u.accessKeyId}, username=${u.userName}, sessioncontext=null, invokedby=null}`;
  return `${e.eventTime.replace('T', ' ').replace('Z', '.000')},${e.eventName},${e.eventID},"${struct}",${ip}`;
}
// The second event's row gives another source IP than its trail file: one of the two was altered.
const LAKE = ['eventtime,eventname,eventid,useridentity,sourceipaddress', lakeRow(EVENTS[0]!, '203.0.113.9'), lakeRow(EVENTS[1]!, '198.51.100.7')].join('\n');

describe("a CloudTrail Lake result beside the trail's own files", () => {
  let evidence: string;
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const copy = () => pane().getByRole('region', { name: 'Partial copy' });
  const select = async (nth: number, file: string) => {
    await app.page.locator('.grid-row').nth(nth).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText(file).waitFor();
    await copy().waitFor();
  };
  const compared = () => copy().locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-lake-'));
    await writeFile(join(evidence, 'trail.json'), JSON.stringify({ Records: EVENTS }));
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Lake and trail');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    // The Lake result comes in a later import: its rows are linked to events the case held before.
    await writeFile(join(evidence, 'result_1.csv'), LAKE);
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events · 2 of them CSV rows of calls counted already$/ }).waitFor();
    await waitForImport(app.page);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('stores each row beside its full event, no conflict counted or marked', async () => {
    const banner = app.page.getByRole('region', { name: 'Import progress' });
    expect(await banner.locator('.ingest-line > span').textContent()).toBe('1.6 KB of 1.6 KB · 2 events stored · 2 duplicates skipped');
    expect(await app.page.locator('.grid-row.conflict').count()).toBe(0);
    // The second event and its row disagree: both are marked, in time order after the first pair, which agree.
    expect(await app.page.locator('.grid-row .marks').allTextContents()).toEqual(['', '', '≠', '≠']);
    expect(await app.page.locator('.grid-row').nth(2).locator('.marks [title]').getAttribute('title')).toBe('A CSV row of this eventID and its full event (or, with none, another row of it) disagree on a field');
  });

  it("says a row that agrees with its event is the same event, each field it gives beside the event's", async () => {
    await select(1, 'result_1.csv, item 0 (counted from 0)');
    expect([await copy().locator('h3').textContent(), await copy().getByTestId('copy-verdict').textContent()]).toEqual([
      'A CSV row of an event the case holds whole',
      "The 7 fields the row gives agree with the full event's: one event, read twice.",
    ]);
    // A value written alike is shown once, across both columns; times agree to the millisecond, however many digits each writes.
    expect(await compared()).toEqual([
      ['Time', '2024-05-01 10:01:00.000', '2024-05-01 10:01:00'],
      ['Event name', 'ListBuckets'],
      ['Actor', 'arn:aws:iam::111122223333:user/alice'],
      ['Actor type', 'IAMUser'],
      ['Source IP', '203.0.113.9'],
      ['Account', '111122223333'],
      ['Access key', 'AKIAALICE0000'],
    ]);
  });

  it('names the field a row and its event disagree on, from either side, and selects the other', async () => {
    await select(3, 'result_1.csv, item 1 (counted from 0)');
    expect([await copy().locator('h3').textContent(), await copy().getByTestId('copy-verdict').textContent()]).toEqual([
      '⚠ A CSV row that disagrees with the full event',
      'The row disagrees with the full event on 1 of the 7 fields it gives. Compare them before trusting either.',
    ]);
    expect(await copy().locator('tr.differs').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([['≠ Source IP', '198.51.100.7', '203.0.113.10']]);
    await app.page.screenshot({ path: join(SHOTS, 'copy-disagrees.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await copy().scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'copy-disagrees-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 860 });

    await copy().getByRole('button', { name: 'Select the full event' }).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText('trail.json, item 1 (counted from 0)').waitFor();
    await copy().getByRole('button', { name: 'Select the row' }).waitFor();
    expect([await copy().locator('h3').textContent(), await copy().locator('p').first().textContent(), (await compared())[4]]).toEqual([
      '⚠ A CSV row of this event disagrees with it',
      expect.stringMatching(/^A row of a CSV export gives some of this event’s fields: .*result_1\.csv, item 1 \(counted from 0\)\.$/),
      ['≠ Source IP', '198.51.100.7', '203.0.113.10'],
    ]);
    await copy().getByRole('button', { name: 'Select the row' }).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText('result_1.csv, item 1 (counted from 0)').waitFor();
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('event-listing');
  });

  it("shows a row as its columns, and who acted as its useridentity struct tells it, never as JSON it is not", async () => {
    await select(1, 'result_1.csv, item 0 (counted from 0)');
    const pairs = (name: string) => pane().getByRole('region', { name }).locator('dl > div').evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]));
    expect(await pairs('Identity')).toEqual([
      ['Type', 'IAMUser'],
      ['Principal', 'arn:aws:iam::111122223333:user/alice'],
      ['User name', 'alice'],
      ['Account', '111122223333'],
      ['Access key', 'AKIAALICE0000 (long-term key)'],
    ]);
    expect(await pairs('Columns')).toEqual([
      ['eventtime', '2024-05-01 10:01:00.000'],
      ['eventname', 'ListBuckets'],
      ['eventid', '7d3c0000-0000-4000-8000-000000000001'],
      ['useridentity', '{type=IAMUser, principalid=AIDAALICE, arn=arn:aws:iam::111122223333:user/alice, accountid=111122223333, accesskeyid=AKIAALICE0000, username=alice, sessioncontext=null, invokedby=null}'],
      ['sourceipaddress', '203.0.113.9'],
    ]);
    expect([
      await pane().getByRole('region', { name: 'Original row' }).locator('h3').textContent(),
      await pane().getByTestId('event-json').textContent(),
      await pane().getByRole('region', { name: 'Request parameters' }).locator('p').allTextContents(),
      await pane().getByRole('button', { name: 'Copy row' }).count(),
    ]).toEqual(['Original row, as in the file', LAKE.split('\n')[1], ['Not in this export: its columns do not include requestParameters'], 1]);
    await pane().getByRole('region', { name: 'Columns' }).scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'csv-row-columns.png') });
  });

  it('marks the pair that disagrees again when the case is opened again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open Lake and trail' }).click();
    await page.getByTestId('listing-count').filter({ hasText: /^4 events · 2 of them CSV rows of calls counted already$/ }).waitFor();
    await page.locator('.grid-row').nth(3).waitFor();
    expect(await page.locator('.grid-row .marks').allTextContents()).toEqual(['', '', '≠', '≠']);
  });

  it('lists the pair that disagrees, and only it, under Show: events in conflict', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Show' }).filter({ has: page.getByRole('option', { name: 'all events' }) }).selectOption('conflicts');
    await page.getByTestId('listing-count').filter({ hasText: /^2 of 4 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
    expect(await page.locator('.grid-row .col-sourceIp').allTextContents()).toEqual(['203.0.113.10', '198.51.100.7']);
  });
});

/** The console's Event history CSV of the same two events, without their JSON: the second event's row agrees with the trail. */
const CONSOLE = [
  'Event ID,Event time,User name,Event name,AWS region,Source IP address',
  ...EVENTS.map((e) => [e.eventID, e.eventTime, e.userIdentity.userName, e.eventName, e.awsRegion, e.sourceIPAddress].join(',')),
].join('\n');

describe('two CSV exports of the same events imported before the trail', () => {
  let evidence: string;
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const copy = () => pane().getByRole('region', { name: 'Partial copy' });
  const marks = () => app.page.locator('.grid-row').evaluateAll((rows) => rows.map((row) => [row.querySelector('.col-sourceIp')!.textContent, row.querySelector('.marks')!.textContent]));

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-rows-first-'));
    await writeFile(join(evidence, 'event_history.csv'), CONSOLE);
    await writeFile(join(evidence, 'result_1.csv'), LAKE);
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Rows first');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    // The trail comes in a later import: each of its events is linked to every row of its eventID the case holds.
    await writeFile(join(evidence, 'trail.json'), JSON.stringify({ Records: EVENTS }));
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await app.page.getByTestId('listing-count').filter({ hasText: /^6 events · 4 of them CSV rows of calls counted already$/ }).waitFor();
    await waitForImport(app.page);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it("marks the Lake row that disagrees with the trail's event, though the console's row of it came first", async () => {
    // In time order, each event's console row, Lake row and trail event (the order they were stored in).
    await app.page.locator('.grid-row').nth(5).waitFor();
    expect(await marks()).toEqual([
      ['203.0.113.9', ''],
      ['203.0.113.9', ''],
      ['203.0.113.9', ''],
      ['203.0.113.10', ''],
      ['198.51.100.7', '≠'],
      ['203.0.113.10', '≠'],
    ]);
    await selectNth(app.page, 4);
    await copy().waitFor();
    expect(await copy().locator('tr.differs').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([['≠ Source IP', '198.51.100.7', '203.0.113.10']]);
  });

  it("compares the trail's event with each row of it, Lake's that disagrees first, though read after the console's that agrees", async () => {
    await selectNth(app.page, 5);
    const copies = pane().getByRole('region', { name: 'Partial copy' });
    await copies.nth(1).waitFor();
    const told = (nth: number) => Promise.all([copies.nth(nth).locator('h3').textContent(), copies.nth(nth).locator('p').first().textContent(), copies.nth(nth).getByTestId('copy-verdict').textContent()]);
    expect([await copies.count(), await told(0), await told(1)]).toEqual([
      2,
      ['⚠ A CSV row of this event disagrees with it', expect.stringMatching(/: \/.*\/result_1\.csv, item 1 \(counted from 0\)\.$/), 'The row disagrees with the full event on 1 of the 7 fields it gives. Compare them before trusting either.'],
      ['A CSV row of this event', expect.stringMatching(/: \/.*\/event_history\.csv, item 1 \(counted from 0\)\.$/), "The 5 fields the row gives agree with the full event's: one event, read twice."],
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'copies-two-rows.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await app.page.screenshot({ path: join(SHOTS, 'copies-two-rows-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 860 });
    // Select the row from the first box: the Lake row that disagrees.
    await copies.nth(0).getByRole('button', { name: 'Select the row' }).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText('result_1.csv, item 1 (counted from 0)').waitFor();
  });
});
