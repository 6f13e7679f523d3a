// A stand-in for the `electron` module: records what the glue asks of it, so each test can
// assert the exact setting and fail if it changes.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** A WebContents that records its listeners and window-open handler. */
export class FakeWebContents {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: 'app://cairn/index.html' };
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: Listener | undefined;
  readonly postMessage = vi.fn();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow {
  static readonly created: BrowserWindow[] = [];
  static fromWebContents = vi.fn(() => null);
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly once = vi.fn();

  constructor(readonly options: unknown) {
    BrowserWindow.created.push(this);
  }
}

export class MessageChannelMain {
  static readonly created: MessageChannelMain[] = [];
  readonly port1 = { start: vi.fn(), postMessage: vi.fn(), on: vi.fn(), close: vi.fn() };
  readonly port2 = { start: vi.fn(), postMessage: vi.fn(), on: vi.fn(), close: vi.fn() };

  constructor() {
    MessageChannelMain.created.push(this);
  }
}

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const ipcMain = { handle: vi.fn() };
export const dialog = { showOpenDialog: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(async () => 'answer'), on: vi.fn() };
/** Like Electron's: a File's path on disk, '' for one the page made itself (tests say which is which). */
export const webUtils = { getPathForFile: vi.fn<(file: File) => string>(() => '') };
export const app = { on: vi.fn(), whenReady: vi.fn(() => new Promise(() => undefined)), quit: vi.fn() };
export const session = { defaultSession: {} };
