import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { API_PATH_PREFIX, FILES_PATH_PREFIX, SESSION_COOKIE, UPLOADS_PATH } from '../../shared/api/bridge';
import { HTTP_STATUS, type ApiError, type ApiResult } from '../../shared/api/errors';
import { isScreenAccess, type ProcedureSpec } from '../../shared/api/contract';
import { isProcedureName, procedures } from '../../shared/api/procedures';
import { SCREEN_COOKIE } from '../../shared/hallScreens/screens';
import type { SessionCarrier } from '../backend/api/context';
import { describeApi } from './apiDescription';
import { EXPIRED_FILE_TEXT, inlineDisposition } from '../backend/documents/fileTickets';
import type { Backend } from '../backend/backend';
import { applyServerLimits, HALL_LIMITS, HSTS, sizeInWords, type HallLimits } from './hallLimits';
import { declaredLength, readBody, RequestAborted, respond } from './requestBody';
import { SAME_ORIGIN_FRAME_HEADERS, SECURITY_HEADERS } from './securityHeaders';
import { receiveUpload } from './uploadRoute';
import { readStaticFile } from './staticFiles';

export interface HallServerOptions {
  backend: Backend;
  /** The built UI (dist/renderer); without it only the API is served. */
  staticDir: string | null;
  tls?: { cert: Buffer; key: Buffer };
  /** On loopback, requests must name a loopback host (no DNS-rebinding from a web page). */
  loopbackOnly: boolean;
  /** For tests: other limits than HALL_LIMITS (e.g. a header timeout of a second). */
  limits?: Partial<HallLimits>;
  /**
   * The LAN listener's `address:port` (大厅网络, lanListener.ts): sessions started through this
   * server note it, so that turning the LAN off ends exactly them. Absent: this machine's own.
   */
  via?: string;
}

const UNAUTHENTICATED_MESSAGE = '尚未登录或登录已过期，请重新登录';

export function createHallServer(options: HallServerOptions): http.Server {
  const limits: HallLimits = { ...HALL_LIMITS, ...options.limits };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(options, limits, req, res).catch((error: unknown) => {
      // A client that went away mid-body has nobody left to answer.
      if (error instanceof RequestAborted) return void res.destroy();
      console.error('[township-desk] HTTP 出错：', error);
      if (!res.headersSent) sendJson(req, res, limits, 500, failure('INTERNAL', '系统内部错误'));
      else res.destroy();
    });
  };
  const serverOptions: http.ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
  };
  const server = options.tls
    ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, handler)
    : http.createServer(serverOptions, handler);
  applyServerLimits(server, limits);
  // A client that asks first (`Expect: 100-continue`) is told to send its body only once the
  // session and the length have passed; without this listener Node says “continue” at once.
  server.on('checkContinue', handler);
  return server;
}

