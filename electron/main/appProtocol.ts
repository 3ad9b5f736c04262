// The desktop window loads the built UI from `app://township/…`, a custom scheme served from
// `dist/renderer`, instead of `file://`: the page gets a real origin (so the CSP's 'self', the
// IPC sender check and the navigation guard all mean "our files"), and `file://`'s extra
// powers (reading any file on disk) never come into play.
//
// Plain Node on purpose (no 'electron' import): Request and Response are Node globals, so the
// whole handler is unit-tested in test/electron-shell/appProtocol.test.ts.
import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import { FILES_PATH_PREFIX } from '../../shared/api/bridge';
import { EXPIRED_FILE_TEXT, inlineDisposition, type TicketFile } from '../backend/documents/fileTickets';
import { mimeTypeFor } from '../hall/mimeTypes';
import { SECURITY_HEADERS } from '../hall/securityHeaders';

export { mimeTypeFor };

export const APP_SCHEME = 'app';
export const APP_HOST = 'township';
/** The origin of the desktop UI, as Chromium spells it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: `standard` gives the scheme real
 * origins and relative-URL resolution, `secure` makes it a secure context like https;
 * `supportFetchAPI` lets the page fetch its own assets; `codeCache` speeds up start-up.
 * No `bypassCSP`, no service workers, no CORS opening.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

export type AppFileResolution =
  { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 404; reason: string };

/** The parts of `node:path` used here, so tests can check Windows rules on Linux (`path.win32`). */
export type PathApi = Pick<typeof path, 'join' | 'relative' | 'isAbsolute' | 'extname' | 'sep'>;

/** CON, NUL, COM1 … open devices on Windows whatever folder they are asked for in. */
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

const APP_URL_PREFIX = new RegExp(`^${APP_SCHEME}://${APP_HOST}(?:[/?#]|$)`, 'i');

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Is `value` an `app://township` URL (any path)? Host compared as Chromium normalises it. */
export function parseAppUrl(value: string): URL | null {
  // The URL parser forgives a lot (surrounding spaces, tabs and newlines anywhere, `\` for `/`);
  // insist that the text itself starts with the origin, as Chromium's canonical URLs do.
  if (!APP_URL_PREFIX.test(value) || /\s/.test(value) || hasControlCharacter(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:`) return null;
  if (url.hostname.toLowerCase() !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/**
 * Maps an `app://township/…` request URL to a file inside `rendererDir`. Refuses other
 * schemes and hosts, `..`/`.` segments (also percent-encoded), encoded separators (`%2f`,
 * `%5c`), drive letters and other `:`, NUL, empty segments, hidden files and Windows device
 * names; then checks that the joined path is still inside `rendererDir`. A path whose last
 * segment has no extension is a client-side route and gets `index.html`.
 */
export function resolveAppFile(requestUrl: string, rendererDir: string, pathApi: PathApi = path): AppFileResolution {
  const url = parseAppUrl(requestUrl);
  if (!url) return { ok: false, status: 400, reason: 'not an app:// URL of this app' };
  // Chromium spells the root of a standard scheme `/`; Node's URL leaves it empty.
  const rawPath = url.pathname === '' ? '/' : url.pathname;
  if (!rawPath.startsWith('/')) return { ok: false, status: 400, reason: 'path must be absolute' };

  const rawSegments = rawPath.slice(1).split('/');
  // `/` and `/dir/` (a trailing slash) mean the UI's entry page.
  if (rawSegments[rawSegments.length - 1] === '') rawSegments.pop();

  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (segment === '' || segment === '.' || segment === '..') {
      return { ok: false, status: 400, reason: 'empty or dot segment' };
    }
    if (/[/\\:]/.test(segment) || hasControlCharacter(segment)) {
      return { ok: false, status: 400, reason: 'separator, drive letter or control character in a segment' };
    }
    if (segment.startsWith('.') || /[. ]$/.test(segment) || WINDOWS_DEVICE_NAME.test(segment)) {
      return { ok: false, status: 404, reason: 'hidden file or name Windows would rewrite' };
    }
    segments.push(segment);
  }

  const last = segments[segments.length - 1];
  if (last === undefined || pathApi.extname(last) === '') {
    segments.length = 0;
    segments.push('index.html');
  }

  const filePath = pathApi.join(rendererDir, ...segments);
  const relative = pathApi.relative(rendererDir, filePath);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) {
    return { ok: false, status: 400, reason: 'outside the UI folder' };
  }
  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}

/** The `/files/…` path of an app URL, or null for any other URL (the UI's own files). */
export function filesPathOf(requestUrl: string): string | null {
  const url = parseAppUrl(requestUrl);
  return url && url.pathname.startsWith(FILES_PATH_PREFIX) ? url.pathname : null;
}

/** Headers of every response of the scheme, errors included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    // The files change with each update of the app; never serve a stale bundle.
    'Cache-Control': 'no-cache',
  };
}

export interface AppRequestHandlerOptions {
  /** Absolute path of the built UI (`dist/renderer`). */
  rendererDir: string;
  /** For tests; defaults to `fs.promises.readFile` (which reads inside app.asar in Electron). */
  readFile?: (filePath: string) => Promise<Uint8Array>;
  /** The backend's short-lived `/files/<ticket>/<name>` links (documents to preview and print). */
  openFile?: (urlPath: string) => Promise<TicketFile | null>;
  log?: (message: string, error?: unknown) => void;
}

/** The function given to `protocol.handle(APP_SCHEME, …)`. */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((filePath: string) => fsReadFile(filePath));
  const log = options.log ?? (() => {});

  const errorResponse = (status: number, text: string) =>
    new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const response = errorResponse(405, '不支持的请求方法');
      response.headers.set('Allow', 'GET, HEAD');
      return response;
    }
    const filesPath = filesPathOf(request.url);
    if (filesPath !== null) {
      const file = options.openFile ? await options.openFile(filesPath) : null;
      if (!file) return errorResponse(410, EXPIRED_FILE_TEXT);
      const fileBody = await file.read();
      return new Response(request.method === 'HEAD' ? null : (fileBody as Uint8Array<ArrayBuffer>), {
        status: 200,
        headers: {
          ...appResponseHeaders(file.contentType),
          'Content-Disposition': inlineDisposition(file),
          'Cache-Control': 'no-store',
        },
      });
    }
    const resolved = resolveAppFile(request.url, options.rendererDir);
    if (!resolved.ok) {
      log(`app:// 拒绝请求 ${request.url}：${resolved.reason}`);
      return errorResponse(resolved.status, resolved.status === 404 ? '未找到' : '请求无效');
    }
    let body: Uint8Array;
    try {
      body = await readFile(resolved.filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return errorResponse(404, '未找到');
      log(`app:// 读取失败 ${resolved.filePath}`, error);
      return errorResponse(500, '读取界面文件失败');
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: appResponseHeaders(resolved.mimeType),
    });
  };
}
