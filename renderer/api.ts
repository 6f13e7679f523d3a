import { INGEST_PORT_MESSAGE, isJobId, type CairnApi, type JobId } from '../shared/ipc';

declare global {
  interface Window {
    /** Installed by the preload: the only way the page reaches main. */
    readonly cairn: CairnApi;
  }
}

export const api = (): CairnApi => window.cairn;

/**
 * Calls `listener` with each job's ingest port, which the preload posts to this window (a
 * MessagePort cannot cross the context bridge). Only messages from this window itself count.
 */
export function onIngestPort(listener: (job: JobId, port: MessagePort) => void): () => void {
  const handle = (event: MessageEvent): void => {
    const data = event.data as { type?: unknown; job?: unknown } | null;
    if (event.source !== window || event.origin !== window.location.origin) return;
    if (data?.type === INGEST_PORT_MESSAGE && isJobId(data.job) && event.ports[0]) listener(data.job, event.ports[0]);
  };
  window.addEventListener('message', handle);
  return () => window.removeEventListener('message', handle);
}
