import { describe, expect, it, vi } from 'vitest';
import { guardContents, lockDownSession } from '../../../main/security';
import { FakeWebContents } from './electronMock';

vi.mock('electron', () => import('./electronMock'));

type Handler = (...args: never[]) => unknown;

function fakeSession() {
  const captured: { beforeRequest?: Handler; permissionRequest?: Handler; permissionCheck?: Handler } = {};
  const session = {
    webRequest: { onBeforeRequest: (listener: Handler) => (captured.beforeRequest = listener) },
    setPermissionRequestHandler: (handler: Handler) => (captured.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (captured.permissionCheck = handler),
  };
  return { session, captured };
}

function decide(listener: Handler, url: string): { cancel: boolean } {
  let answer: { cancel: boolean } | undefined;
  (listener as (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void)({ url }, (response) => (answer = response));
  return answer!;
}

describe('lockDownSession', () => {
  const { session, captured } = fakeSession();
  lockDownSession(session as never);

  it('lets requests to the app protocol through', () => {
    expect(decide(captured.beforeRequest!, 'app://cairn/index.html')).toEqual({ cancel: false });
    expect(decide(captured.beforeRequest!, 'app://cairn/assets/index.js')).toEqual({ cancel: false });
  });

  it('cancels every request outside the app protocol', () => {
    for (const url of ['https://example.com/', 'http://localhost:8080/', 'file:///etc/passwd', 'app://other/index.html', 'ws://10.0.0.1/', 'data:text/html,x']) {
      expect(decide(captured.beforeRequest!, url), url).toEqual({ cancel: true });
    }
  });

  type RequestHandler = (contents: object, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
  type CheckHandler = (contents: object, permission: string, requestingOrigin: string) => boolean;
  const request = (permission: string, requestingUrl: string): boolean => {
    const callback = vi.fn();
    (captured.permissionRequest as RequestHandler)({}, permission, callback, { requestingUrl });
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]![0] as boolean;
  };

  it('denies every permission request and check, except persistent storage for the app', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(request(permission, 'app://cairn/index.html'), permission).toBe(false);
      expect((captured.permissionCheck as CheckHandler)({}, permission, 'app://cairn'), permission).toBe(false);
    }
    expect(request('persistent-storage', 'app://cairn/index.html')).toBe(true);
    expect((captured.permissionCheck as CheckHandler)({}, 'persistent-storage', 'app://cairn')).toBe(true);
    expect(request('persistent-storage', 'https://example.com/')).toBe(false);
    expect((captured.permissionCheck as CheckHandler)({}, 'persistent-storage', 'https://example.com')).toBe(false);
  });
});

describe('guardContents', () => {
  const contents = new FakeWebContents();
  guardContents(contents as never);

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (event) => {
    const preventDefault = vi.fn();
    contents.emit(event, { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open', () => {
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});
