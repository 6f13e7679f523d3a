import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../shared/ipc';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The installed Electron binary, or why there is none. Read from electron's own path.txt:
 * `require('electron')` would try to download a missing binary, and this machine is offline.
 */
function electronBinary(): { path: string } | { skip: string } {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { skip: 'no Electron binary: installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1' };
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(path)) return { skip: `no Electron binary at ${path}` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return { skip: 'no display to open a window on' };
  return { path };
}

describe('the packaged-in-place Electron app', () => {
  it('opens one hardened window on the app protocol with exactly the API', async (context) => {
    const binary = electronBinary();
    if ('skip' in binary) return context.skip(binary.skip);
    const app = await _electron.launch({ executablePath: binary.path, args: [ROOT] });
    try {
      const window = await app.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      expect(window.url()).toBe('app://cairn/index.html');
      expect(await window.title()).toBe('Cairn');
      const exposed = await window.evaluate(() => ({
        api: Object.keys((window as unknown as { cairn: object }).cairn).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ api: [...API_CHANNELS].sort(), require: 'undefined', process: 'undefined' });
      await window.getByRole('button', { name: 'Create case' }).waitFor();
    } finally {
      await app.close();
    }
  });
});
