import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { INSIGHT_END } from '../fixtures/generators/insightEvents';
import { drawnColumns, drawnLines, selectedText } from './drawnLines';
import type { Locator } from 'playwright-core';
import { caseWithEvidence, type LaunchedApp } from './harness';

const SHOTS = join(import.meta.dirname, '../../test-results');

/**
 * A zone whose name is about as long as the names Chromium gives zones get (it names a zone by
 * its ICU id: America/Argentina/ComodRivadavia shows as America/Catamarca).
 */
const LONG_ZONE = 'America/North_Dakota/New_Salem';

const call = (n: number, eventName: string, userIdentity: Record<string, unknown>) => ({
  eventVersion: '1.08',
  userIdentity,
  eventTime: `2024-06-01T10:0${n}:00Z`,
  eventSource: 'iam.amazonaws.com',
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.50',
  eventID: `00000000-0000-4000-8000-00000000000${n}`,
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
});

const ASSUMED_ROLE_ARN = 'arn:aws:sts::111122223333:assumed-role/IncidentResponseReadOnlyAccessRole/botocore-session-1717236000123456789';

/** An IAM Identity Center (SSO) sign-in's role session: underscores in the role, hyphens in the user's e-mail address. */
const SSO_ROLE = 'AWSReservedSSO_AdministratorAccess_0123abcd';
const SSO_ARN = `arn:aws:sts::111122223333:assumed-role/${SSO_ROLE}/alice-smith@example.com`;

const RECORDS = [
  INSIGHT_END,
  call(1, 'CreateAccessKey', { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'alice' }),
  call(2, 'ListUsers', {
    type: 'AssumedRole',
    arn: ASSUMED_ROLE_ARN,
    accountId: '111122223333',
    accessKeyId: 'ASIAQNZGKIQY56JQ7WML',
  }),
  call(3, 'DeleteRole', {
    type: 'AssumedRole',
    principalId: 'AROA3EXAMPLE5SSO7ROLE:alice-smith@example.com',
    arn: SSO_ARN,
    accountId: '111122223333',
    accessKeyId: 'ASIA3EXAMPLE5SSO7KEY',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROA3EXAMPLE5SSO7ROLE', arn: `arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`, accountId: '111122223333', userName: SSO_ROLE },
      attributes: { creationDate: '2024-06-01T09:58:00Z', mfaAuthenticated: 'false' },
    },
  }),
];

