import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppUrl, resolveAppFile } from '../../../main/appUrl';
import { registerAppScheme, serveAppProtocol } from '../../../main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { protocol } from './electronMock';

vi.mock('electron', () => import('./electronMock'));

describe('registerAppScheme', () => {
  it('registers app: as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
  });
});

describe('serveAppProtocol', () => {
  let root: string;
  let handler: (request: { url: string }) => Promise<Response>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cairn-bundle-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Cairn</title>');
    await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
    serveAppProtocol(root);
    expect(protocol.handle.mock.calls[0]![0]).toBe('app');
    handler = protocol.handle.mock.calls[0]![1] as typeof handler;
  });

  it('serves bundle files with their type and the CSP header', async () => {
    const page = await handler({ url: 'app://cairn/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe('<!doctype html><title>Cairn</title>');
    const script = await handler({ url: 'app://cairn/assets/index.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses paths outside the bundle, other hosts and missing files', async () => {
    for (const url of ['app://cairn/%2e%2e/%2e%2e/etc/passwd', 'app://cairn/..%2F..%2Fetc%2Fpasswd', 'app://evil/index.html', 'app://cairn/missing.js']) {
      expect((await handler({ url })).status, url).toBe(404);
    }
  });
});

describe('app URLs', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://cairn/index.html')).toBe(true);
    expect(isAppUrl('app://cairn.evil/index.html')).toBe(false);
    expect(isAppUrl('https://cairn/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('maps URLs to files inside the bundle and nothing outside it', () => {
    expect(resolveAppFile('app://cairn/', '/bundle')).toBe('/bundle/index.html');
    expect(resolveAppFile('app://cairn/assets/a.js', '/bundle')).toBe('/bundle/assets/a.js');
    expect(resolveAppFile('app://cairn/%2e%2e/secret', '/bundle')).toBe('/bundle/secret');
    expect(resolveAppFile('app://cairn/..%2F..%2Fsecret', '/bundle')).toBeNull();
    expect(resolveAppFile('app://cairn/assets%2F..%2F..%2Fsecret', '/bundle')).toBeNull();
  });
});
