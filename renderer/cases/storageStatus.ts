/** Whether the browser keeps the cases for good, and how much room they take and have. */
export interface StorageStatus {
  persistent: boolean;
  usage: number;
  quota: number;
}

/**
 * Asks for persistent storage (Electron grants it to the app, see main/security.ts), so that the
 * system never evicts a case under disk pressure, and reports where storage stands.
 */
export async function requestPersistentStorage(storage: StorageManager = navigator.storage): Promise<StorageStatus> {
  const persistent = (await storage.persisted()) || (await storage.persist());
  const { usage = 0, quota = 0 } = await storage.estimate();
  return { persistent, usage, quota };
}
