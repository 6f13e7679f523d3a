import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { INGEST_PORT_MESSAGE, isJobId, type Transport } from '../shared/ipc';
import { INGEST_PORT_CHANNEL, invokeChannel } from './ipcChannels';
import { createApi } from './preloadApi';

const transport: Transport = {
  invoke: (channel, args) => ipcRenderer.invoke(invokeChannel(channel), ...args),
};

contextBridge.exposeInMainWorld('cairn', createApi(transport, (file) => webUtils.getPathForFile(file)));

// A job's MessagePort cannot cross the context bridge; hand it to the page's own window instead.
ipcRenderer.on(INGEST_PORT_CHANNEL, (event, job: unknown) => {
  if (isJobId(job)) window.postMessage({ type: INGEST_PORT_MESSAGE, job }, window.location.origin, [...event.ports]);
});
