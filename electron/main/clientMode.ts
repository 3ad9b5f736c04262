// Client mode of the desktop app: instead of opening its own database, the window shows a hall
// host's UI (大厅网络, electron/hall/lanListener.ts) from its address, over HTTPS, trusting exactly
// the certificate whose SHA-256 fingerprint the administrator read out. The client keeps no
// database and no backend: everything it does goes to the hall's.
//
// Set by a file in the app's user-data folder (`client-mode.json`, see docs/hall.md):
//   { "hallUrl": "https://192.168.1.10:4781/", "fingerprint": "AB:CD:…" }
// Plain logic (no 'electron' import): main.ts wires it (session.setCertificateVerifyProc, the
// window's URL, the navigation guard); tested in test/hallNetwork/clientMode.test.ts.
import type { BrowserWindowConstructorOptions } from 'electron';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CLIENT_MODE_FILE, clientModeSetting, normalizeFingerprint } from '../../shared/hallNetwork/clientMode';

// The setting's schema is shared with the first-run page (连接到大厅主机).
export { CLIENT_MODE_FILE, clientModeSetting, normalizeFingerprint };

/** Electron's answers to a certificate check (`setCertificateVerifyProc`'s callback). */
export const CERTIFICATE_ACCEPT = 0;
export const CERTIFICATE_REJECT = -2;
/** Not ours to decide: Chromium's own verification stands. */
export const CERTIFICATE_DEFAULT = -3;

export interface ClientMode {
  /** The hall's start page. */
  hallUrl: string;
  /** Its origin (`https://192.168.1.10:4781`): the only one the window may show. */
  origin: string;
  /** The host name the certificate must come from. */
  hostname: string;
  /** `AB:CD:…`, upper case. */
  fingerprint: string;
}

export type ClientModeSetting =
  | { mode: 'local' }
  | { mode: 'client'; client: ClientMode }
  /** The file is there but wrong: the app must say so and not fall back to a database of its own. */
  | { mode: 'invalid'; message: string };

/** Parses the setting's JSON text; every refusal names the field in Chinese. */
export function parseClientMode(text: string): ClientModeSetting {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { mode: 'invalid', message: `${CLIENT_MODE_FILE} 不是有效的 JSON` };
  }
  const parsed = clientModeSetting.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message =
      issue.code === 'unrecognized_keys'
        ? `${CLIENT_MODE_FILE} 中有不认识的项：${issue.keys.join('、')}（只能有 hallUrl 和 fingerprint）`
        : issue.message;
    return { mode: 'invalid', message };
  }
  const url = new URL(parsed.data.hallUrl);
  return {
    mode: 'client',
    client: {
      hallUrl: url.href,
      origin: url.origin,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      fingerprint: parsed.data.fingerprint,
    },
  };
}

/** The setting kept in the user-data folder: no file, local mode (the app's own database). */
export async function readClientMode(userDataDir: string): Promise<ClientModeSetting> {
  let text: string;
  try {
    text = await readFile(path.join(userDataDir, CLIENT_MODE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { mode: 'local' };
    return { mode: 'invalid', message: `无法读取 ${CLIENT_MODE_FILE}：${(error as Error).message}` };
  }
  return parseClientMode(text);
}

/** What Electron's certificate check hands over (`Electron.Request` of setCertificateVerifyProc), in part. */
export interface CertificateCheck {
  hostname: string;
  /** The server's certificate; `data` is its PEM. */
  certificate: { data: string };
}

/** The SHA-256 fingerprint of a PEM certificate, `AB:CD:…`; null when it cannot be read. */
export function pemFingerprint(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}

/**
 * The certificate check of client mode: for the hall's host, exactly the pinned certificate is
 * accepted and any other refused (even one a CA vouches for: the pin is the trust); for any other
 * host, Chromium decides as usual (the window cannot go there anyway, see `isClientNavigation`).
 */
export function pinnedCertificateVerifier(
  client: ClientMode,
  log: (line: string) => void = () => {},
): (check: CertificateCheck) => number {
  return (check) => {
    if (check.hostname.replace(/^\[|\]$/g, '') !== client.hostname) return CERTIFICATE_DEFAULT;
    const fingerprint = pemFingerprint(check.certificate.data);
    if (fingerprint === client.fingerprint) return CERTIFICATE_ACCEPT;
    log(
      `大厅主机 ${client.hostname} 出示的证书指纹 ${fingerprint ?? '（无法读取）'} 与设置的 ${client.fingerprint} 不符，已拒绝连接`,
    );
    return CERTIFICATE_REJECT;
  };
}

/** In client mode the window shows the hall's pages and nothing else. */
export function isClientNavigation(client: ClientMode, url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    return new URL(url).origin === client.origin;
  } catch {
    return false;
  }
}

/** `readClientMode`, at once: main.ts decides the mode before anything else starts. */
export function readClientModeSync(userDataDir: string): ClientModeSetting {
  let text: string;
  try {
    text = readFileSync(path.join(userDataDir, CLIENT_MODE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { mode: 'local' };
    return { mode: 'invalid', message: `无法读取 ${CLIENT_MODE_FILE}：${(error as Error).message}` };
  }
  return parseClientMode(text);
}

/**
 * The window of client mode: as the local one, but without the preload — the page talks HTTPS to
 * the hall like a browser does, and no IPC bridge (to a backend this app does not run) exists.
 */
export function clientWindowOptions(options: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
  const { preload: _preload, ...webPreferences } = options.webPreferences ?? {};
  return { ...options, webPreferences };
}
