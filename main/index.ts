import { join } from 'node:path';
import { app, clipboard, session } from 'electron';
import { chooseEvidence } from './dialogs';
import { createHandlers } from './handlers';
import { openIngestPort, registerIpc } from './ipc';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { guardContents, lockDownSession } from './security';
import { createMainWindow } from './window';

// Composition root: only wiring; each module owns one concern.
registerAppScheme();
app.on('web-contents-created', (_event, contents) => guardContents(contents));
app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  lockDownSession(session.defaultSession);
  serveAppProtocol(join(__dirname, '..', 'renderer'));
  const windowIds = new Set<number>();
  registerIpc(createHandlers({ chooseEvidence, openIngestPort, writeClipboard: (text) => clipboard.writeText(text), ingestWorkerPath: join(__dirname, 'ingestWorker.cjs') }), windowIds);
  windowIds.add(createMainWindow(join(__dirname, 'preload.cjs')).webContents.id);
});
