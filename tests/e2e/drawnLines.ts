import type { Locator } from 'playwright-core';

/** The text of each line an element draws, as laid out (each character placed by its box), trimmed. */
export const drawnLines = (element: Locator): Promise<string[]> =>
  element.evaluate((root) => {
    const lines: { top: number; text: string }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let at = 0; at < node.textContent!.length; at++) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        const last = lines.at(-1);
        if (last && Math.abs(box.top - last.top) < 4) last.text += node.textContent![at];
        else lines.push({ top: box.top, text: node.textContent![at]! });
      }
    }
    return lines.map((line) => line.text.trim());
  });

/** What an element's text copies as when all of it is selected. */
export const selectedText = (element: Locator): Promise<string> =>
  element.evaluate((root) => {
    const range = document.createRange();
    range.selectNodeContents(root);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return getSelection()!.toString();
  });