describe('the explorer in the smallest window (960×600) and a wide one', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  /** The lines of each value of the Who section, for the event listed as `name`. */
  const whoLines = async (name: string): Promise<string[][]> => {
    await app.page.locator('.grid-row .col-eventName').getByText(name, { exact: true }).click();
    await pane().getByRole('heading', { name, exact: true }).waitFor();
    const who = pane().getByRole('region', { name: 'Identity' });
    await who.scrollIntoViewIfNeeded();
    return Promise.all((await who.locator('dd').all()).map(drawnLines));
  };
  /** Whether any value of the Who section, or the pane itself, is wider than its box. */
  const overflows = () => pane().evaluate((detail) => [detail, ...detail.querySelectorAll('dd')].some((element) => element.scrollWidth > element.clientWidth));

  beforeAll(async () => {
    app = await caseWithEvidence('Small window', { 'trail.json': JSON.stringify({ Records: RECORDS }) }, { timezoneId: LONG_ZONE });
    await app.page.getByTestId('listing-count').filter({ hasText: /^4 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it("breaks the Who section between words at 960×600, a long ARN after its ':', '/' and '_' first, and a hyphenated name only where it is wider than the column", async () => {
    await app.page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    expect(await whoLines('RunInstances (Insight)')).toEqual([["none by design: an Insights", "event is CloudTrail's report of", 'unusual activity (its top', 'callers are under Insight)']]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-insight-960.png') });
    expect(await whoLines('CreateAccessKey')).toEqual([
      ['IAMUser'],
      ['arn:aws:iam::111122223333:', 'user/alice'],
      ['alice'],
      ['111122223333'],
      ['AKIAIOSFODNN7EXAMPLE', '(long-term key)'],
    ]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-long-term-key-960.png') });
    expect(await whoLines('ListUsers')).toEqual([
      ['AssumedRole'],
      // A part wider than the column is broken where it must: the session name at its hyphen, the role's name inside it.
      ['arn:aws:sts::111122223333:', 'assumed-role/', 'IncidentResponseReadOnlyAc', 'cessRole/', 'botocore-session-', '1717236000123456789'],
      ['111122223333'],
      ['ASIAQNZGKIQY56JQ7WML', '(temporary: a session)'],
      ['botocore-session-', '1717236000123456789'],
    ]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-session-960.png') });
    expect(await whoLines('DeleteRole')).toEqual([
      ['AssumedRole'],
      ['arn:aws:sts::111122223333:', 'assumed-role/', 'AWSReservedSSO_', 'AdministratorAccess_', '0123abcd/', 'alice-smith@example.com'],
      ['111122223333'],
      ['ASIA3EXAMPLE5SSO7KEY', '(temporary: a session)'],
      ['no'],
      ['2024-06-01 09:58:00 UTC'],
      ['alice-smith@example.com'],
      ['Role arn:aws:iam::', '111122223333:role/', 'aws-reserved/', 'sso.amazonaws.com/', 'AWSReservedSSO_', 'AdministratorAccess_', '0123abcd'],
    ]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-sso-session-960.png') });
  });

  it('breaks it between words, and ARNs at their separators, in a wide window too; the values copy as written', async () => {
    await app.page.setViewportSize({ width: 1600, height: 1000 });
    onTestFinished(() => app.page.setViewportSize({ width: 1360, height: 860 }));
    expect(await whoLines('RunInstances (Insight)')).toEqual([["none by design: an Insights event is", "CloudTrail's report of unusual activity (its", 'top callers are under Insight)']]);
    expect(await whoLines('ListUsers')).toEqual([
      ['AssumedRole'],
      ['arn:aws:sts::111122223333:', 'assumed-role/', 'IncidentResponseReadOnlyAccessRole/', 'botocore-session-1717236000123456789'],
      ['111122223333'],
      ['ASIAQNZGKIQY56JQ7WML (temporary: a', 'session)'],
      ['botocore-session-1717236000123456789'],
    ]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-session-1600.png') });
    const principal = pane().getByRole('region', { name: 'Identity' }).locator('dd').nth(1);
    expect([await principal.textContent(), await selectedText(principal)]).toEqual([ASSUMED_ROLE_ARN, ASSUMED_ROLE_ARN]);
    expect(await whoLines('DeleteRole')).toEqual([
      ['AssumedRole'],
      ['arn:aws:sts::111122223333:', 'assumed-role/AWSReservedSSO_', 'AdministratorAccess_0123abcd/', 'alice-smith@example.com'],
      ['111122223333'],
      ['ASIA3EXAMPLE5SSO7KEY (temporary: a', 'session)'],
      ['no'],
      ['2024-06-01 09:58:00 UTC'],
      ['alice-smith@example.com'],
      ['Role arn:aws:iam::111122223333:role/', 'aws-reserved/sso.amazonaws.com/', 'AWSReservedSSO_AdministratorAccess_', '0123abcd'],
    ]);
    expect(await overflows()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'who-sso-session-1600.png') });
    // The parts add no character: the values read, and copy when selected, as written, spaces included.
    const values = pane().getByRole('region', { name: 'Identity' }).locator('dd');
    for (const [n, written] of [[1, SSO_ARN], [3, 'ASIA3EXAMPLE5SSO7KEY (temporary: a session)'], [7, `Role arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`]] as const) {
      expect([await values.nth(n).textContent(), await selectedText(values.nth(n))]).toEqual([written, written]);
    }
  });

  /** The time column's header as shown: its text, whether any of it is cut short, and whether the order's arrow is drawn wholly inside the column. */
  const timeHeader = () =>
    app.page.getByRole('columnheader').nth(1).evaluate((cell) => {
      const column = cell.getBoundingClientRect();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let arrowShown = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.search(/[▲▼]/);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const arrow = range.getBoundingClientRect();
        arrowShown = arrow.width > 0 && arrow.left >= column.left && arrow.right <= column.right;
      }
      const cut = [cell, ...cell.querySelectorAll('*')].some((element) => element.scrollWidth > element.clientWidth);
      return { text: cell.textContent, cut, arrowShown };
    });

  it("keeps the time column's order arrow in view with a long local zone name at 960×600, the zone cut short, and shows the zone whole at 1600×1000", async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(async () => {
      await page.getByRole('button', { name: 'Times in local time' }).click();
      await page.setViewportSize({ width: 1360, height: 860 });
    });
    await page.getByRole('button', { name: 'Times in UTC' }).click();
    expect(await timeHeader()).toEqual({ text: `Time (${LONG_ZONE}) ▲`, cut: true, arrowShown: true });
    await page.screenshot({ path: join(SHOTS, 'local-time-long-zone-960.png') });
    await page.getByRole('button', { name: `Time (${LONG_ZONE}) ▲` }).click();
    expect(await timeHeader()).toEqual({ text: `Time (${LONG_ZONE}) ▼`, cut: true, arrowShown: true });
    // Whole on hover.
    expect(await page.getByRole('button', { name: `Time (${LONG_ZONE}) ▼` }).getAttribute('title')).toBe(`Change the order. Times in this machine's zone, ${LONG_ZONE}; the detail gives each event's UTC offset`);
    // Where the window has room, the column grows to show the zone whole; the row holds its cells as the header does.
    await page.setViewportSize({ width: 1600, height: 1000 });
    expect(await timeHeader()).toEqual({ text: `Time (${LONG_ZONE}) ▼`, cut: false, arrowShown: true });
    expect(await page.locator('.grid-row').first().locator('.col-time').evaluate((cell) => cell.getBoundingClientRect().width)).toBe(await page.getByRole('columnheader').nth(1).evaluate((cell) => cell.getBoundingClientRect().width));
    await page.screenshot({ path: join(SHOTS, 'local-time-long-zone-1600.png') });
    await page.getByRole('button', { name: `Time (${LONG_ZONE}) ▼` }).click();
  });

  /** Where `element` is drawn in the window, to whole pixels. */
  const box = async (element: Locator) => {
    const { x, y, width, height } = (await element.boundingBox())!;
    return { top: Math.round(y), bottom: Math.round(y + height), left: Math.round(x), right: Math.round(x + width) };
  };

  it('shows all twelve listing columns to choose at 960×600, under three lines of chips, inside the listing that would clip them', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(async () => {
      await page.keyboard.press('Escape');
      while ((await page.locator('.chip').count()) > 0) await page.getByRole('button', { name: /^Remove filter/ }).first().click();
      await page.setViewportSize({ width: 1360, height: 860 });
    });
    await page.locator('.grid-row .col-eventName').getByText('ListUsers', { exact: true }).click();
    for (const pivot of [/^this actor: /, /^this source IP: /, /^this session \(temporary key\): /, /^this event name: /]) {
      await pane().getByRole('region', { name: 'Pivots' }).getByRole('button', { name: pivot }).click();
    }
    await page.locator('.chip').nth(3).waitFor();
    await page.getByTestId('listing-count').filter({ hasText: /^1 of 4 events$/ }).waitFor();
    // The chips take three lines: the actor's ARN on one, the source IP and session on the next, the event on the third; the controls under them.
    expect(await page.locator('.chip').evaluateAll((chips) => new Set(chips.map((chip) => Math.round(chip.getBoundingClientRect().top))).size)).toBe(3);
    await page.getByText('Columns', { exact: true }).click();
    const listing = await box(page.locator('.listing'));
    const options = await Promise.all((await page.locator('.column-options label').all()).map(box));
    expect(options).toHaveLength(12);
    // Every choice lies wholly inside the listing (which clips what leaves it), in two columns of six.
    expect(options.filter((option) => option.top >= listing.top && option.bottom <= listing.bottom && option.left >= listing.left && option.right <= listing.right)).toHaveLength(12);
    expect(new Set(options.map((option) => option.left)).size).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'columns-under-chips-960.png') });
  });

  it('gives the evidence table the height at 960×600: the chrome above it (the import banner too) keeps to 255 px', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(async () => {
      await page.getByRole('tab', { name: 'Events' }).click();
      await page.setViewportSize({ width: 1360, height: 860 });
    });
    await page.getByRole('tab', { name: 'Evidence (1)' }).click();
    const files = page.getByRole('region', { name: 'Evidence' }).locator('.evidence-files');
    await files.locator('tbody tr').first().waitFor();
    // 600 less the toolbar (47), the import banner (46), the case's figures (53), the tabs (35), the panel's summary (22) and choices (44) and the content's bottom padding (10) — it was 283 px.
    expect(await box(files)).toEqual({ top: 255, bottom: 590, left: 16, right: 944 });
    expect(await files.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'evidence-960.png') });
    // A wide window keeps its air.
    await page.setViewportSize({ width: 1360, height: 860 });
    expect(await box(files)).toEqual({ top: 301, bottom: 844, left: 16, right: 1344 });
  });
});

