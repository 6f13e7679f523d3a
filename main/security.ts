import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appUrl';

/** The one permission the app's own pages get: persistent storage, so cases are never evicted. */
const granted = (permission: string, url: string): boolean => permission === 'persistent-storage' && isAppUrl(url);

/**
 * Locks a session down: every request outside the app protocol is cancelled (the app makes no
 * network request, ever) and every permission request or check is denied, except persistent
 * storage for the app itself.
 */
export function lockDownSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppUrl(details.url) }));
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(granted(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => granted(permission, requestingOrigin));
}

/** Blocks navigation, redirects, new windows and webviews for a page. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
