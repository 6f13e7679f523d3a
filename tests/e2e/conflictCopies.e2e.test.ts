import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CORPUS, PANTHER_TRAILS } from '../fixtures/generators/trailBundle';
import { caseWithEvidence, launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { selectNth, selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
/** The samples' simulated incidents, as NDJSON trails. */
const CONFLICTING_COPIES = 'Events stored beside an earlier copy with the same eventID and different content: each later copy counts once, its first copy not';
const EVENTS_IN_CONFLICT =
  "Events of this file with a conflicting copy (same eventID, different content), in this file or another. Both copies count, each in its own file, so the column adds up to more than the import's conflicting copies";
/** An S3 data event as CloudTrail writes it: byte counts as `0.0`. */
const DELIVERED =
  '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111","accessKeyId":"AKIAALICE0000000001"},"eventTime":"2024-06-01T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","requestParameters":{"bucketName":"evidence","key":"report.pdf"},"additionalEventData":{"bytesTransferredIn":0.0,"bytesTransferredOut":2.0E7},"eventID":"5e1c0000-0000-4000-8000-000000000001","eventType":"AwsApiCall","recipientAccountId":"111111111111"}';

/** The same event as `jq -S -c` writes it: keys sorted, numbers rewritten. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}
const REWRITTEN = JSON.stringify(sortedKeys(JSON.parse(DELIVERED)));
/** Two copies of another event, differing only past a double's precision (they parse to the same number). */
const bigNumber = (digits: string) => DELIVERED.replace('"key":"report.pdf"', `"key":"report.pdf","maxItems":${digits}`).replace('000000000001', '000000000002').replace('10:00:00Z', '11:00:00Z');
/** A third event, and a copy edited by writing its eventName twice: JSON.parse keeps the last, which is the original's. */
const ORIGINAL = DELIVERED.replace('000000000001', '000000000003').replace('10:00:00Z', '12:00:00Z');
const TWICE = ORIGINAL.replace('"eventVersion":"1.08",', '"eventVersion":"1.08","eventName":"DeleteObject",');
/** A fourth event, and a copy with a key written twice and a value changed. */
const FOURTH = ORIGINAL.replace('000000000003', '000000000004').replace('12:00:00Z', '13:00:00Z');
const TWICE_CHANGED = FOURTH.replace('"eventVersion":"1.08",', '"eventVersion":"1.08","eventName":"DeleteObject",').replace('203.0.113.9', '198.51.100.7');

describe('a copy of an event written differently', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await caseWithEvidence('Copies', {
      'delivered.ndjson': `${DELIVERED}\n`,
      'jq-sorted.ndjson': `${REWRITTEN}\n`,
      // The console's CSV download without the event's JSON: a row of some of its fields, the first event's copy, not a conflict.
      'big-a.ndjson': `${bigNumber('12345678901234567890')}\n`,
      'big-b.ndjson': `${bigNumber('12345678901234567891')}\n`,
      'twice-a.ndjson': `${ORIGINAL}\n`,
      'twice-b.ndjson': `${TWICE}\n`,
      'twice-c.ndjson': `${FOURTH}\n`,
      'twice-d.ndjson': `${TWICE_CHANGED}\n`,
      'partial.csv': 'Event ID,Event time,Event name,User name,AWS region,Source IP address\n5e1c0000-0000-4000-8000-000000000001,2024-06-01T10:00:00Z,GetObject,alice,us-east-1,203.0.113.9\n',
    });
    await app.page.getByTestId('listing-count').filter({ hasText: /^9 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('is kept as a conflict, and the pane says its values are the same: a reformatted copy, not a change', async () => {
    expect(REWRITTEN).toContain('"bytesTransferredIn":0,"bytesTransferredOut":20000000}');
    await app.page.locator('.grid-row').nth(1).click();
    await app.page.getByRole('complementary', { name: 'Event detail' }).getByText('jq-sorted.ndjson, item 0 (counted from 0)').waitFor();
    const conflict = app.page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Conflict' });
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-verdict').textContent()).toBe(
      'Both copies hold the same values, written differently (key order, spacing, escapes or number format): a reformatted copy, not a change.',
    );
    expect(await conflict.getByRole('listitem').count()).toBe(0);
    await app.page.screenshot({ path: join(SHOTS, 'conflict-reformatted.png') });
  });

  it('selects the other copy in the listing on request', async () => {
    const { page } = app;
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    const file = () => pane.getByRole('region', { name: 'Provenance' }).locator('dd').first().textContent();
    await page.locator('.grid-row').nth(1).click();
    await pane.getByText('jq-sorted.ndjson, item 0 (counted from 0)').waitFor();
    const here = await file();
    await pane.getByRole('button', { name: 'Select the other copy' }).click();
    await pane.getByRole('region', { name: 'Conflict' }).getByText(here!).waitFor();
    // The other copy is the one selected now, and the keyboard is on the listing.
    expect([await file(), await page.locator('.grid-row[aria-selected="true"]').count(), await page.evaluate(() => document.activeElement?.id)]).toEqual([here!.replace('jq-sorted', 'delivered'), 1, 'event-listing']);
  });

  it('offers to remove what leaves the other copy out of the listing, and only that, then selects it', async () => {
    const { page } = app;
    const pane = page.getByRole('complementary', { name: 'Event detail' });
    const copy = pane.getByRole('region', { name: 'Partial copy' });
    const count = page.getByTestId('listing-count');
    const csvRow = page.locator('.grid-row').filter({ has: page.locator('.col-actor', { hasText: /^alice$/ }) });
    const shown = async () => [
      (await pane.getByRole('region', { name: 'Provenance' }).locator('dd').first().textContent())!.replace(/^.*\//, ''),
      await page.locator('.grid-row[aria-selected="true"] .col-actor').allTextContents(),
      await page.locator('.chip').allTextContents(),
      await page.getByRole('combobox', { name: 'Show' }).filter({ has: page.getByRole('option', { name: 'all events' }) }).inputValue(),
      await count.textContent(),
    ];
    // The CSV row, bookmarked and alone under its own actor and bookmarked events: its other copy shares its source IP, not its actor, and has no bookmark.
    await csvRow.click();
    await pane.getByRole('region', { name: 'Provenance' }).getByText('partial.csv, item 0 (counted from 0)').waitFor();
    await pane.getByRole('button', { name: '☆ Bookmark' }).click();
    await pane.getByRole('button', { name: /this actor/ }).click();
    await pane.getByRole('button', { name: /this source IP/ }).click();
    await page.getByRole('combobox', { name: 'Show' }).filter({ has: page.getByRole('option', { name: 'all events' }) }).selectOption('bookmarked');
    await count.filter({ hasText: /^1 of 9 events$/ }).waitFor();
    await copy.getByRole('button', { name: 'Select the full event' }).click();
    await copy.getByRole('status').filter({ hasText: 'not in this listing' }).waitFor();
    expect([await copy.getByRole('status').textContent(), await copy.getByRole('button').allTextContents()]).toEqual([
      ' It is not in this listing. ',
      ['Select the full event', 'Remove the Actor filter and show all events, then select it'],
    ]);
    await page.screenshot({ path: join(SHOTS, 'copy-full-event-unlisted.png') });
    await copy.getByRole('button', { name: 'Remove the Actor filter and show all events, then select it' }).click();
    await count.filter({ hasText: /^8 of 9 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
    // The source IP filter stays: the other copy has that IP (only twice-d.ndjson's copy has another).
    await pane.getByRole('region', { name: 'Provenance' }).getByText('delivered.ndjson, item 0 (counted from 0)').waitFor();
    expect(await shown()).toEqual(['delivered.ndjson, item 0 (counted from 0)', ['user/alice'], ['Source IP: 203.0.113.9×'], 'all', '8 of 9 events · 1 of them a CSV row of a call counted already']);

    // Hidden by the Show choice alone: the listing goes back to all events.
    await page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await count.filter({ hasText: /^9 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
    await csvRow.click();
    await pane.getByRole('region', { name: 'Provenance' }).getByText('partial.csv, item 0 (counted from 0)').waitFor();
    await page.getByRole('combobox', { name: 'Show' }).filter({ has: page.getByRole('option', { name: 'all events' }) }).selectOption('bookmarked');
    await count.filter({ hasText: /^1 of 9 events$/ }).waitFor();
    await copy.getByRole('button', { name: 'Select the full event' }).click();
    await copy.getByRole('button', { name: 'Show all events and select it' }).click();
    await count.filter({ hasText: /^9 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
    await pane.getByRole('region', { name: 'Provenance' }).getByText('delivered.ndjson, item 0 (counted from 0)').waitFor();
    expect(await shown()).toEqual(['delivered.ndjson, item 0 (counted from 0)', ['user/alice'], [], 'all', '9 events · 1 of them a CSV row of a call counted already']);
    await csvRow.click();
    await pane.getByRole('button', { name: '★ Bookmarked' }).click();
    await pane.getByRole('button', { name: '☆ Bookmark' }).waitFor();
  });

  it("takes a CSV row of some of an event's fields for its copy, not a conflict, and compares each field it gives", async () => {
    const pane = app.page.getByRole('complementary', { name: 'Event detail' });
    await app.page.locator('.grid-row').filter({ has: app.page.locator('.col-actor', { hasText: /^alice$/ }) }).click();
    const copy = pane.getByRole('region', { name: 'Partial copy' });
    await copy.waitFor();
    expect(await pane.getByRole('region', { name: 'Conflict' }).count()).toBe(0);
    expect(await app.page.locator('.grid-row[aria-selected="true"]').evaluate((row) => row.classList.contains('conflict'))).toBe(false);
    expect([await copy.locator('h3').textContent(), await copy.getByTestId('copy-verdict').textContent()]).toEqual([
      'A CSV row of an event the case holds whole',
      "The 5 fields the row gives agree with the full event's: one event, read twice.",
    ]);
    // The console's User name column holds the name the full event's ARN ends with.
    expect(await copy.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([
      ['Time', '2024-06-01 10:00:00'],
      ['Event name', 'GetObject'],
      ['Actor', 'alice', 'arn:aws:iam::111111111111:user/alice'],
      ['Source IP', '203.0.113.9'],
      ['Region', 'us-east-1'],
    ]);
    // The full event shows both: its conflict with the jq copy, and the row.
    await copy.getByRole('button', { name: 'Select the full event' }).click();
    await pane.getByRole('region', { name: 'Provenance' }).getByText('delivered.ndjson, item 0 (counted from 0)').waitFor();
    await pane.getByRole('region', { name: 'Conflict' }).waitFor();
    expect([await pane.getByRole('region', { name: 'Conflict' }).count(), await copy.locator('h3').textContent(), await copy.getByRole('button').allTextContents()]).toEqual([1, 'A CSV row of this event', ['Select the row']]);
  });

  it('tells numbers apart past a double\'s precision, which parsing alone would take as one', async () => {
    expect(JSON.parse(bigNumber('12345678901234567890'))).toEqual(JSON.parse(bigNumber('12345678901234567891')));
    await app.page.locator('.grid-row').nth(4).click();
    const conflict = app.page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Conflict' });
    await conflict.getByTestId('conflict-verdict').waitFor();
    expect([await conflict.getByTestId('conflict-verdict').textContent(), ...(await conflict.getByRole('listitem').allTextContents())]).toEqual([
      'The copies disagree on 1 value:',
      'requestParameters.maxItems: 12345678901234567891 here, 12345678901234567890 in the other',
    ]);
  });

  it('is never the same values when it writes a key twice: the pane names the key and each occurrence', async () => {
    expect(JSON.parse(TWICE)).toEqual(JSON.parse(ORIGINAL));
    await app.page.locator('.grid-row').nth(6).click();
    await app.page.getByRole('complementary', { name: 'Event detail' }).getByText('twice-a.ndjson, item 0 (counted from 0)').waitFor();
    const conflict = app.page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Conflict' });
    await conflict.getByTestId('conflict-verdict').waitFor();
    expect([await conflict.getByTestId('conflict-verdict').textContent(), ...(await conflict.getByRole('listitem').allTextContents())]).toEqual([
      'A key is written more than once in one object in this copy: readers differ on which occurrence they take (JavaScript the last, others the first), so it can read as two different events. Taking the last occurrence, nothing else differs:',
      'eventName: written 2 times here: "DeleteObject", then "GetObject"',
    ]);
    await app.page.locator('.grid-row').nth(5).click();
    await app.page.getByRole('complementary', { name: 'Event detail' }).getByText('twice-b.ndjson, item 0 (counted from 0)').waitFor();
    expect([await conflict.getByTestId('conflict-verdict').textContent(), ...(await conflict.getByRole('listitem').allTextContents())]).toEqual([
      'A key is written more than once in one object in the other copy: readers differ on which occurrence they take (JavaScript the last, others the first), so it can read as two different events. Taking the last occurrence, nothing else differs:',
      'eventName: written 2 times in the other: "DeleteObject", then "GetObject"',
    ]);
  });

  it('leads with the key written twice, then the values that differ', async () => {
    await app.page.locator('.grid-row').nth(8).click();
    await app.page.getByRole('complementary', { name: 'Event detail' }).getByText('twice-c.ndjson, item 0 (counted from 0)').waitFor();
    const conflict = app.page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Conflict' });
    expect([await conflict.getByTestId('conflict-verdict').textContent(), ...(await conflict.getByRole('listitem').allTextContents())]).toEqual([
      'A key is written more than once in one object in this copy: readers differ on which occurrence they take (JavaScript the last, others the first), so it can read as two different events. Taking the last occurrence, the copies disagree on 1 value:',
      'eventName: written 2 times here: "DeleteObject", then "GetObject"',
      'sourceIPAddress: "198.51.100.7" here, "203.0.113.9" in the other',
    ]);
  });

  it('lists the events in conflict, and not the CSV row that agrees with its event, under Show: events in conflict', async () => {
    const { page } = app;
    const show = page.getByRole('combobox', { name: 'Show' }).filter({ has: page.getByRole('option', { name: 'all events' }) });
    await show.selectOption('conflicts');
    await page.getByTestId('listing-count').filter({ hasText: /^8 of 9 events$/ }).waitFor();
    expect(await page.locator('.grid-row .marks').allTextContents()).toEqual(Array(8).fill('⚠'));
    await show.selectOption('all');
    await page.getByTestId('listing-count').filter({ hasText: /^9 events · 1 of them a CSV row of a call counted already$/ }).waitFor();
  });

  it("counts in the evidence panel every file's events that have a conflicting copy, the first copy's file too", async () => {
    const { page } = app;
    // The import counted each later copy once: 4 of them, in conflict with 4 first copies (the CSV row is a copy, not a conflict).
    const banner = page.getByRole('region', { name: 'Import progress' });
    expect(await banner.locator('.ingest-line > span').textContent()).toBe('4.7 KB of 4.7 KB · 9 events stored · 4 conflicting copies');
    expect(await banner.getByText('4 conflicting copies').getAttribute('title')).toBe(CONFLICTING_COPIES);
    await page.getByRole('tab', { name: 'Evidence (9)' }).click();
    await page.getByRole('region', { name: 'Evidence' }).locator('tbody tr').first().waitFor();
    const files = await page.locator('.evidence tbody tr:not(.issue-row)').evaluateAll((rows) => rows.map((row) => [row.querySelector('.file-base')!.textContent, row.querySelectorAll('td')[5]!.textContent]));
    // delivered.ndjson holds the first copy of the event jq-sorted.ndjson conflicts with; partial.csv's row of it is no conflict.
    expect(files).toEqual([
      ['big-a.ndjson', '1'], ['big-b.ndjson', '1'], ['delivered.ndjson', '1'], ['jq-sorted.ndjson', '1'], ['partial.csv', '0'],
      ['twice-a.ndjson', '1'], ['twice-b.ndjson', '1'], ['twice-c.ndjson', '1'], ['twice-d.ndjson', '1'],
    ]);
    // Both copies count here, each in its file: 8 events in conflict for the import's 4 conflicting copies.
    expect(await page.getByRole('columnheader', { name: 'Events in conflict' }).getByRole('button').getAttribute('title')).toBe(`${EVENTS_IN_CONFLICT}. Orders the files by it`);
    await page.setViewportSize({ width: 960, height: 600 });
    await page.screenshot({ path: join(SHOTS, 'evidence-events-in-conflict-960.png') });
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.getByRole('tab', { name: 'Events' }).click();
  });
});

describe('three copies of an event, each different', () => {
  let app: LaunchedApp;
  /** The first copy as delivered, one with another source IP, one with another event name; and an event of its own. */
  const FIRST = DELIVERED.replace('000000000001', '000000000005').replace('10:00:00Z', '14:00:00Z');
  const files = {
    'copy-a.ndjson': `${FIRST}\n`,
    'copy-b.ndjson': `${FIRST.replace('203.0.113.9', '198.51.100.7')}\n`,
    'copy-c.ndjson': `${FIRST.replace('"eventName":"GetObject"', '"eventName":"DeleteObject"')}\n`,
    'single.ndjson': `${ORIGINAL}\n`,
  };
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const summary = () => pane().getByRole('region', { name: 'Conflict' });
  const compare = () => summary().getByRole('button', { name: 'Compare the copies one by one' });
  const conflicts = () => pane().getByRole('region', { name: /^Other copy \d of 2$/ });
  /** Each copy's box: its heading, where the other copy is, its verdict and each difference. */
  const told = () =>
    conflicts().evaluateAll((boxes) =>
      boxes.map((box) => [box.querySelector('h3')!.textContent, box.querySelector('p')!.textContent!.replace(/\/.*\//, ''), box.querySelector('[data-testid="conflict-verdict"]')!.textContent, ...[...box.querySelectorAll('li')].map((li) => li.textContent)]),
    );
  const select = (...texts: string[]) => selectRow(app.page, texts);

  beforeAll(async () => {
    app = await caseWithEvidence('Three copies', files);
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('sums up the other two, then compares each copy with every other, value by value, the third reached from the second', async () => {
    await select('GetObject', '198.51.100.7');
    await summary().waitFor();
    expect([await summary().locator('h3').textContent(), ...(await summary().locator('p').allTextContents()), await conflicts().count()]).toEqual([
      '⚠ Conflict: 2 other copies',
      '2 other events have eventID 5e1c0000-0000-4000-8000-000000000005, each with different content. All are kept; compare them before trusting any.',
      'They differ on sourceIPAddress (2 copies), eventName (1).',
      0,
    ]);
    await compare().click();
    await conflicts().nth(1).waitFor();
    expect(await told()).toEqual([
      ['Other copy 1 of 2', 'Read from copy-a.ndjson, item 0 (counted from 0).', 'The copies disagree on 1 value:', 'sourceIPAddress: "198.51.100.7" here, "203.0.113.9" in the other'],
      [
        'Other copy 2 of 2',
        'Read from copy-c.ndjson, item 0 (counted from 0).',
        'The copies disagree on 2 values:',
        'eventName: "GetObject" here, "DeleteObject" in the other',
        'sourceIPAddress: "198.51.100.7" here, "203.0.113.9" in the other',
      ],
    ]);
    // Each JSON is folded, so that both boxes are in view; opened on request.
    expect(await conflicts().locator('details.copy-json').evaluateAll((folds) => folds.map((fold) => (fold as HTMLDetailsElement).open))).toEqual([false, false]);
    await app.page.setViewportSize({ width: 1360, height: 850 });
    await app.page.screenshot({ path: join(SHOTS, 'conflict-three-copies.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await app.page.screenshot({ path: join(SHOTS, 'conflict-three-copies-960.png') });
    await conflicts().nth(1).getByText('Its JSON').click();
    await conflicts().nth(1).locator('pre').getByText('"eventName": "DeleteObject"').waitFor();
    await app.page.screenshot({ path: join(SHOTS, 'conflict-three-copies-json-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 860 });
    await conflicts().nth(1).getByRole('button', { name: 'Select other copy 2' }).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText('copy-c.ndjson, item 0 (counted from 0)').waitFor();
    // Each event opens with its own facts first: the copies are summed up again, and compared on request.
    expect([await summary().getByTestId('conflict-values').textContent(), await compare().getAttribute('aria-expanded')]).toEqual(['They differ on eventName (2 copies), sourceIPAddress (1).', 'false']);
    await compare().click();
    await conflicts().nth(1).waitFor();
    expect((await told()).map((box) => box.slice(1, 3))).toEqual([
      ['Read from copy-a.ndjson, item 0 (counted from 0).', 'The copies disagree on 1 value:'],
      ['Read from copy-b.ndjson, item 0 (counted from 0).', 'The copies disagree on 2 values:'],
    ]);
    await select('GetObject', '203.0.113.9', '14:00:00');
    await pane().getByRole('region', { name: 'Provenance' }).getByText('copy-a.ndjson, item 0 (counted from 0)').waitFor();
    await compare().click();
    await conflicts().nth(1).waitFor();
    expect((await told()).map((box) => box[1])).toEqual(['Read from copy-b.ndjson, item 0 (counted from 0).', 'Read from copy-c.ndjson, item 0 (counted from 0).']);
    await conflicts().first().getByRole('button', { name: 'Select other copy 1' }).click();
    await pane().getByRole('region', { name: 'Provenance' }).getByText('copy-b.ndjson, item 0 (counted from 0)').waitFor();
  });

  it('lists all three copies, and only them, under Show: events in conflict', async () => {
    const show = app.page.getByRole('combobox', { name: 'Show' }).filter({ has: app.page.getByRole('option', { name: 'all events' }) });
    await show.selectOption('conflicts');
    await app.page.getByTestId('listing-count').filter({ hasText: /^3 of 4 events$/ }).waitFor();
    expect(await app.page.locator('.grid-row').evaluateAll((rows) => rows.map((row) => [row.querySelector('.marks')!.textContent, row.querySelector('.col-eventName')!.textContent, row.querySelector('.col-sourceIp')!.textContent]))).toEqual([
      ['⚠', 'GetObject', '203.0.113.9'],
      ['⚠', 'GetObject', '198.51.100.7'],
      ['⚠', 'DeleteObject', '203.0.113.9'],
    ]);
    await show.selectOption('all');
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });
});

describe("many copies of one eventID: the samples' NDJSON trails, whose 27 events all have the eventID \"1\"", () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  /** Where the outcome and the first pivot end, from the top of the pane's box, beside how tall the pane shows. */
  const firstScreen = () =>
    pane().evaluate((detail) => {
      const top = detail.getBoundingClientRect().top;
      const bottom = (element: Element | null) => (element ? Math.round(element.getBoundingClientRect().bottom - top) : null);
      return { visible: detail.clientHeight, outcome: bottom(detail.querySelector('.outcome')), firstPivot: bottom(detail.querySelector('.pivots button')) };
    });

  beforeAll(async () => {
    app = await launchApp({ evidence: PANTHER_TRAILS.map((name) => join(CORPUS, name)) });
    await newCase(app.page, 'Samples');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await app.page.getByTestId('listing-count').filter({ hasText: /^27 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('opens the first event with its outcome and its first pivot on the first screen of the pane at 960×600, the conflict summed up above them', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await selectNth(page, 0);
    const summary = pane().getByRole('region', { name: 'Conflict' });
    await summary.waitFor();
    // The listing marks the event as before.
    expect(await page.locator('.grid-row[aria-selected="true"] .marks').textContent()).toBe('⚠');
    expect([await summary.locator('h3').textContent(), ...(await summary.locator('p').allTextContents()), await summary.getByRole('button').textContent()]).toEqual([
      '⚠ Conflict: 26 other copies',
      '26 other events have eventID 1, each with different content. All are kept; compare them before trusting any.',
      'They differ on eventTime (25 copies), sourceIPAddress (23), userAgent (15) and 23 more values.',
      '▸ Compare the copies one by one',
    ]);
    // Before, five boxes came first: the outcome ended 2227 px down the pane, the first pivot 2286 px.
    expect(await firstScreen()).toEqual({ visible: 399, outcome: 294, firstPivot: 353 });
    await page.screenshot({ path: join(SHOTS, 'conflict-many-copies-960.png') });
    await page.setViewportSize({ width: 1360, height: 850 });
    await page.screenshot({ path: join(SHOTS, 'conflict-many-copies.png') });
  });

  it('compares the copies one by one on request, from the keyboard, and folds them away again', async () => {
    const { page } = app;
    await selectNth(page, 0);
    const compare = pane().getByRole('button', { name: 'Compare the copies one by one' });
    const copies = pane().getByRole('region', { name: /^Other copy \d+ of 26$/ });
    expect([await compare.getAttribute('aria-expanded'), await copies.count()]).toEqual(['false', 0]);
    await compare.focus();
    await page.keyboard.press('Enter');
    await copies.nth(25).waitFor();
    expect([await compare.getAttribute('aria-expanded'), await copies.count(), await copies.first().locator('h3').textContent(), await copies.first().locator('p').first().textContent()]).toEqual([
      'true',
      26,
      'Other copy 1 of 26',
      `Read from ${join(CORPUS, 'panther-analysis', 'compromised-root-creds.attacker_cloudtrail.ndjson')}, item 0 (counted from 0).`,
    ]);
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.screenshot({ path: join(SHOTS, 'conflict-many-copies-compared-960.png') });
    await page.keyboard.press('Enter');
    await copies.first().waitFor({ state: 'detached' });
    expect(await compare.getAttribute('aria-expanded')).toBe('false');
  });
});
