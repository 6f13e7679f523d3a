import { ipcMain, MessageChannelMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_CHANNELS, type JobId, type MainApi } from '../shared/ipc';
import { isAppUrl } from './appUrl';
import { dispatch, type Handlers } from './handlers';
import type { IngestPort } from './ingestJob';
import { INGEST_PORT_CHANNEL, invokeChannel } from './ipcChannels';


/** Accepts only the top frame of one of the app's own windows, showing the app's own origin. */
export function isTrustedSender(event: IpcMainInvokeEvent, windowIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  return frame !== null && windowIds.has(event.sender.id) && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/** Registers one handler per API call; each checks its sender and validates its arguments. */
export function registerIpc(handlers: Handlers<MainApi, WebContents>, windowIds: ReadonlySet<number>): void {
  for (const channel of API_CHANNELS) {
    ipcMain.handle(invokeChannel(channel), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, windowIds)) throw new Error(`${channel}: rejected call from an untrusted sender`);
      return dispatch(handlers, channel, args, event.sender);
    });
  }
}

/** Opens a MessageChannelMain for a job and transfers the page's end to the window. */
export function openIngestPort(sender: WebContents, job: JobId): IngestPort {
  const { port1, port2 } = new MessageChannelMain();
  sender.postMessage(INGEST_PORT_CHANNEL, job, [port2]);
  port1.start();
  return {
    post: (message) => port1.postMessage(message),
    onReply: (listener) => port1.on('message', (event) => listener(event.data)),
  };
}