async function handle(
  options: HallServerOptions,
  limits: HallLimits,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (options.tls) res.setHeader('Strict-Transport-Security', HSTS);
  const url = new URL(req.url ?? '/', 'http://hall.invalid');
  if (options.loopbackOnly && !isLoopbackHost(req.headers.host)) {
    return sendJson(req, res, limits, 403, failure('FORBIDDEN', '只接受本机地址的访问'));
  }
  const carrier = carrierFor(req, res, Boolean(options.tls), options.via ?? null);
  // Changing over to a restored data folder (first run): no request reaches a closed database.
  const unavailable = options.backend.unavailable?.() ?? null;
  if (unavailable && (url.pathname.startsWith('/api') || url.pathname === UPLOADS_PATH)) {
    res.setHeader('Retry-After', '2');
    return sendJson(req, res, limits, 503, failure('UNAVAILABLE', unavailable));
  }

  // A village node's sync (the township's receiving library): envelopes that prove themselves.
  if (url.pathname.startsWith('/sync/v1/') && (await options.backend.villageSync?.(req, res))) return;

  if (url.pathname === '/api' || url.pathname === '/api/') {
    if (req.method !== 'GET') return sendJson(req, res, limits, 405, failure('BAD_REQUEST', '请用 GET 查看接口清单'));
    // The whole API with its schemas is a map for an attacker: only a signed-in user gets it.
    if (!(await sessionIsLive(options.backend, carrier))) {
      return sendJson(req, res, limits, 401, failure('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE));
    }
    res.setHeader('Cache-Control', 'no-store');
    return sendJson(req, res, limits, 200, describeApi());
  }

  if (url.pathname === UPLOADS_PATH) {
    if (req.method !== 'PUT') return sendJson(req, res, limits, 405, failure('BAD_REQUEST', '上传文件请用 PUT 请求'));
    const origin = req.headers.origin;
    if (origin && !sameOrigin(origin, req.headers.host)) {
      return sendJson(req, res, limits, 403, failure('FORBIDDEN', '不接受来自其他网站的请求'));
    }
    res.setHeader('Cache-Control', 'no-store');
    const answer = await receiveUpload(options.backend, limits, req, res, carrier);
    return sendJson(req, res, limits, answer.status, answer.body);
  }

  if (url.pathname.startsWith(API_PATH_PREFIX)) {
    if (req.method !== 'POST') return sendJson(req, res, limits, 405, failure('BAD_REQUEST', '接口只接受 POST 请求'));
    const origin = req.headers.origin;
    if (origin && !sameOrigin(origin, req.headers.host)) {
      return sendJson(req, res, limits, 403, failure('FORBIDDEN', '不接受来自其他网站的请求'));
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(req, res, limits, 415, failure('BAD_REQUEST', '请求须为 JSON（Content-Type: application/json）'));
    }
    const procedure = url.pathname.slice(API_PATH_PREFIX.length);
    res.setHeader('Cache-Control', 'no-store');
    // Everything that can be decided from the headers is, before a byte of the body is read:
    // the name, the session (looked up from the cookie), the declared length.
    if (!isProcedureName(procedure)) {
      const unknown = await options.backend.dispatch(procedure, {}, carrier);
      return sendJson(req, res, limits, unknown.ok ? 200 : HTTP_STATUS[unknown.error.code], unknown);
    }
    const access = (procedures[procedure] as ProcedureSpec).access;
    // A screen's procedure without a screen cookie, or a user's without a live session: dispatch
    // refuses it before looking at any input. (A screen's token is checked there, with its kind.)
    const unauthenticated = isScreenAccess(access)
      ? !carrier.screen?.token
      : access !== 'public' && !(await options.backend.hasSession(carrier.token));
    if (unauthenticated) {
      // Dispatch refuses it before looking at any input, in its words (a session ended because
      // 大厅网络 was turned off says so) and clearing the cookie; still no byte of the body is read.
      const refused = await options.backend.dispatch(procedure, {}, carrier);
      const answer = refused.ok ? failure('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE) : refused;
      return sendJson(req, res, limits, refused.ok ? 401 : HTTP_STATUS[refused.error.code], answer);
    }
    // Files come by upload (uploadRoute.ts): no procedure's body is more than a form.
    const limit = limits.bodyBytes;
    const tooLarge = () =>
      sendJson(req, res, limits, 413, failure('PAYLOAD_TOO_LARGE', `请求内容超过 ${sizeInWords(limit)}`));
    if ((declaredLength(req) ?? 0) > limit) return tooLarge();
    if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
    const body = await readBody(req, limit);
    if (body === 'tooLarge') return tooLarge();
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(req, res, limits, 400, failure('BAD_REQUEST', '请求内容不是有效的 JSON'));
    }
    const result = await options.backend.dispatch(procedure, input, carrier);
    return sendJson(req, res, limits, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(req, res, limits, 405, failure('BAD_REQUEST', '不支持的请求方法'));

  if (url.pathname.startsWith(FILES_PATH_PREFIX)) {
    // Only for the session that asked for the link (its cookie comes with the viewer's request).
    // A paired screen's links (the kiosk's ticket) ride on its own cookie.
    const ticketFile =
      (await options.backend.openFile(url.pathname, { token: carrier.token })) ??
      (carrier.screen?.token
        ? await options.backend.openFile(url.pathname, { screenToken: carrier.screen.token })
        : null);
    if (!ticketFile) {
      return sendText(req, res, limits, 404, EXPIRED_FILE_TEXT, { 'Cache-Control': 'no-store' });
    }
    const body = await ticketFile.read();
    const headers = {
      'Content-Type': ticketFile.contentType,
      'Content-Disposition': inlineDisposition(ticketFile),
      'Cache-Control': 'no-store',
    };
    return respond(req, res, 200, headers, body, limits.refusedLingerMs);
  }

  const file = options.staticDir ? await readStaticFile(options.staticDir, url.pathname) : null;
  if (!file) return sendText(req, res, limits, 404, '未找到');
  const headers = {
    ...SAME_ORIGIN_FRAME_HEADERS,
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  respond(req, res, 200, headers, file.body, limits.refusedLingerMs);
}

/** Whether the request carries a live session; a dead session's cookie is cleared, as dispatch does. */
async function sessionIsLive(backend: Backend, carrier: SessionCarrier): Promise<boolean> {
  if (await backend.hasSession(carrier.token)) return true;
  if (carrier.token) carrier.setToken(null);
  return false;
}

/** The session rides in an httpOnly cookie for browsers, or `Authorization: Bearer` for scripts. */
function carrierFor(req: IncomingMessage, res: ServerResponse, secure: boolean, via: string | null): SessionCarrier {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  const setCookie = (name: string, value: string | null, lifetime = '') =>
    appendSetCookie(res, value ? `${name}=${value}; ${attributes}${lifetime}` : `${name}=; Max-Age=0; ${attributes}`);
  return {
    token: bearer ?? cookie,
    origin: req.socket.remoteAddress ?? 'http',
    via,
    setToken(token) {
      setCookie(SESSION_COOKIE, token);
    },
    screen: {
      token: readCookie(req.headers.cookie, SCREEN_COOKIE),
      // A screen stays paired across restarts of its browser: a cookie of a year, not of the session.
      setToken(token) {
        setCookie(SCREEN_COOKIE, token, `; Max-Age=${SCREEN_COOKIE_SECONDS}`);
      },
    },
  };
}

const SCREEN_COOKIE_SECONDS = 366 * 24 * 3600;

/** Adds a cookie to the answer, keeping any set before (a session cleared and a screen's set). */
function appendSetCookie(res: ServerResponse, cookie: string): void {
  const already = res.getHeader('Set-Cookie');
  const list = Array.isArray(already) ? already : typeof already === 'string' ? [already] : [];
  res.setHeader('Set-Cookie', [...list.filter((c) => !c.startsWith(cookie.split('=')[0] + '=')), cookie]);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(req: IncomingMessage, res: ServerResponse, limits: HallLimits, status: number, body: unknown): void {
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  respond(req, res, status, headers, JSON.stringify(body), limits.refusedLingerMs);
}

function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  limits: HallLimits,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  respond(req, res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, text, limits.refusedLingerMs);
}
