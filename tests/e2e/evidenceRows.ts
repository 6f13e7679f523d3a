import type { Page } from 'playwright-core';

/**
 * The Evidence panel's files (name below the evidence folder, format, events, duplicates, errors,
 * hash cell, or 'hashed') and the rows under them (class, location, message), in order.
 */
export async function panelRows(page: Page): Promise<string[][]> {
  const panel = page.getByRole('region', { name: 'Evidence' });
  await panel.locator('tbody tr').first().waitFor();
  return panel.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      if (!row.classList.contains('issue-row')) {
        const cells = [...row.children].map((cell) => cell.textContent ?? '');
        return ['file', cells[0]!.replace(/^.*[\\/]e-[^\\/]+[\\/]/, ''), cells[1]!, cells[3]!, cells[4]!, cells[6]!, cells[7]!.startsWith('not hashed') ? cells[7]! : 'hashed'];
      }
      const part = (name: string) => row.querySelector(`.issue-${name}`)?.textContent ?? '';
      return [part('severity'), part('location'), part('message')];
    }),
  );
}
