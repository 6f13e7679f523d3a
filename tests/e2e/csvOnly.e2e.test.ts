import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CONSOLE_CSV, CONSOLE_EVENT_CSV, LAKE_CSV, LAKE_SELECTED_CSV } from '../fixtures/generators/csvExports';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { reachRow, selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');

describe('an investigation from CSV exports only: Lake results of SELECT * and of some columns, console downloads with and without the event', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const rows = () => app.page.locator('.grid-row');
  const rowWith = <T,>(texts: string[], reach: (row: Locator) => Promise<T>): Promise<T> => reachRow(app.page, texts, reach);
  const select = (...texts: string[]) => selectRow(app.page, texts);
  const count = (text: string) => app.page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();

  beforeAll(async () => {
    app = await caseWithEvidence('CSV only', { 'result_0a1b.csv': LAKE_CSV, 'event_history.csv': CONSOLE_CSV, 'result_5e1e.csv': LAKE_SELECTED_CSV, 'event_history_full.csv': CONSOLE_EVENT_CSV });
    await count('55 events');
  });
  afterAll(() => app.close());

  it("marks a Lake row's failed console sign-in, which only its responseelements map says", async () => {
    const failed = (row: Locator) => Promise.all([row.getAttribute('class', { timeout: 2_000 }), row.locator('.col-errorCode').textContent({ timeout: 2_000 })]);
    expect(await rowWith(['ConsoleLogin', '10:00:12.000'], failed)).toEqual(['grid-row failed', 'Failed authentication']);
    expect(await rowWith(['ConsoleLogin', '10:01:30.000'], (row) => row.locator('.col-errorCode').textContent({ timeout: 2_000 }))).toBe('—');
  });

  it("tells who acted from the useridentity struct's session context, and how the session came to be from the AssumeRole row", async () => {
    await select('DeleteBucketPolicy', 'eu-west-1');
    const who = await pane().getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents();
    expect(who).toEqual([
      'TypeAssumedRole',
      'Principalarn:aws:sts::111122223333:assumed-role/Admin/alice-admin',
      'Account111122223333',
      'Access keyASIAADMINSESSION0001 (temporary: a session)',
      'Authenticated with MFAyes',
      'Session created2024-05-01 10:02:00.000 UTC',
      'Session namealice-admin',
      'Session issuerRole arn:aws:iam::111122223333:role/Admin',
      'Source identityalice',
    ]);
    const chain = pane().getByRole('region', { name: 'Role chain' });
    await chain.getByRole('listitem').first().waitFor();
    expect(await chain.getByRole('listitem').allTextContents()).toEqual([
      '2024-05-01 10:02:00.000 UTC AssumeRoleuser/alice assumed role/Admin as session alice-adminevents signed with ASIAALICECONSOLE0001 → issued ASIAADMINSESSION0001',
      'this event, signed with ASIAADMINSESSION0001',
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'csv-lake-who.png') });
  });

  it("pivots on a value of a Lake row's requestparameters map", async () => {
    await select('PutObject');
    const params = pane().getByRole('region', { name: 'Request parameters' });
    const [paths, values] = await Promise.all([params.locator('.param-path').allTextContents(), params.locator('.param-value').allTextContents()]);
    expect(paths.map((path, i) => `${path} = ${values[i]}`)).toEqual([
      'bucketName = "exfil-drop-7731"',
      'Host = "exfil-drop-7731.s3.eu-west-1.amazonaws.com"',
      'key = "payroll.tar.gz"',
      'x-amz-server-side-encryption = "AES256"',
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'csv-lake-params.png') });
    await select('GetObject', '10:04:00.117');
    await pane().getByRole('button', { name: 'Events with bucketName = "finance-reports"' }).click();
    await count('25 of 55 events');
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Parameter bucketName: "finance-reports"×']);
    expect((await rows().locator('.col-eventName').allTextContents()).slice(0, 3)).toEqual(['DeleteBucketPolicy', 'GetObject', 'GetObject']);
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await app.page.screenshot({ path: join(SHOTS, 'csv-lake-params-960.png') });
  });

  it("tells a row's empty cells, which say the event had none, from columns its export did not select, which say nothing", async () => {
    const section = (name: string) => pane().getByRole('region', { name });
    const said = async () => ({
      note: (await pane().getByTestId('event-cell-note').allTextContents()).join(''),
      outcome: await section('Outcome').locator('.outcome-summary').textContent(),
      who: await section('Identity').locator('dl > div').allTextContents(),
      params: await section('Request parameters').locator('p').allTextContents(),
    });
    await app.page.locator('.chip button').click();
    await count('55 events');
    // A Lake result of some columns: a call without parameters, and an unauthenticated one.
    await select('GetCallerIdentity', '10:12:00.000');
    expect((await said()).params).toEqual(['None in this row (the export’s requestparameters column is empty)']);
    await select('GetBucketAcl');
    expect(await said()).toEqual({ note: '', outcome: 'Failed: AccessDenied', who: ['IdentityNone in this row (the export’s useridentity column is empty)'], params: [] });
    await app.page.screenshot({ path: join(SHOTS, 'csv-empty-cells.png') });
    // The console download without the event's JSON has no column of request parameters.
    await select('CreateAccessKey');
    expect((await said()).params).toEqual(['Not in this export: its columns do not include requestParameters']);
    // The console download with a CloudTrail event column, this row's cell empty: read from its other columns.
    await select('GetBucketPolicy');
    expect(await said()).toEqual({
      note: 'This row’s CloudTrail event cell is empty: what is shown here is read from its other columns, which give only some of the event’s fields.',
      outcome: 'Failed: AccessDenied',
      who: ['IdentityNone in this row (the export’s User name and AWS access key columns are empty)'],
      params: ['Not in this row: this row’s CloudTrail event cell is empty, and the export’s other columns do not include requestParameters'],
    });
    await app.page.screenshot({ path: join(SHOTS, 'csv-empty-event-cell.png') });
    // The selected row, in view at 1360 × 860, stays in view, whole, below the header, when the window shrinks.
    const placeOfSelected = () => app.page.evaluate(() => {
      const box = document.querySelector('.grid-scroll')!.getBoundingClientRect();
      const header = document.querySelector('.grid-header')!.getBoundingClientRect();
      const row = document.querySelector('.grid-row.selected')?.getBoundingClientRect();
      return row ? row.top >= header.bottom && row.bottom <= box.bottom : 'not drawn';
    });
    expect(await placeOfSelected()).toBe(true);
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await expect.poll(placeOfSelected).toBe(true);
    await section('Identity').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'csv-empty-event-cell-960.png') });
  });
});
