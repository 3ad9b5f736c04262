// What the desktop window may load and whom the main process listens to. Plain logic (no
// 'electron' import), used by main.ts and tested in test/electron-shell/navigationPolicy.test.ts.
import { parseAppUrl } from './appProtocol';

/** Only the app's own pages: `app://township/…`. Everything else (http, file, data, javascript…) is refused. */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return typeof url === 'string' && parseAppUrl(url) !== null;
}

/**
 * Whether an IPC message comes from the app's own page: the sending frame must still exist,
 * be the window's top frame (not an iframe) and show an `app://township/…` URL.
 */
export function isTrustedIpcSender(sender: { frameUrl: string | null | undefined; isMainFrame: boolean }): boolean {
  return sender.isMainFrame && isAllowedNavigation(sender.frameUrl);
}
