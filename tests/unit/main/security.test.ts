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

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      (captured.permissionRequest as (contents: object, permission: string, callback: (granted: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((captured.permissionCheck as (contents: object, permission: string) => boolean)({}, 'media')).toBe(false);
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
