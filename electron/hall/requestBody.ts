// Reading a request's body within a limit, and answering without reading it.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The connection closed before the whole body arrived: nobody is left to answer. */
export class RequestAborted extends Error {}

/** The body's length as the request declares it; null when it does not (chunked). */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  // Node's parser already refuses a malformed Content-Length; this is belt and braces.
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/**
 * The body, or 'tooLarge' as soon as more than `limit` bytes have come — reading stops there
 * (the caller answers 413 and closes the connection), so a chunked body of any length costs at
 * most `limit`. The caller has already refused a Content-Length over the limit without reading.
 * Nothing is set aside in advance for a declared length: a body costs memory only as its bytes
 * arrive, so a client that declares 1 MB and sends nothing holds nothing but its connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        chunks.length = 0;
        return settle(() => resolve('tooLarge'));
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(() => resolve(Buffer.concat(chunks, size))));
    req.once('error', () => settle(() => reject(new RequestAborted('请求中断'))));
    req.once('close', () => settle(() => reject(new RequestAborted('请求中断'))));
  });
}

/**
 * Answers a request and, if its body has not been read to its end, closes the connection
 * without reading any more of it.
 *
 * Ending the response the ordinary way would make Node read the rest of the body (and throw it
 * away) to keep the connection alive — all 60 MB a stranger chose to send. Destroying the socket
 * at once would send a reset that overtakes the answer: a client still sending sees “connection
 * reset” and never reads its 401 or 413. So the answer is written whole (its Content-Length
 * tells the client it is complete, `Connection: close` that nothing follows), the sending side is
 * closed, nothing more is read — the unread bytes stay in the kernel's small receive window,
 * which stops the client — and the socket is destroyed `lingerMs` later, once the client has
 * had time to read the answer.
 */
export function respond(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: Uint8Array | string,
  lingerMs: number,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const sendBody = req.method !== 'HEAD';
  if (!bodyUnread(req)) {
    res.writeHead(status, { ...headers, 'Content-Length': bytes.byteLength });
    res.end(sendBody ? bytes : undefined);
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Length': bytes.byteLength, Connection: 'close' });
  // Written, not ended: `end()` is what makes Node read the rest of the body.
  if (sendBody) res.write(bytes);
  else res.flushHeaders();
  const socket = req.socket;
  socket.end();
  setTimeout(() => socket.destroy(), lingerMs).unref();
}

/** Whether the request has a body that has not all been read (a request without one is complete as soon as its headers are). */
function bodyUnread(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = declaredLength(req);
  return length === null ? req.headers['transfer-encoding'] !== undefined : length > 0;
}
