// What the window's page may ask of the machine: the camera, for 拍照 with the document camera
// (高拍仪), and nothing else — no microphone, no screen, no location, no notifications, no USB or
// serial device, no clipboard read. Only the app's own page gets it: `app://township`, or in
// client mode the hall host's page at its pinned https origin (the window shows nothing else;
// without it a client PC's clerk could not photograph at all). Any other origin — a frame, a
// page the navigation guard somehow let through — is refused.
//
// Plain logic (no 'electron' import): main.ts passes Electron's session; tested in
// test/electron-shell/mediaPermissions.test.ts and through the stand-in in mainProcess.test.ts.

/** What Electron tells a permission request (MediaAccessPermissionRequest for `media`). */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaTypes?: readonly string[];
}

/** What Electron tells a permission check (PermissionCheckHandlerHandlerDetails). */
export interface PermissionCheckDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaType?: string;
}

/** The parts of Electron's Session that decide permissions. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetails,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetails,
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/**
 * `scheme://host[:port]` of a URL or origin, lower case; null when it is none. (The WHATWG
 * `URL.origin` of a custom scheme such as `app:` is the opaque "null".)
 */
export function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  // An origin has no user name; a URL that carries one is not taken for the host it names.
  if (!url.host || url.username || url.password) return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

function isAllowedOrigin(value: string | null | undefined, allowed: readonly string[]): boolean {
  const origin = originOf(value);
  return origin !== null && allowed.some((a) => originOf(a) === origin);
}

/** Whether a permission request is granted: `media` for video alone, from an allowed origin. */
export function grantsRequest(
  permission: string,
  details: PermissionRequestDetails | undefined,
  allowed: readonly string[],
): boolean {
  if (permission !== 'media') return false;
  const types = details?.mediaTypes ?? [];
  if (types.length === 0 || types.some((type) => type !== 'video')) return false;
  return isAllowedOrigin(details?.securityOrigin ?? details?.requestingUrl, allowed);
}

/** Whether a permission check passes (device labels, `permissions.query`): the camera, from an allowed origin. */
export function passesCheck(
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails | undefined,
  allowed: readonly string[],
): boolean {
  if (permission !== 'media' || details?.mediaType !== 'video') return false;
  return isAllowedOrigin(details.securityOrigin ?? requestingOrigin, allowed);
}

/**
 * Sets the session's permission handlers. `allowedOrigins` is read at each decision: client mode
 * is known only after the handlers are set.
 */
export function installPermissionHandlers(
  session: PermissionSession,
  allowedOrigins: () => readonly string[],
  log: (message: string) => void,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = grantsRequest(permission, details, allowedOrigins());
    if (!granted) {
      const what =
        permission === 'media' ? `media（${(details?.mediaTypes ?? []).join('、') || '未说明'}）` : permission;
      log(`拒绝权限请求：${what}，来自 ${details?.securityOrigin ?? details?.requestingUrl ?? '未知页面'}`);
    }
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    passesCheck(permission, requestingOrigin, details, allowedOrigins()),
  );
  // USB, HID and serial devices are never the page's: the ID-card reader is reached by the main process.
  session.setDevicePermissionHandler(() => false);
}
