import type { CairnApi, JobId, Transport } from '../shared/ipc';

/**
 * The API the page sees, over any transport: exactly the contract, nothing else. `pathOf` gives
 * a dropped File's path on disk, '' when it has none (Electron's webUtils.getPathForFile in the
 * app), so only paths the preload resolved itself ever reach main.
 */
export function createApi(transport: Transport, pathOf: (file: File) => string) {
  return {
    openEvidence: () => transport.invoke('openEvidence', []) as Promise<JobId | null>,
    async addDroppedEvidence(files) {
      const paths = Array.from(files, (file) => pathOf(file)).filter((path) => path !== '');
      return paths.length > 0 ? ((await transport.invoke('addDroppedEvidence', [paths])) as JobId | null) : null;
    },
    cancelIngest: (job) => transport.invoke('cancelIngest', [job]) as Promise<void>,
    copyText: (text) => transport.invoke('copyText', [text]) as Promise<void>,
  } satisfies CairnApi;
}
