import type { Page } from 'playwright-core';

export type DragType = 'dragenter' | 'dragover' | 'dragleave' | 'drop';

/**
 * Drags files named `names` over the window as the system does (File objects in a DataTransfer,
 * events on the body) and tells, per event, whether the page cancelled the browser's default. The
 * harness resolves each name to a path by LaunchOptions.dropPaths.
 */
export function drag(page: Page, names: string[], types: DragType[]): Promise<boolean[]> {
  return page.evaluate(
    ([names, types]) => {
      const data = new DataTransfer();
      for (const name of names) data.items.add(new File(['{"Records":[]}'], name));
      return types.map((type) => !document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })));
    },
    [names, types] as const,
  );
}
