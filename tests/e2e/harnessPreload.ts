// The e2e harness's stand-in for main/preload.ts: the same createApi over a transport of page
// bindings, dropped files resolved from the names the harness was given, and the same window
// message for handing a job's port to the page.
import { createApi } from '../../main/preloadApi';
import { decodeFromBridge, encodeForBridge } from './bridgeCodec';
import { INGEST_PORT_MESSAGE, type ApiChannel, type IngestMessage, type JobId } from '../../shared/ipc';

interface HarnessWindow {
  __cairnHarnessInvoke(channel: ApiChannel, args: unknown[]): Promise<unknown>;
  __cairnHarnessReply(job: JobId, replyJson: string): void;
  __cairnHarness: { openPort(job: JobId): void; send(job: JobId, messagesJson: string): void };
  __cairnHarnessDropPaths: Record<string, string>;
  cairn: ReturnType<typeof createApi>;
}

const harnessWindow = window as unknown as HarnessWindow;
const ports = new Map<JobId, MessagePort>();
const dropPaths = new Map(Object.entries(harnessWindow.__cairnHarnessDropPaths));

/** Like webUtils.getPathForFile: throws for what is not a File, '' for a File with no path. */
function pathOf(file: File): string {
  if (!(file instanceof File)) throw new TypeError('not a File');
  return dropPaths.get(file.name) ?? '';
}

harnessWindow.cairn = createApi({ invoke: (channel, args) => harnessWindow.__cairnHarnessInvoke(channel, args) }, pathOf);
harnessWindow.__cairnHarness = {
  openPort(job) {
    const channel = new MessageChannel();
    ports.set(job, channel.port1);
    channel.port1.onmessage = (event) => harnessWindow.__cairnHarnessReply(job, encodeForBridge(event.data));
    window.postMessage({ type: INGEST_PORT_MESSAGE, job }, window.location.origin, [channel.port2]);
  },
  send(job, messagesJson) {
    const messages = decodeFromBridge(messagesJson) as IngestMessage[];
    for (const message of messages) ports.get(job)?.postMessage(message);
  },
};
