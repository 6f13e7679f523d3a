// The e2e harness's stand-in for main/preload.ts: the same createApi over a transport of page
// bindings, ingest ports carried over the harness's loopback server, dropped files resolved from the names the harness was given, and the same window
// message for handing a job's port to the page.
import { createApi } from '../../main/preloadApi';
import { decodeFrame, encodeFrame, FrameReader } from './bridgeCodec';
import { INGEST_PORT_MESSAGE, type ApiChannel, type JobId } from '../../shared/ipc';

interface HarnessWindow {
  __cairnHarnessInvoke(channel: ApiChannel, args: unknown[]): Promise<unknown>;
  __cairnHarness: { openPort(job: JobId): void };
  __cairnHarnessDropPaths: Record<string, string>;
  cairn: ReturnType<typeof createApi>;
}

const harnessWindow = window as unknown as HarnessWindow;
const dropPaths = new Map(Object.entries(harnessWindow.__cairnHarnessDropPaths));

/** Like webUtils.getPathForFile: throws for what is not a File, '' for a File with no path. */
function pathOf(file: File): string {
  if (!(file instanceof File)) throw new TypeError('not a File');
  return dropPaths.get(file.name) ?? '';
}

harnessWindow.cairn = createApi({ invoke: (channel, args) => harnessWindow.__cairnHarnessInvoke(channel, args) }, pathOf);
/**
 * Plays main's side of a job's port: its messages stream in from the harness's server as binary
 * frames (see appServer.ts) and the page's replies go back by POST.
 */
async function carry(job: JobId, port: MessagePort): Promise<void> {
  port.onmessage = (event) => void fetch(`/__harness/reply/${job}`, { method: 'POST', body: encodeFrame(event.data) });
  const response = await fetch(`/__harness/ingest/${job}`);
  const reader = response.body!.getReader();
  const frames = new FrameReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const frame of frames.push(chunk.value)) port.postMessage(decodeFrame(frame));
  }
}

harnessWindow.__cairnHarness = {
  openPort(job) {
    const channel = new MessageChannel();
    void carry(job, channel.port1);
    window.postMessage({ type: INGEST_PORT_MESSAGE, job }, window.location.origin, [channel.port2]);
  },
};
