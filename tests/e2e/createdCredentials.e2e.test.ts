import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANTHER_TRAILS, copyCorpusFiles } from '../fixtures/generators/trailBundle';
import { launchApp, newCase, waitForImport, type LaunchedApp } from './harness';
import { chips, count, detail, listing, selectRow, selected } from './listing';

const SHOTS = join(import.meta.dirname, '../../test-results');


const ROOT_KEY = 'AKIA5ZZZK44445XXFFVB';
const TRACY = 'arn:aws:iam::493859302102:user/tracy_stone';

const responseElements = (page: Page) => detail(page).getByRole('region', { name: 'Response elements', exact: true });
/** The Response elements section as its lines read, once the case has said which of its values it lists. */
const responseLines = async (page: Page) => {
  await responseElements(page).and(page.locator('[aria-busy="false"]')).waitFor();
  return (await responseElements(page).innerText()).split('\n').filter((line) => line.trim() !== '');
};
/** Screenshots at the app's usual size and at the smallest window, the section in view. */
async function shots(page: Page, name: string): Promise<void> {
  await responseElements(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `created-credentials-${name}.png`) });
  await page.setViewportSize({ width: 960, height: 600 });
  await responseElements(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `created-credentials-${name}-960.png`) });
  await page.setViewportSize({ width: 1360, height: 850 });
}

describe('following what the attacker created with the root credentials', () => {
  let evidence: string;
  let app: LaunchedApp;

  beforeAll(async () => {
    evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-created-'));
    await copyCorpusFiles(PANTHER_TRAILS, evidence);
    app = await launchApp({ evidence: [evidence] });
    await app.page.setViewportSize({ width: 1360, height: 850 });
    await newCase(app.page, 'Created credentials');
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await waitForImport(app.page);
    await count(app.page, '27 events');
  });
  afterAll(async () => {
    await app.close();
    await rm(evidence, { recursive: true, force: true });
  });

  it('shows the access key root created, says no event in the case was signed with it, and finds each call that returned it', async () => {
    const { page } = app;
    await selectRow(page, ['2020-11-01 08:32:19', '92.55.146.245']);
    expect(await responseLines(page)).toEqual([
      'RESPONSE ELEMENTS',
      'accessKey.accessKeyId',
      `"${ROOT_KEY}"`,
      'events with this value',
      'no event in the case was signed with it (userIdentity.accessKeyId)',
      'accessKey.createDate',
      '"Nov 1, 2020 8:30:20 AM"',
      'events with this value',
      'accessKey.status',
      '"Active"',
      'events with this value',
      'accessKey.userName',
      '"Root"',
      'events with this value',
    ]);
    expect(await responseElements(page).getByRole('button', { name: `Events signed with the key ${ROOT_KEY}` }).count()).toBe(0);
    await shots(page, 'root-key');

    await responseElements(page).getByRole('button', { name: `Events with accessKey.accessKeyId = "${ROOT_KEY}"` }).click();
    await count(page, '2 of 27 events');
    expect(await chips(page)).toEqual([`Response accessKey.accessKeyId: "${ROOT_KEY}"×`]);
    expect(await listing(page)).toEqual(['2020-11-01 08:32:19 CreateAccessKey root 92.55.146.245', '2020-11-01 08:32:19 CreateAccessKey root 200.58.83.179']);
    await selected(page, ['2020-11-01 08:32:19', '92.55.146.245']);
    await page.getByRole('button', { name: 'Remove filter Response accessKey.accessKeyId' }).click();
    await count(page, '27 events');
  });

  it('goes from the user root created to what that user did', async () => {
    const { page } = app;
    await selectRow(page, ['2020-11-01 08:35:19', 'CreateUser', '92.55.146.245']);
    expect(await responseLines(page)).toEqual([
      'RESPONSE ELEMENTS',
      'user.arn',
      `"${TRACY}"`,
      'events with this value',
      'events by this actor',
      'user.createDate',
      '"Nov 01, 2020 8:35:19 AM"',
      'events with this value',
      'user.path',
      '"/"',
      'events with this value',
      'user.userId',
      '"AIDA5ZXAKKKKQQ7PPPAYY"',
      'events with this value',
      'user.userName',
      '"tracy_stone"',
      'events with this value',
    ]);
    await shots(page, 'new-user');
    await responseElements(page).getByRole('button', { name: `Events by the actor ${TRACY}` }).click();
    await count(page, '1 of 27 events');
    expect(await chips(page)).toEqual([`Actor: ${TRACY}×`]);
    expect(await listing(page)).toEqual(['2020-11-01 09:30:03 RunInstances user/tracy_stone 92.55.146.245']);

    // What that call returned: the instance started, and every event that returned it.
    await selectRow(page, ['2020-11-01 09:30:03', 'RunInstances']);
    const instance = responseElements(page).getByRole('listitem').filter({ hasText: 'instancesSet.items[0].instanceId' });
    expect(await instance.innerText()).toBe('instancesSet.items[0].instanceId\n"i-05261ffb46217cdc3"\nevents with this value');
    // Every scalar leaf of its responseElements, false ones too: `jq '[.responseElements | paths(type != "object" and type != "array")] | length'`.
    expect(await responseElements(page).getByRole('listitem').count()).toBe(59);
    await instance.getByRole('button', { name: 'Events with instancesSet.items[0].instanceId = "i-05261ffb46217cdc3"' }).click();
    await page.locator('.chip', { hasText: 'Response instancesSet.items[0].instanceId' }).waitFor();
    expect(await chips(page)).toEqual([`Actor: ${TRACY}×`, 'Response instancesSet.items[0].instanceId: "i-05261ffb46217cdc3"×']);
    await count(page, '1 of 27 events');
    await selected(page, ['2020-11-01 09:30:03', 'RunInstances']);
    await shots(page, 'instance');
  });
});
