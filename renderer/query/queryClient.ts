import type { CaseOverview, QueryRequest, QueryResponse } from './queryProtocol';

/** Promise-based calls to the query worker, which holds the case's columns off the UI thread. */
export class QueryClient {
  private readonly worker = new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'cairn-query' });
  private readonly pending = new Map<number, { resolve: (overview: CaseOverview) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<QueryResponse>) => {
      const response = event.data;
      const call = this.pending.get(response.id);
      this.pending.delete(response.id);
      if ('error' in response) call?.reject(new Error(response.error));
      else call?.resolve(response.result);
    };
  }

  overview(limit: number): Promise<CaseOverview> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type: 'overview', limit } satisfies QueryRequest);
    });
  }
}
