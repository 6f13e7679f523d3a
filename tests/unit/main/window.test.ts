import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../main/window';
import { BrowserWindow } from './electronMock';

vi.mock('electron', () => import('./electronMock'));

describe('mainWindowOptions', () => {
  const prefs = mainWindowOptions('/app/dist/main/preload.cjs').webPreferences!;

  it('sandboxes the renderer with context isolation and no Node', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads only the given preload', () => {
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
  });
});

describe('createMainWindow', () => {
  const window = createMainWindow('/app/dist/main/preload.cjs') as unknown as BrowserWindow;

  it('creates the window with the hardened options', () => {
    expect(window.options).toEqual(mainWindowOptions('/app/dist/main/preload.cjs'));
  });

  it('loads the renderer from the app protocol, never file:// or http:', () => {
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://cairn/index.html');
  });

  it('guards its contents against navigation and new windows', () => {
    const preventDefault = vi.fn();
    window.webContents.emit('will-navigate', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});
