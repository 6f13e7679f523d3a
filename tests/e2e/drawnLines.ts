import type { Locator } from 'playwright-core';

/** Each line `element` draws: the column its text starts at (counted in characters from the box's left) and its text, trimmed. */
export const drawnColumns = (element: Locator): Promise<{ column: number; text: string }[]> =>
  element.evaluate((root) => {
    const left = root.getBoundingClientRect().left + root.clientLeft + parseFloat(getComputedStyle(root).paddingLeft);
    const lines: { top: number; column: number; text: string }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let at = 0; at < node.textContent!.length; at++) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const box = range.getClientRects()[0];
        const character = node.textContent![at]!;
        if (!box || character === '\n') continue;
        const last = lines.at(-1);
        if (!last || Math.abs(box.top - last.top) >= 4) lines.push({ top: box.top, column: -1, text: '' });
        const line = lines.at(-1)!;
        if (line.column < 0 && character !== ' ') line.column = Math.round((box.left - left) / box.width);
        line.text += character;
      }
    }
    return lines.map(({ column, text }) => ({ column, text: text.trim() }));
  });

/** The text of each line an element draws, as laid out (each character placed by its box), trimmed. */
export const drawnLines = async (element: Locator): Promise<string[]> => (await drawnColumns(element)).map((line) => line.text);

/** What an element's text copies as when all of it is selected. */
export const selectedText = (element: Locator): Promise<string> =>
  element.evaluate((root) => {
    const range = document.createRange();
    range.selectNodeContents(root);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return getSelection()!.toString();
  });
