import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { API_PATH_PREFIX, FILES_PATH_PREFIX, SESSION_COOKIE } from '../../shared/api/bridge';
import { HTTP_STATUS, type ApiError, type ApiResult } from '../../shared/api/errors';
import type { SessionCarrier } from '../backend/api/context';
import { describeApi } from './apiDescription';
import { EXPIRED_FILE_TEXT, inlineDisposition } from '../backend/documents/fileTickets';
import type { Backend } from '../backend/backend';
import { SECURITY_HEADERS } from './securityHeaders';
import { readStaticFile } from './staticFiles';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Procedures that carry a file as base64 (a 20 MB scan, a sync reply file from the county) get
 * a larger body; every other request stays small, so one cannot make the host buffer megabytes.
 */
const FILE_PROCEDURES: ReadonlySet<string> = new Set([
  'mediation.addAttachment',
  'petitions.addAttachment',
  'sync.importFile',
]);
export const MAX_FILE_BODY_BYTES = 64 * 1024 * 1024;

export interface HallServerOptions {
  backend: Backend;
  /** The built UI (dist/renderer); without it only the API is served. */
  staticDir: string | null;
  tls?: { cert: Buffer; key: Buffer };
  /** On loopback, requests must name a loopback host (no DNS-rebinding from a web page). */
  loopbackOnly: boolean;
}

export function createHallServer(options: HallServerOptions): http.Server {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error('[township-desk] HTTP 出错：', error);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', '系统内部错误'));
      else res.destroy();
    });
  };
  return options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : http.createServer(handler);
}

async function handle(options: HallServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const url = new URL(req.url ?? '/', 'http://hall.invalid');
  if (options.loopbackOnly && !isLoopbackHost(req.headers.host)) {
    return sendJson(res, 403, failure('FORBIDDEN', '只接受本机地址的访问'));
  }

  if (url.pathname === '/api' || url.pathname === '/api/') {
    if (req.method !== 'GET') return sendJson(res, 405, failure('BAD_REQUEST', '请用 GET 查看接口清单'));
    return sendJson(res, 200, describeApi());
  }

  if (url.pathname.startsWith(API_PATH_PREFIX)) {
    if (req.method !== 'POST') return sendJson(res, 405, failure('BAD_REQUEST', '接口只接受 POST 请求'));
    const origin = req.headers.origin;
    if (origin && !sameOrigin(origin, req.headers.host)) {
      return sendJson(res, 403, failure('FORBIDDEN', '不接受来自其他网站的请求'));
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, failure('BAD_REQUEST', '请求须为 JSON（Content-Type: application/json）'));
    }
    const procedure = url.pathname.slice(API_PATH_PREFIX.length);
    const limit = FILE_PROCEDURES.has(procedure) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === 'tooLarge')
      return sendJson(
        res,
        413,
        failure(
          'PAYLOAD_TOO_LARGE',
          `请求内容超过 ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`}`,
        ),
      );
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, failure('BAD_REQUEST', '请求内容不是有效的 JSON'));
    }
    const carrier = carrierFor(req, res, Boolean(options.tls));
    const result = await options.backend.dispatch(procedure, input, carrier);
    res.setHeader('Cache-Control', 'no-store');
    return sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, failure('BAD_REQUEST', '不支持的请求方法'));

  if (url.pathname.startsWith(FILES_PATH_PREFIX)) {
    const ticketFile = options.backend.openFile(url.pathname);
    if (!ticketFile) {
      res.writeHead(410, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(EXPIRED_FILE_TEXT);
    }
    const body = await ticketFile.read();
    res.writeHead(200, {
      'Content-Type': ticketFile.contentType,
      'Content-Length': body.byteLength,
      'Content-Disposition': inlineDisposition(ticketFile),
      'Cache-Control': 'no-store',
    });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }

  const file = options.staticDir ? await readStaticFile(options.staticDir, url.pathname) : null;
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('未找到');
  }
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** The session rides in an httpOnly cookie for browsers, or `Authorization: Bearer` for scripts. */
function carrierFor(req: IncomingMessage, res: ServerResponse, secure: boolean): SessionCarrier {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  return {
    token: bearer ?? cookie,
    origin: req.socket.remoteAddress ?? 'http',
    setToken(token) {
      res.setHeader(
        'Set-Cookie',
        token ? `${SESSION_COOKIE}=${token}; ${attributes}` : `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`,
      );
    },
  };
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'tooLarge' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
