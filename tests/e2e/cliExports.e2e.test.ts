import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ACCOUNT, assumeRole, EXPORT_FILES, OTHER_ACCOUNT } from '../fixtures/generators/cliExports';
import { caseWithEvidence, type LaunchedApp } from './harness';
import { selectRow } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');
const TRAIL = '"arn:aws:cloudtrail:us-east-1:444455556666:trail/org-trail"';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

describe('an investigation from CLI, CloudWatch Logs and console exports: lookup-events, a log export, filter-log-events, the console download, an event, an array, NDJSON', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  const rows = () => app.page.locator('.grid-row');
  /** The listed rows' time, event, service and actor. */
  const listed = async () => Promise.all((await rows().all()).map(async (row) => (await row.locator('> *').allTextContents()).slice(1, 5).join(' | ')));
  /** alice's events: her two failed sign-ins without an ARN (by principal ID, by name), then those under her ARN. */
  const ALICE_ROWS = [
    '2024-06-01 09:57:40 | ConsoleLogin | signin | AIDAALICE0000000001',
    '2024-06-01 09:58:12 | ConsoleLogin | signin | alice',
    '2024-06-01 09:59:30 | ConsoleLogin | signin | user/alice',
    '2024-06-01 10:02:00 | AssumeRole | sts | user/alice',
    '2024-06-01 10:11:00 | GetCallerIdentity | sts | user/alice',
  ];
  const select = (...texts: string[]) => selectRow(app.page, texts);
  /** Waits for the listing to show `n` events, of `total` in the case when a filter narrows it. */
  const count = (n: number, total?: number) => app.page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${n}${total === undefined ? '' : ` of ${total}`} events?$`) }).waitFor();
  const original = () => pane().getByRole('region', { name: 'Original JSON' });

  beforeAll(async () => {
    app = await caseWithEvidence('CLI exports', EXPORT_FILES);
    await count(15);
  });
  afterAll(() => app.close());

  it('lists every event of every format in time order, each time as written, errors and the failed sign-in marked, the VPC endpoint caller named', async () => {
    const cells = await Promise.all((await rows().all()).map(async (row) => [await row.getAttribute('class'), ...(await row.locator('> *').allTextContents()).slice(1)].join(' | ')));
    expect(cells).toEqual([
      'grid-row failed | 2024-06-01 09:57:40 | ConsoleLogin | signin | AIDAALICE0000000001 | 198.51.100.23 | us-east-1 | Failed authentication',
      'grid-row failed | 2024-06-01 09:57:55 | ConsoleLogin | signin | HIDDEN_DUE_TO_SECURITY_REASONS | 198.51.100.23 | us-east-1 | Failed authentication',
      'grid-row failed | 2024-06-01 09:58:12 | ConsoleLogin | signin | alice | 198.51.100.23 | us-east-1 | Failed authentication',
      'grid-row failed | 2024-06-01 09:58:30 | ConsoleLogin | signin | alice | 198.51.100.23 | us-east-1 | Failed authentication',
      'grid-row | 2024-06-01 09:59:30 | ConsoleLogin | signin | user/alice | 203.0.113.77 | us-east-1 | —',
      'grid-row | 2024-06-01 10:02:00 | AssumeRole | sts | user/alice | 203.0.113.77 | us-east-1 | —',
      'grid-row | 2024-06-01 10:03:15.123 | StopLogging | cloudtrail | assumed-role/Admin/alice-admin | 203.0.113.77 | us-east-1 | —',
      'grid-row failed | 2024-06-01 10:04:00 | DeleteTrail | cloudtrail | assumed-role/Admin/alice-admin | 203.0.113.77 | eu-west-1 | AccessDenied',
      'grid-row | 2024-06-01 10:05:00 | RotateKey | kms | kms.amazonaws.com | — | us-east-1 | —',
      'grid-row | 2024-06-01 10:06:00 | UpdateAccountContactInfo | account | assumed-role/Admin/alice-admin | 203.0.113.77 | us-east-1 | —',
      `grid-row failed | 2024-06-01 10:07:00 | GetObject | s3 | ${OTHER_ACCOUNT} | 10.0.3.17 | us-east-1 | VpceAccessDenied`,
      'grid-row | 2024-06-01 10:08:00 | StopLogging (Insight) | cloudtrail | — | — | us-east-1 | —',
      'grid-row | 2024-06-01 10:09:30 | PutBucketPolicy | s3 | assumed-role/Admin/alice-admin | 203.0.113.77 | us-east-1 | —',
      'grid-row | 2024-06-01 10:10:00.5 | ListBuckets | s3 | assumed-role/Admin/alice-admin | 203.0.113.77 | us-east-1 | —',
      'grid-row | 2024-06-01 10:11:00 | GetCallerIdentity | sts | user/alice | 203.0.113.77 | us-east-1 | —',
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-listing.png') });
    await select('GetObject');
    await pane().getByRole('button', { name: `this actor: ${OTHER_ACCOUNT}` }).click();
    await count(1, 15);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(15);
  });

  it("pivots on alice's ARN to her failed sign-ins too, which CloudTrail wrote without it, and says so; never another account's alice nor a hidden user name", async () => {
    await select('ConsoleLogin', '09:59:30');
    await pane().getByRole('button', { name: `this actor: ${ALICE}` }).click();
    await count(5, 15);
    expect(await listed()).toEqual(ALICE_ROWS);
    const note = `with 1 event naming only alice and 1 event naming only its principal ID AIDAALICE0000000001 (IAMUser, account ${ACCOUNT}, no ARN)`;
    expect(await app.page.locator('.chip').allTextContents()).toEqual([`Actor: ${ALICE}${note}×`]);
    expect(await app.page.locator('.chip-note').getAttribute('title')).toBe(`${ALICE}, ${note}`);
    // The event being read stays selected; the failed sign-in's own pivot is on its name, as written.
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-actor-alias.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-actor-alias-960.png') });
    await select('ConsoleLogin', '09:58:12');
    await pane().getByRole('button', { name: `this actor in account ${ACCOUNT}: alice` }).click();
    await count(1, 15);
    expect(await app.page.locator('.chip-note').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await app.page.getByRole('button', { name: 'Remove filter Account' }).click();
    await count(15);
  });

  it("starts from a failed sign-in naming only alice, or only her principal ID, and pivots to her ARN: the failed attempts, then her sign-in and calls; another account's alice and the hidden name name no user", async () => {
    const show = app.page.getByRole('combobox', { name: 'Show' });
    await show.selectOption('failed');
    await count(6, 15);
    const actorPivots = () => pane().getByRole('region', { name: 'Pivots' }).getByRole('button', { name: /^this (actor|user)/ });
    /** The actor pivots once the case has said which users the event names. */
    const offered = async () => {
      await pane().locator('.actor-pivots[aria-busy="false"]').waitFor();
      return actorPivots().evaluateAll((buttons) => buttons.map((b) => `${b.textContent} (${b.getAttribute('title')})`));
    };
    await select('ConsoleLogin', '09:58:12');
    await pane().getByRole('button', { name: 'this user: user/alice' }).waitFor();
    expect(await offered()).toEqual([`this actor in account ${ACCOUNT}: alice (alice)`, `this user: user/alice (${ALICE})`]);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-failed-to-user.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-failed-to-user-960.png') });
    await app.page.setViewportSize({ width: 1360, height: 860 });

    await pane().getByRole('button', { name: 'this user: user/alice' }).click();
    // Still only the failed calls: her two failed attempts, by name and by principal ID.
    await count(2, 15);
    expect(await listed()).toEqual(['2024-06-01 09:57:40 | ConsoleLogin | signin | AIDAALICE0000000001', '2024-06-01 09:58:12 | ConsoleLogin | signin | alice']);
    await show.selectOption('all');
    await count(5, 15);
    expect(await listed()).toEqual(ALICE_ROWS);
    expect(await app.page.locator('.chip').allTextContents()).toEqual([
      `Actor: ${ALICE}with 1 event naming only alice and 1 event naming only its principal ID AIDAALICE0000000001 (IAMUser, account ${ACCOUNT}, no ARN)×`,
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-failed-to-user-listing.png') });
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(15);

    // By her principal ID alone: her ARN's events give that ID.
    await select('ConsoleLogin', '09:57:40');
    await pane().getByRole('button', { name: 'this user: user/alice' }).waitFor();
    expect(await offered()).toEqual([`this actor in account ${ACCOUNT}: AIDAALICE0000000001 (AIDAALICE0000000001)`, `this user: user/alice (${ALICE})`]);
    // From the name in its account, then on to the user: the Account filter goes with the name's pivot.
    await select('ConsoleLogin', '09:58:12');
    await pane().getByRole('button', { name: `this actor in account ${ACCOUNT}: alice` }).click();
    await count(1, 15);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Actor: alice×', `Account: ${ACCOUNT}×`]);
    await pane().getByRole('button', { name: 'this user: user/alice' }).click();
    await count(5, 15);
    expect(await app.page.locator('.chip .mono').allTextContents()).toEqual([ALICE]);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(15);

    // Another account's alice: its account has no user alice in the case. The hidden name is no user's.
    await select('ConsoleLogin', '09:57:55');
    expect(await offered()).toEqual([`this actor in account ${ACCOUNT}: HIDDEN_DUE_TO_SECURITY_REASONS (HIDDEN_DUE_TO_SECURITY_REASONS)`]);
    await select('ConsoleLogin', '09:58:30');
    expect(await offered()).toEqual([`this actor in account ${OTHER_ACCOUNT}: alice (alice)`]);
    await pane().getByRole('button', { name: `this actor in account ${OTHER_ACCOUNT}: alice` }).click();
    await count(1, 15);
    expect(await listed()).toEqual(['2024-06-01 09:58:30 | ConsoleLogin | signin | alice']);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await app.page.getByRole('button', { name: 'Remove filter Account' }).click();
    await count(15);
  });

  it("takes the Account filter of 'this actor in account' away with the next actor pivot, even once its Actor chip was removed, so no other actor's events are hidden by it", async () => {
    const chips = () => app.page.locator('.chip').allTextContents();
    await select('ConsoleLogin', '09:58:12');
    await pane().getByRole('button', { name: `this actor in account ${ACCOUNT}: alice` }).click();
    await count(1, 15);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(14, 15);
    expect(await chips()).toEqual([`Account: ${ACCOUNT}×`]);
    await select('AssumeRole');
    await pane().getByRole('button', { name: `this actor: ${ALICE}` }).click();
    await count(5, 15);
    expect(await chips()).toEqual([`Actor: ${ALICE}with 1 event naming only alice and 1 event naming only its principal ID AIDAALICE0000000001 (IAMUser, account ${ACCOUNT}, no ARN)×`]);
    await app.page.getByRole('button', { name: 'Remove filter Actor' }).click();
    await count(15);
  });

  it('says near the top of the pane whether the call failed and why: by errorCode and errorMessage, a failed sign-in by why, a success quietly, an Insights event not at all', async () => {
    const outcome = () => pane().getByRole('region', { name: 'Outcome' });
    const said = async () => [await outcome().getAttribute('class'), await outcome().locator('.outcome-summary').textContent(), ...(await outcome().locator('dl > div').allTextContents())];
    await select('DeleteTrail');
    expect(await said()).toEqual(['outcome failed', 'Failed: AccessDenied', 'Error messageUser is not authorized to perform: cloudtrail:DeleteTrail']);
    // Before the sections below it: what happened comes before who did it.
    expect(await pane().locator('> section').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')).slice(0, 3))).toEqual(['Outcome', 'Pivots', 'Identity']);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-outcome-denied.png') });
    await select('GetObject');
    expect(await said()).toEqual(['outcome failed', 'Failed: VpceAccessDenied', 'Error messageThe request was denied by the VPC endpoint policy']);
    await select('ConsoleLogin', 'Failed authentication');
    expect(await said()).toEqual(['outcome failed', 'Sign-in failed', 'Error messageFailed authentication', 'MFA usedNo', 'Signing in tohttps://console.aws.amazon.com/']);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-outcome-signin.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-outcome-signin-960.png') });
    await select('ConsoleLogin', '09:59:30');
    expect(await said()).toEqual(['outcome succeeded', 'Sign-in succeeded']);
    await select('StopLogging', '10:03:15.123');
    expect(await said()).toEqual(['outcome succeeded', 'Succeeded (no error code)']);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-outcome-succeeded-960.png') });
    await select('StopLogging (Insight)');
    await pane().getByRole('region', { name: 'Insight' }).waitFor();
    expect(await outcome().count()).toBe(0);
  });

  it("shows a lookup-events event's JSON as its CloudTrailEvent string reads, and says that the file holds it escaped", async () => {
    await select('AssumeRole');
    expect(await original().locator('.text-note').allTextContents()).toEqual([
      'In the file, this JSON is the CloudTrailEvent string of an item of aws cloudtrail lookup-events output, written with its quotes escaped (\\"): it is shown as that string reads, and the raw view is that text, not the file’s characters.',
    ]);
    expect(await pane().getByRole('region', { name: 'Provenance' }).locator('dd').first().textContent()).toMatch(/\/lookup-v1\.json, item 0 \(counted from 0\)$/);
    await original().getByRole('button', { name: 'Raw (unescaped)' }).click();
    expect(await pane().getByTestId('event-json').textContent()).toBe(JSON.stringify(assumeRole));
    await original().scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-lookup-raw.png') });
    await original().getByRole('button', { name: 'Pretty' }).click();
    // A trail file's event is the file's own text.
    await select('UpdateAccountContactInfo');
    expect(await original().locator('.text-note').count()).toBe(0);
    await original().getByRole('button', { name: 'Raw (as in the file)' }).waitFor();
  });

  it('says in "Where it came from" what held an event read out of a value, and shows that holder as in the file: a log event, a lookup-events item, an export line; nothing for a trail file', async () => {
    const provenance = () => pane().getByRole('region', { name: 'Provenance' });
    const facts = async () => Promise.all((await provenance().locator('dl > div').all()).map(async (pair) => (await pair.locator('dt, dd').allTextContents()).join(': ')));
    const asInFile = (file: string, from: string): string => {
      const text = EXPORT_FILES[file]!;
      const start = text.lastIndexOf('{', text.indexOf(from));
      return text.slice(start, text.indexOf('\n        }', start) + 10);
    };
    await select('StopLogging', '10:03:15.123');
    expect((await facts()).slice(1, 7)).toEqual([
      'Held in: an event of aws logs filter-log-events output (CloudWatch Logs)',
      `logStreamName: ${ACCOUNT}_CloudTrail_us-east-1`,
      'timestamp: 2024-06-01 10:03:15.123 UTC (1717236195123)',
      'ingestionTime: 2024-06-01 10:04:15.123 UTC (1717236255123)',
      'eventId: 37880000000000000000000000000000000000000000000000000000',
      'SHA-256: ' + (await provenance().locator('dd.hash').first().textContent()),
    ]);
    await original().getByRole('button', { name: 'As in the file', exact: true }).click();
    expect(await pane().getByTestId('event-json').textContent()).toBe(asInFile('filter-log-events.json', '"logStreamName"'));
    expect(await original().locator('.text-note').allTextContents()).toEqual([
      'As in the file: an event of aws logs filter-log-events output (CloudWatch Logs), character for character, with the event’s JSON in it as the file writes it.',
    ]);
    for (const [width, height] of [[1360, 850], [960, 600]] as const) {
      await app.page.setViewportSize({ width, height });
      await provenance().scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: join(SHOTS, `cli-exports-as-in-file-${width}.png`) });
    }
    await app.page.setViewportSize({ width: 1360, height: 860 });

    await select('AssumeRole');
    expect((await facts()).slice(1, 10)).toEqual([
      'Held in: an item of aws cloudtrail lookup-events output',
      'EventId: e0000000-0000-4000-8000-000000000003',
      'EventName: AssumeRole',
      'ReadOnly: true',
      'AccessKeyId: AKIAALICE0000000001',
      'EventTime: 2024-06-01 10:02:00.000 UTC (1717236120)',
      'EventSource: sts.amazonaws.com',
      'Username: alice',
      'Resources: []',
    ]);
    await original().getByRole('button', { name: 'As in the file', exact: true }).click();
    expect(await pane().getByTestId('event-json').textContent()).toBe(asInFile('lookup-v1.json', '"EventId"'));
    for (const [width, height] of [[1360, 850], [960, 600]] as const) {
      await app.page.setViewportSize({ width, height });
      await pane().getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: join(SHOTS, `cli-exports-copy-as-in-file-${width}.png`) });
    }
    await app.page.setViewportSize({ width: 1360, height: 860 });
    // The copy is of what the view shows, and its button says so; back in the event's own view, of the event's JSON.
    const copied = app.clipboard.length;
    await pane().getByRole('button', { name: 'Copy as in the file' }).click();
    await expect.poll(() => app.clipboard.length).toBe(copied + 1);
    expect(app.clipboard[copied]).toBe(asInFile('lookup-v1.json', '"EventId"'));
    await original().getByRole('button', { name: 'Raw (unescaped)' }).click();
    await pane().getByRole('button', { name: 'Copy JSON' }).click();
    await expect.poll(() => app.clipboard.length).toBe(copied + 2);
    expect(app.clipboard[copied + 1]).toBe(JSON.stringify(assumeRole));

    await select('RotateKey');
    expect((await facts()).slice(1, 3)).toEqual(['Held in: a line of a CloudWatch Logs export', 'line’s timestamp: 2024-06-01T10:05:00.000Z']);
    await original().getByRole('button', { name: 'As in the file', exact: true }).click();
    expect(await pane().getByTestId('event-json').textContent()).toBe(EXPORT_FILES['cw-export.txt']!.split('\n').find((line) => line.includes('RotateKey')));

    await select('UpdateAccountContactInfo');
    expect((await facts()).map((fact) => fact.split(':')[0])).toEqual(['File', 'SHA-256']);
    expect(await original().getByRole('button').allTextContents()).toEqual(['Raw (as in the file)']);
  });

  it('tells who signed a filter-log-events event and how its session came to be from the AssumeRole in lookup-events, and pivots on its session and a request parameter', async () => {
    await select('StopLogging', '10:03:15.123');
    expect(await original().locator('.text-note').allTextContents()).toEqual([
      'In the file, this JSON is the message string of an event of aws logs filter-log-events output, written with its quotes escaped (\\"): it is shown as that string reads, and the raw view is that text, not the file’s characters.',
    ]);
    const who = await pane().getByRole('region', { name: 'Identity' }).locator('dl > div').allTextContents();
    expect(who).toEqual([
      'TypeAssumedRole',
      'Principalarn:aws:sts::444455556666:assumed-role/Admin/alice-admin',
      'Account444455556666',
      'Access keyASIAADMIN0000000001 (temporary: a session)',
      'Authenticated with MFAyes',
      'Session created2024-06-01 10:02:00 UTC',
      'Session namealice-admin',
      'Session issuerRole arn:aws:iam::444455556666:role/Admin',
    ]);
    const chain = pane().getByRole('region', { name: 'Role chain' });
    await chain.getByRole('listitem').first().waitFor();
    expect(await chain.getByRole('listitem').allTextContents()).toEqual([
      '2024-06-01 10:02:00 UTC AssumeRoleuser/alice assumed role/Admin as session alice-adminevents signed with AKIAALICE0000000001 → issued ASIAADMIN0000000001',
      'this event, signed with ASIAADMIN0000000001',
    ]);
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-who.png') });
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    await chain.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: join(SHOTS, 'cli-exports-who-960.png') });

    await pane().getByRole('button', { name: 'this session (temporary key): ASIAADMIN0000000001' }).click();
    await count(5, 15);
    expect(await rows().locator('.col-eventName').allTextContents()).toEqual(['StopLogging', 'DeleteTrail', 'UpdateAccountContactInfo', 'PutBucketPolicy', 'ListBuckets']);
    await app.page.getByRole('button', { name: 'Remove filter Session' }).click();
    await count(15);
    await select('StopLogging', '10:03:15.123');
    await pane().getByRole('button', { name: `Events with name = ${TRAIL}` }).click();
    await count(1, 15);
    expect(await app.page.locator('.chip').allTextContents()).toEqual([`Parameter name: ${TRAIL}×`]);
  });
});

describe("another account's caller named by its principal ID", () => {
  let app: LaunchedApp;
  const call = (n: number, accountId: string) =>
    JSON.stringify({
      eventVersion: '1.08', userIdentity: { type: 'AWSAccount', principalId: 'AIDAEXAMPLE', accountId }, eventTime: `2024-06-01T10:0${n}:00Z`, eventSource: 's3.amazonaws.com',
      eventName: 'GetObject', awsRegion: 'us-east-1', sourceIPAddress: '192.0.2.1', eventID: `a0000000-0000-4000-8000-00000000000${n}`, eventType: 'AwsApiCall', recipientAccountId: ACCOUNT,
    });
  const count = (n: number, total?: number) => app.page.getByTestId('listing-count').filter({ hasText: new RegExp(`^${n}${total === undefined ? '' : ` of ${total}`} events?$`) }).waitFor();

  beforeAll(async () => {
    // The same principal ID in two accounts: two callers, told apart by their accounts.
    app = await caseWithEvidence('AWSAccount caller', { 'calls.ndjson': `${call(1, '111122223333')}\n${call(2, OTHER_ACCOUNT)}\n` });
    await count(2);
  });
  afterAll(() => app.close());

  it('lists the caller with its account, and pivots on that caller alone', async () => {
    expect(await app.page.locator('.grid-row .col-actor').allTextContents()).toEqual(['111122223333:AIDAEXAMPLE', `${OTHER_ACCOUNT}:AIDAEXAMPLE`]);
    await selectRow(app.page, ['10:01:00']);
    const pane = app.page.getByRole('complementary', { name: 'Event detail' });
    await pane.getByRole('button', { name: 'this actor: 111122223333:AIDAEXAMPLE' }).click();
    await count(1, 2);
    expect(await app.page.locator('.chip').allTextContents()).toEqual(['Actor: 111122223333:AIDAEXAMPLE×']);
  });
});
