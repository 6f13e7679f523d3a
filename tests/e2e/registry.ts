// The case registry (the `cairn-cases` IndexedDB the start screen keeps), read from the page: what
// the next session will read, for tests that check a choice is saved before the window goes.
import type { Page } from 'playwright-core';

/** The records of one store of the registry (`cases`, `prefs`), as stored. */
export function registryRecords<T>(page: Page, store: 'cases' | 'prefs'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const opening = indexedDB.open('cairn-cases');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const reading = opening.result.transaction(name).objectStore(name).getAll();
          reading.onsuccess = () => resolve(reading.result as T[]);
          reading.transaction!.oncomplete = () => opening.result.close();
        };
      }),
    store,
  );
}