/** A launch whose answer lists twelve instances: its pretty JSON is far taller than the detail pane. */
const LONG_EVENT = {
  ...call(4, 'RunInstances', { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'alice' }),
  eventSource: 'ec2.amazonaws.com',
  requestParameters: { instanceType: 't3.micro', minCount: 12, maxCount: 12 },
  responseElements: {
    instancesSet: { items: Array.from({ length: 12 }, (_, n) => ({ instanceId: `i-0abc00000000000${n.toString(16)}`, imageId: 'ami-0123456789abcdef0', privateIpAddress: `10.0.0.${n + 10}` })) },
  },
};
/** Its conflicting copy, read from another file: one value changed. */
const LONG_EVENT_EDITED = { ...LONG_EVENT, sourceIPAddress: '198.51.100.7' };

describe('reading a long event in the smallest window (960×600)', () => {
  let app: LaunchedApp;
  const pane = () => app.page.getByRole('complementary', { name: 'Event detail' });
  /** The pane's visible height and how far it scrolls; each JSON box's drawn height and the height of its text; whether the event's own JSON's last line is drawn inside the pane's visible box. */
  const geometry = () =>
    pane().evaluate((detail) => {
      const [original, conflicting] = [detail.querySelector('[data-testid="event-json"]')!, detail.querySelector('.conflict-box .json')!];
      const texts = document.createTreeWalker(original, NodeFilter.SHOW_TEXT);
      let lastText = texts.nextNode()!;
      for (let node = texts.nextNode(); node; node = texts.nextNode()) lastText = node;
      const end = document.createRange();
      end.setStart(lastText, lastText.textContent!.length - 1);
      end.setEnd(lastText, lastText.textContent!.length);
      const [view, last] = [detail.getBoundingClientRect(), end.getBoundingClientRect()];
      return {
        pane: { visible: detail.clientHeight, scrolled: detail.scrollTop, scrolls: detail.scrollHeight - detail.clientHeight },
        original: { height: original.clientHeight, textHeight: original.scrollHeight },
        conflicting: { height: conflicting.clientHeight, textHeight: conflicting.scrollHeight },
        lastLineShown: last.top >= view.top && last.bottom <= view.bottom,
      };
    });

  beforeAll(async () => {
    app = await caseWithEvidence('Long event', { 'first.json': JSON.stringify({ Records: [LONG_EVENT] }), 'second.json': JSON.stringify({ Records: [LONG_EVENT_EDITED] }) });
    await app.page.getByTestId('listing-count').filter({ hasText: /^2 events$/ }).waitFor();
  });
  afterAll(() => app.close());

  it('reads it in one scroll, by keyboard and by wheel: the original JSON has no scroll box of its own, and the conflicting copy\'s is never taller than the pane', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 960, height: 600 });
    onTestFinished(() => page.setViewportSize({ width: 1360, height: 860 }));
    await page.locator('.grid-scroll').focus();
    await page.keyboard.press('Home');
    await pane().getByRole('region', { name: 'Conflict' }).waitFor();
    // Enter moves into the detail; End takes it to the original JSON's last line.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Event detail');
    await page.keyboard.press('End');
    await expect.poll(async () => (await geometry()).pane.scrolled).toBe((await geometry()).pane.scrolls);
    // The pane scrolls 4677 px (the Response elements section lists the twelve instances' values above the JSON). Its JSON is drawn whole, 2259 px, its last line in view; the copy's box is 60% of the pane's 375 px of content, less its border (it was 418 px, each, in a pane 399 px tall).
    expect(await geometry()).toEqual({
      pane: { visible: 399, scrolled: 4677, scrolls: 4677 },
      original: { height: 2259, textHeight: 2259 },
      conflicting: { height: 223, textHeight: 2312 },
      lastLineShown: true,
    });
    await page.screenshot({ path: join(SHOTS, 'long-event-end-960.png') });
    // A line too long for the box wraps two columns in from where its text starts, never back at the box's edge, where it would read as a line of the file.
    const instance = (await drawnColumns(pane().getByTestId('event-json'))).findIndex(({ text }) => text.startsWith('"instanceId"'));
    expect((await drawnColumns(pane().getByTestId('event-json'))).slice(instance, instance + 3)).toEqual([
      { column: 10, text: '"instanceId": "i-' },
      { column: 12, text: '0abc000000000000",' },
      { column: 10, text: '"imageId": "ami-' },
    ]);
    await pane().getByRole('button', { name: 'Raw (as in the file)' }).click();
    expect((await drawnColumns(pane().getByTestId('event-json'))).slice(0, 3).map(({ column }) => column)).toEqual([0, 2, 2]);
    expect(await selectedText(pane().getByTestId('event-json'))).toBe(JSON.stringify(LONG_EVENT));
    await pane().getByRole('button', { name: 'Pretty' }).click();
    // Back to the top, the wheel over the conflicting copy's JSON scrolls it; over the event's own, the pane.
    await page.keyboard.press('Home');
    await expect.poll(async () => (await geometry()).pane.scrolled).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'long-event-top-960.png') });
    /** Turns the wheel 300 px down over `json`, its top scrolled to the pane's; how far the pane was scrolled before. */
    const wheelOver = async (json: Locator): Promise<number> => {
      await json.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      const { x, y, width } = (await json.boundingBox())!;
      const before = (await geometry()).pane.scrolled;
      await page.mouse.move(x + width / 2, y + 100);
      await page.mouse.wheel(0, 300);
      return before;
    };
    const conflicting = pane().getByRole('region', { name: 'Conflict' }).locator('.json');
    await wheelOver(conflicting);
    await expect.poll(() => conflicting.evaluate((element) => element.scrollTop)).toBe(300);
    const original = pane().getByTestId('event-json');
    const before = await wheelOver(original);
    await expect.poll(async () => (await geometry()).pane.scrolled).toBe(before + 300);
    expect(await original.evaluate((element) => element.scrollTop)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'long-event-json-960.png') });
    // A wider, taller window: the copy's box is 60% of the pane's 577 px of content.
    await page.setViewportSize({ width: 1360, height: 850 });
    await page.keyboard.press('End');
    await expect.poll(async () => (await geometry()).pane.scrolled).toBe((await geometry()).pane.scrolls);
    expect(await geometry()).toEqual({
      pane: { visible: 601, scrolled: 4373, scrolls: 4373 },
      original: { height: 2051, textHeight: 2051 },
      conflicting: { height: 344, textHeight: 2277 },
      lastLineShown: true,
    });
    await page.screenshot({ path: join(SHOTS, 'long-event-json-1360.png') });
  });
});
