import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Call as event } from '../fixtures/generators/s3Calls';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { drag } from './dragFiles';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { count, detail, selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
/** The key alice's CreateAccessKey returns; the first evidence holds no event signed with it. */
const NEW_KEY = 'AKIANEWKEY00000000';
const CREATED = event(2, 'alice', 'CreateAccessKey', '203.0.113.9', {
  requestParameters: { userName: 'mallory' },
  responseElements: { accessKey: { accessKeyId: NEW_KEY, status: 'Active', userName: 'mallory' } },
});
const TRAIL = [event(1, 'alice', 'ListBuckets', '203.0.113.9'), CREATED, event(3, 'bob', 'DeleteBucket', '203.0.113.10')];
/** Added later: a copy of the call that says it came from elsewhere, a Lake row of it, and a call signed with the key it created. */
const ALTERED = { ...CREATED, sourceIPAddress: '198.51.100.7' };
const SIGNED = event(4, 'mallory', 'PutBucketPolicy', '198.51.100.7', { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333', accessKeyId: NEW_KEY, userName: 'mallory' } });
/** A session of a role mallory assumed with the created key, and (added later) the call that issued it. */
const SESSION_KEY = 'ASIADEPLOY00000001';
const ISSUER = event(5, 'mallory', 'AssumeRole', '198.51.100.7', {
  userIdentity: SIGNED.userIdentity,
  eventSource: 'sts.amazonaws.com',
  requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/Deploy', roleSessionName: 'mallory' },
  responseElements: { credentials: { accessKeyId: SESSION_KEY, sessionToken: 'redacted', expiration: 'May 1, 2024, 11:05:00 AM' } },
});
const IN_SESSION = event(6, 'mallory', 'GetObject', '198.51.100.7', {
  userIdentity: { type: 'AssumedRole', principalId: 'AROADEPLOY:mallory', arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/mallory', accountId: '111122223333', accessKeyId: SESSION_KEY },
});
const LAKE = `eventtime,eventname,eventid,sourceipaddress\n2024-05-01 10:02:00.000,CreateAccessKey,${CREATED.eventID},203.0.113.9\n`;

/** The synthetic bundle's size: an import long enough for the listing to catch up with it several times (every 2 s). */
const SYNTHETIC = 150_000;

/** Counts the requests the page sends its workers (the query worker's, and the writer's `attach`), by type, from now on. */
const countRequests = (): void => {
  const counts: Record<string, number> = {};
  (window as unknown as { queryRequests: Record<string, number> }).queryRequests = counts;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [StructuredSerializeOptions?]) {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type === 'string') counts[type] = (counts[type] ?? 0) + 1;
    return post.call(this, message, ...rest);
  } as typeof post;
};
const requests = (): Record<string, number> => (window as unknown as { queryRequests: Record<string, number> }).queryRequests;

describe('the detail pane of an event kept selected while evidence is added', () => {
  /** Holds the first evidence (`trail`), picked in the dialog, and what is dropped later, each in its own folder. */
  let evidence: string;
  const folder = (name: string) => join(evidence, name);
  let app: LaunchedApp;
  const pane = () => detail(app.page);
  /** Dropped, the evidence leaves the keyboard where it was. */
  const dropFolder = (name: string) => drag(app.page, [name], ['dragenter', 'dragover', 'drop']);
  const keyLine = () => pane().getByRole('region', { name: 'Response elements' }).locator('li').filter({ hasText: 'accessKey.accessKeyId' });
  /** What the pane says about the call's other copies and the key it created. */
  const facts = async () => ({
    conflicts: await pane().getByTestId('conflict-verdict').allTextContents(),
    copies: await pane().getByRole('region', { name: 'Partial copy' }).locator('h3').allTextContents(),
    key: await keyLine().locator('.param-more').allTextContents(),
  });

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-detail-grows-'));
    for (const name of ['trail', 'more', 'session', 'issuer', 'synthetic']) await mkdir(folder(name));
    await writeFile(join(folder('trail'), 'trail.json'), JSON.stringify({ Records: TRAIL }));
    app = await launchApp({ evidence: [folder('trail')], dropPaths: Object.fromEntries(['more', 'session', 'issuer', 'synthetic'].map((name) => [name, folder(name)])) });
    await newCase(app.page, 'Detail as evidence comes');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await app.page.evaluate(countRequests);
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('shows the conflicting copy, the CSV row and the events signed with the key the new evidence brings, where the investigator was', async () => {
    const { page } = app;
    await selectRow(page, ['CreateAccessKey']);
    expect(await facts()).toEqual({ conflicts: [], copies: [], key: ['no event in the case was signed with it (userIdentity.accessKeyId)'] });
    // The investigator reads the response elements, the keyboard on a pivot there.
    const pivot = keyLine().getByRole('button', { name: `Events with accessKey.accessKeyId = "${NEW_KEY}"` });
    await pivot.focus();
    await page.setViewportSize({ width: 960, height: 600 });
    await keyLine().evaluate((line) => line.scrollIntoView({ block: 'center' }));
    /** How far down the pane's visible part the line read is. */
    const lineTop = () => keyLine().evaluate((line) => Math.round(line.getBoundingClientRect().top - line.closest('.detail')!.getBoundingClientRect().top));
    const before = await lineTop();
    const detailsBefore = (await page.evaluate(requests))['detail'] ?? 0;

    await writeFile(join(folder('more'), 'copy.json'), JSON.stringify({ Records: [ALTERED, SIGNED] }));
    await writeFile(join(folder('more'), 'result_1.csv'), LAKE);
    await dropFolder('more');
    await count(page, '6 events · 1 of them a CSV row of a call counted already');
    await waitForImport(page);

    await expect.poll(facts, { timeout: 5_000 }).toEqual({
      conflicts: ['The copies disagree on 1 value:'],
      copies: ['A CSV row of this event'],
      key: ['events signed with this key'],
    });
    // Read again in place: the line read and the focused pivot stay where they were, the reading not interrupted.
    expect(await lineTop()).toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Events with accessKey.accessKeyId = "${NEW_KEY}"`);
    // Once for the import's end, once for each catch-up before it, never for anything else.
    const asked = await page.evaluate(requests);
    expect((asked['detail'] ?? 0) - detailsBefore).toBe(asked['refresh']);
    await page.screenshot({ path: join(SHOTS, 'detail-grown-960.png') });
    await page.setViewportSize({ width: 1360, height: 850 });
    await pane().evaluate((element) => (element.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, 'detail-grown.png') });
    // What selecting the event afresh shows.
    const grown = await facts();
    await selectRow(page, ['ListBuckets']);
    await selectRow(page, [/CreateAccessKey.*203\.0\.113\.9/]);
    expect(await facts()).toEqual(grown);
  });

  it('traces the session of the event selected once the call that issued its key comes', async () => {
    const { page } = app;
    const chain = () => pane().getByRole('region', { name: 'Role chain' });
    const links = async () => [...(await chain().locator('.chain-none').allTextContents()), ...(await chain().getByRole('listitem').allTextContents())];
    await writeFile(join(folder('session'), 'session.json'), JSON.stringify({ Records: [IN_SESSION] }));
    await dropFolder('session');
    await count(page, '7 events · 1 of them a CSV row of a call counted already');
    await selectRow(page, ['GetObject']);
    await chain().waitFor();
    expect(await links()).toEqual([`The call that issued this temporary key (${SESSION_KEY}) is not in this case.`]);

    await writeFile(join(folder('issuer'), 'issuer.json'), JSON.stringify({ Records: [ISSUER] }));
    await dropFolder('issuer');
    await count(page, '8 events · 1 of them a CSV row of a call counted already');
    await expect.poll(links, { timeout: 5_000 }).toEqual([
      `2024-05-01 10:05:00 UTC AssumeRoleuser/mallory assumed role/Deploy as session malloryevents signed with ${NEW_KEY} → issued ${SESSION_KEY}`,
      `this event, signed with ${SESSION_KEY}`,
    ]);
    const traced = await links();
    await page.setViewportSize({ width: 960, height: 600 });
    await chain().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'detail-chain-grown-960.png') });
    await page.setViewportSize({ width: 1360, height: 850 });
    await selectRow(page, ['ListBuckets']);
    await selectRow(page, ['GetObject']);
    await chain().getByRole('listitem').first().waitFor();
    expect(await links()).toEqual(traced);
  });

  it('reads the selected event again once per catch-up with a long import, never losing the note being typed', async () => {
    const { page } = app;
    await writeSyntheticBundle(folder('synthetic'), SYNTHETIC, 200);
    await selectRow(page, ['PutBucketPolicy']);
    const note = pane().getByRole('textbox', { name: 'Note' });
    await note.focus();
    const start = await page.evaluate(requests);
    await dropFolder('synthetic');
    // A few keys typed after each of the first catch-ups, while the pane is read again under them.
    const typed = ['first ', 'second ', 'third'];
    for (const [i, text] of typed.entries()) {
      await expect.poll(async () => ((await page.evaluate(requests))['refresh'] ?? 0) - (start['refresh'] ?? 0), { timeout: 20_000, interval: 50 }).toBeGreaterThan(i);
      await page.keyboard.type(text);
    }
    await count(page, `${(8 + SYNTHETIC).toLocaleString('en-US')} events · 1 of them a CSV row of a call counted already`);
    await waitForImport(page);
    const asked = await page.evaluate(requests);
    const catchUps = (asked['refresh'] ?? 0) - (start['refresh'] ?? 0);
    expect(catchUps).toBeGreaterThanOrEqual(3);
    expect((asked['detail'] ?? 0) - (start['detail'] ?? 0)).toBe(catchUps);
    expect(await note.inputValue()).toBe(typed.join(''));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Note');
  });
});
