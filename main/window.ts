import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY } from './appUrl';
import { guardContents } from './security';

/** The hardened options of the main window: sandboxed, isolated, no Node, web security on. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Cairn',
    show: false,
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Opens the main window on the app protocol (never file:// or http:). */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preload));
  guardContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}
