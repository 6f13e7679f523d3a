import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { drawnLines } from './drawnLines';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { selectRow } from './listing';
import { s3Call as event } from '../fixtures/generators/s3Calls';

const SHOTS = join(import.meta.dirname, '../../test-results');

const ATTACKER = '203.0.113.9';
const OTHER = '198.51.100.7';
const EVENTS = [event(1, 'alice', 'ListBuckets', ATTACKER), event(2, 'alice', 'GetObject', ATTACKER), event(3, 'alice', 'DeleteBucket', ATTACKER), event(4, 'bob', 'ListBuckets', OTHER), event(5, 'bob', 'PutObject', OTHER)];

/** A CloudTrail Lake result row of selected columns, as Lake writes them. */
function lakeRow(e: (typeof EVENTS)[number], ip: string): string {
  const u = e.userIdentity;
  const struct = `{type=${u.type}, principalid=${u.principalId}, arn=${u.arn}, accountid=${u.accountId}, accesskeyid=${u.accessKeyId}, username=${u.userName}, sessioncontext=null, invokedby=null}`;
  return `${e.eventTime.replace('T', ' ').replace('Z', '.000')},${e.eventName},${e.eventID},"${struct}",${ip}`;
}
// Rows of the first, second, fourth and fifth calls; the fourth's gives the attacker's IP where its trail event gives another.
const LAKE = ['eventtime,eventname,eventid,useridentity,sourceipaddress', lakeRow(EVENTS[0]!, ATTACKER), lakeRow(EVENTS[1]!, ATTACKER), lakeRow(EVENTS[3]!, ATTACKER), lakeRow(EVENTS[4]!, OTHER)].join('\n');

describe('a call recorded twice, as a CSV row and as its full event', () => {
  let evidence: string;
  let app: LaunchedApp;
  const footer = () => app.page.getByTestId('listing-count');
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-twice-'));
    await writeFile(join(evidence, 'trail.json'), JSON.stringify({ Records: EVENTS }));
    app = await launchApp({ evidence: [evidence] });
    await newCase(app.page, 'Twice');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    // The Lake result comes in a later import: its rows are linked to events the case held before.
    await writeFile(join(evidence, 'result_1.csv'), LAKE);
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await footer().filter({ hasText: /^9 events/ }).waitFor();
    await waitForImport(app.page);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('says how many of the case’s events are CSV rows of events it also holds in full', async () => {
    await footer().filter({ hasText: /^9 events · 4/ }).waitFor();
    expect(await footer().textContent()).toBe('9 events · 4 of them CSV rows of calls counted already');
    expect([await app.page.getByTestId('event-count').textContent(), await app.page.getByTestId('event-count-note').textContent()]).toEqual(['9', '4 of them CSV rows of calls counted already']);
    await app.page.screenshot({ path: join(SHOTS, 'calls-twice-case.png') });
  });

  it('counts, in a pivot, the rows whose full event the pivot lists too: a row that names the IP its event does not is one call', async () => {
    await selectRow(app.page, ['DeleteBucket']);
    await pane().getByRole('button', { name: `this source IP: ${ATTACKER}` }).click();
    await footer().filter({ hasText: /^6 of 9 events/ }).waitFor();
    expect(await footer().textContent()).toBe('6 of 9 events · 2 of them CSV rows of calls counted already');
    await app.page.screenshot({ path: join(SHOTS, 'calls-twice-pivot.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    await app.page.screenshot({ path: join(SHOTS, 'calls-twice-pivot-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 850 });
    await app.page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await footer().filter({ hasText: /^9 events/ }).waitFor();

    await selectRow(app.page, ['PutObject']);
    await pane().getByRole('button', { name: `this source IP: ${OTHER}` }).click();
    await footer().filter({ hasText: /^3 of 9 events/ }).waitFor();
    expect(await footer().textContent()).toBe('3 of 9 events · 1 of them a CSV row of a call counted already');
    await app.page.getByRole('button', { name: 'Remove filter Source IP' }).click();
    await footer().filter({ hasText: /^9 events/ }).waitFor();
  });

  it('counts them under a Show choice too: the disagreeing row and its event are one call', async () => {
    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('conflicts');
    await footer().filter({ hasText: /^2 of 9 events/ }).waitFor();
    expect(await footer().textContent()).toBe('2 of 9 events · 1 of them a CSV row of a call counted already');
    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    await footer().filter({ hasText: /^0 of 9 events/ }).waitFor();
    expect(await footer().textContent()).toBe('0 of 9 events');
    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await footer().filter({ hasText: /^9 events/ }).waitFor();
  });

  it('says it on the start screen beside the case’s events', async () => {
    await app.page.getByRole('button', { name: 'Close case' }).click();
    const row = app.page.getByTestId('case-row');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('94 of them CSV rows of calls counted already');
    expect(await row.locator('td').nth(1).locator('.count-note').textContent()).toBe('4 of them CSV rows of calls counted already');
    // The note under the count in lines of even length, three at 960 px, not a word or two a line; the table within the window.
    const note = row.locator('.count-note');
    const within = () => app.page.locator('.case-list').evaluate((table) => [table.scrollWidth, table.clientWidth, document.documentElement.scrollWidth]);
    expect(await drawnLines(note)).toEqual(['4 of them CSV rows of', 'calls counted already']);
    expect(await within()).toEqual([1100, 1100, 1360]);
    await app.page.screenshot({ path: join(SHOTS, 'calls-twice-start.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 850 }));
    expect(await drawnLines(note)).toEqual(['4 of them CSV', 'rows of calls', 'counted already']);
    expect(await within()).toEqual([928, 928, 960]);
    await app.page.screenshot({ path: join(SHOTS, 'calls-twice-start-960.png') });
  });
});
