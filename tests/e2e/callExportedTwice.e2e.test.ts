import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { count, detail, rowsWith, selectRow } from './listing';
import { CONSOLE_IP, DELETE_POLICY_TRAIL, LAKE_IP, TWICE_FILES } from '../fixtures/generators/callExportedTwice';

const SHOTS = join(import.meta.dirname, '../../test-results');
/** The console row's actor, its User name: not the end of the Lake row's role session ARN. */
const CONSOLE_ACTOR = /(?<!\/)alice-admin/;

describe("one call exported twice, as the console's download and a CloudTrail Lake result, with no trail file", () => {
  let evidence: string;
  let app: LaunchedApp;
  const copies = () => detail(app.page).getByRole('region', { name: 'Partial copy' });
  const compared = () => copies().locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
  const said = async () => [await copies().locator('h3').textContent(), await copies().getByTestId('copy-verdict').textContent()];
  const provenance = (place: string) => detail(app.page).getByRole('region', { name: 'Provenance' }).getByText(place).waitFor();
  const addEvidence = () => app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-exported-twice-'));
    await writeFile(join(evidence, 'event_history.csv'), TWICE_FILES['event_history.csv']);
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Exported twice');
    await addEvidence();
    await waitForImport(app.page);
    // The Lake result comes in a later import.
    await writeFile(join(evidence, 'result_0f3a.csv.gz'), TWICE_FILES['result_0f3a.csv.gz']);
    await addEvidence();
    await count(app.page, '22 events · 2 of them CSV rows of calls counted already');
    await waitForImport(app.page);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('counts each call once, in the footer and the case figure, and marks the two rows that disagree', async () => {
    expect([await app.page.getByTestId('event-count').textContent(), await app.page.getByTestId('event-count-note').textContent()]).toEqual(['22', '2 of them CSV rows of calls counted already']);
    expect(await rowsWith(app.page, ['AssumeRole']).locator('.marks').allTextContents()).toEqual(['≠', '≠']);
    expect(await rowsWith(app.page, ['DeleteBucketPolicy']).locator('.marks').allTextContents()).toEqual(['✖', '✖']);
  });

  it("shows each row the other as a copy of the same call, compared on the fields both give, and selects it", async () => {
    await selectRow(app.page, ['DeleteBucketPolicy', CONSOLE_ACTOR]);
    await provenance('event_history.csv, item 1 (counted from 0)');
    expect(await said()).toEqual(['Another CSV row of this call', 'The 8 fields both rows give agree: one call, exported twice.']);
    expect(await compared()).toEqual([
      ['Time', '2024-05-01 10:03:40', '2024-05-01 10:03:40.000'],
      ['Event name', 'DeleteBucketPolicy'],
      ['Event source', 's3.amazonaws.com'],
      ['Actor', 'alice-admin', 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin'],
      ['Source IP', CONSOLE_IP],
      ['Region', 'us-east-1'],
      ['Error', 'AccessDenied'],
      ['Access key', 'ASIAADMINSESSION0001'],
    ]);
    await copies().getByRole('button', { name: 'Select the other row' }).click();
    await provenance('result_0f3a.csv.gz, item 0 (counted from 0)');
    expect(await said()).toEqual(['Another CSV row of this call', 'The 8 fields both rows give agree: one call, exported twice.']);

    await selectRow(app.page, ['AssumeRole', CONSOLE_IP]);
    await provenance('event_history.csv, item 2 (counted from 0)');
    expect(await said()).toEqual(['⚠ Another CSV row of this call disagrees with this one', 'The rows disagree on 1 of the 7 fields both give. Compare them before trusting either.']);
    expect(await copies().locator('tr.differs').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([['≠ Source IP', CONSOLE_IP, LAKE_IP]]);
    await app.page.screenshot({ path: join(SHOTS, 'exported-twice-disagrees.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await copies().scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'exported-twice-disagrees-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 850 });
  });

  it('lets the trail’s record, added later, stand for the call its two rows give', async () => {
    await writeFile(join(evidence, 'trail.json'), DELETE_POLICY_TRAIL);
    await addEvidence();
    await count(app.page, '23 events · 3 of them CSV rows of calls counted already');
    await waitForImport(app.page);
    // The trail's record (its time written to the second, the Lake row's to the millisecond) is compared with both rows.
    await selectRow(app.page, [/10:03:40DeleteBucketP/, 'assumed-role']);
    await provenance('trail.json, item 0 (counted from 0)');
    expect(await copies().evaluateAll((boxes) => boxes.map((box) => [box.querySelector('h3')!.textContent, box.querySelector('[data-testid="copy-verdict"]')!.textContent]))).toEqual([
      ['A CSV row of this event', "The 9 fields the row gives agree with the full event's: one event, read twice."],
      ['A CSV row of this event', "The 10 fields the row gives agree with the full event's: one event, read twice."],
    ]);
    await selectRow(app.page, ['DeleteBucketPolicy', CONSOLE_ACTOR]);
    await provenance('event_history.csv, item 1 (counted from 0)');
    expect(await said()).toEqual(['A CSV row of an event the case holds whole', "The 9 fields the row gives agree with the full event's: one event, read twice."]);
    await app.page.getByRole('button', { name: 'Close case' }).click();
    const row = app.page.getByTestId('case-row');
    await row.waitFor();
    expect(await row.locator('td').nth(1).locator('.count-note').textContent()).toBe('3 of them CSV rows of calls counted already');
  });
});
