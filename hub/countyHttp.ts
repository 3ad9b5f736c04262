// Small HTTP helpers of the county API: JSON answers in the shape the county page reads
// ({error:{message}} on failure) and request bodies read under a size limit.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class CountyHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CountyHttpError';
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, field?: string): void {
  sendJson(res, status, { error: field ? { message, field } : { message } });
}

export function sendBytes(
  res: ServerResponse,
  bytes: Uint8Array,
  fileName: string,
  contentType = 'application/octet-stream',
): void {
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': bytes.byteLength,
    'Content-Disposition': attachment(fileName),
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}

/** RFC 6266: an ASCII fallback name for old clients, the real (Chinese) one as filename*. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987's attr-char leaves out ' ( ) * too, which encodeURIComponent keeps as they are.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The whole body, refused past `limit` bytes: at once when Content-Length says so, otherwise
 * as soon as the count passes it (the connection is then closed: reading on would only let a
 * client make the hub swallow an unbounded upload).
 */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  const tooLarge = () => new CountyHttpError(413, `请求内容超过 ${Math.round(limit / 1024 / 1024)} MB 的上限`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    res.setHeader('Connection', 'close');
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        res.setHeader('Connection', 'close');
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function contentTypeIs(req: IncomingMessage, type: string): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === type;
}
