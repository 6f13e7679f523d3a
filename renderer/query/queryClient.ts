import type { QueryEnvelope, QueryRequest, QueryResponse, QueryResults } from './queryProtocol';

/** Promise-based calls to the query worker, which holds the open case's columns off the UI thread. */
export class QueryClient {
  private readonly worker = new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'cairn-query' });
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
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

  ask<R extends QueryRequest>(request: R): Promise<QueryResults[R['type']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.worker.postMessage({ ...request, id } as QueryEnvelope);
    });
  }
}
