import type { Locator } from 'playwright-core';

/**
 * How far each titled column's cells end from where its header's title ends, in whole pixels
 * (right edge of a body cell's text minus that of the title's text, the sort arrow left out),
 * the distinct values per column: [0] where the figures line up under their header.
 */
export const figureOffsets = (table: Locator, titles: readonly string[]): Promise<Record<string, number[]>> =>
  table.evaluate((element, wanted) => {
    const rightOf = (node: Node): number => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return Math.max(...[...range.getClientRects()].map((rect) => rect.right));
    };
    const headers = [...element.querySelectorAll('thead th')];
    const titleText = (th: Element, title: string): Node | undefined => {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent === title) return node;
      return undefined;
    };
    // Rows of the table's own columns (not a note spanning them all).
    const rows = [...element.querySelectorAll('tbody tr')].filter((row) => row.children.length === headers.length);
    return Object.fromEntries(
      wanted.map((title) => {
        const column = headers.findIndex((th) => titleText(th, title));
        if (column < 0) return [title, []];
        const header = rightOf(titleText(headers[column]!, title)!);
        return [title, [...new Set(rows.map((row) => Math.round(rightOf(row.children[column]!) - header)))]];
      }),
    );
  }, titles);
