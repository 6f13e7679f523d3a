import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Call } from '../fixtures/generators/s3Calls';
import { caseWithEvidence } from './harness';
import { chips, count } from './listing';

const calls = (first: number, ip: string, n: number): string => Array.from({ length: n }, (_, k) => JSON.stringify(s3Call(1, 'alice', 'GetObject', ip, { eventID: `7d3c0000-0000-4000-8000-${String(first + k).padStart(12, '0')}` }))).join('\n') + '\n';

describe('Find a value while an import adds to the case', () => {
  let app: Awaited<ReturnType<typeof caseWithEvidence>>;

  beforeAll(async () => {
    // Three calls from 10.0.0.1, one from 10.0.0.2; the second import brings five more from 10.0.0.2.
    app = await caseWithEvidence('Find while importing', { 'first.ndjson': calls(0, '10.0.0.1', 3) + calls(3, '10.0.0.2', 1) });
    await app.page.setViewportSize({ width: 1360, height: 850 });
    await count(app.page, '4 events');
  });
  afterAll(() => app.close());

  it('keeps the value chosen with ↓ chosen when new counts move it up the list, and Enter picks that value', async () => {
    const { page } = app;
    const box = page.getByRole('combobox', { name: 'Find a value' });
    const options = page.getByRole('listbox', { name: 'Values of this case' }).getByRole('option');
    const chosen = page.locator('[role="option"][aria-selected="true"]');
    await box.fill('10.0.0.');
    await options.nth(1).waitFor();
    expect(await options.allTextContents()).toEqual(['Source IP 10.0.0.1 3 events', 'Source IP 10.0.0.2 1 event']);
    await box.press('ArrowDown');
    await expect.poll(() => chosen.textContent()).toBe('Source IP 10.0.0.2 1 event');
    // More evidence lands while the list is open and the keyboard stays in the box (the import started without taking focus).
    await writeFile(join(app.evidence, 'second.ndjson'), calls(10, '10.0.0.2', 5));
    await page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).dispatchEvent('click');
    await options.first().filter({ hasText: /^Source IP 10\.0\.0\.2 6 events$/ }).waitFor();
    expect(await options.allTextContents()).toEqual(['Source IP 10.0.0.2 6 events', 'Source IP 10.0.0.1 3 events']);
    expect([await chosen.textContent(), await box.getAttribute('aria-activedescendant')]).toEqual(['Source IP 10.0.0.2 6 events', await options.first().getAttribute('id')]);
    await box.press('Enter');
    await count(page, '6 of 9 events');
    expect(await chips(page)).toEqual(['Source IP: 10.0.0.2×']);
  });
});
