import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appUrl';

/**
 * Locks a session down: every request outside the app protocol is cancelled (the app makes no
 * network request, ever) and every permission request or check is denied.
 */
export function lockDownSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppUrl(details.url) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Blocks navigation, redirects, new windows and webviews for a page. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
