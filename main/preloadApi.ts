import type { CairnApi, JobId, Transport } from '../shared/ipc';

/** The API the page sees, over any transport: exactly the contract, nothing else. */
export function createApi(transport: Transport) {
  return {
    openEvidence: () => transport.invoke('openEvidence', []) as Promise<JobId | null>,
    cancelIngest: (job) => transport.invoke('cancelIngest', [job]) as Promise<void>,
    copyText: (text) => transport.invoke('copyText', [text]) as Promise<void>,
  } satisfies CairnApi;
}
