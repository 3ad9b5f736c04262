// Requests `fetch` cannot make: a body declared larger than what is sent, a chunked body sent
// for as long as the server takes it, and a count of the bytes that actually left — for the
// tests of what the hall host refuses before reading.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Server, Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Bytes of body the server took before it answered (or closed). */
  bytesSent: number;
}

export interface StreamedBody {
  /** Bytes of body to send in all (chunked unless `declaredLength` is given). */
  total: number;
  /** The Content-Length header; absent: `Transfer-Encoding: chunked`. */
  declaredLength?: number;
  /** Sent first (a JSON object's start, so that a server reading it all would find JSON). */
  head?: string;
  /** Sent last. */
  tail?: string;
  /** POST unless said (`PUT` for an upload). */
  method?: string;
}

const FILLER = Buffer.alloc(1024 * 1024, 'A');

/** The body as chunks of at most 1 MiB: `head`, then `A`s, then `tail`, `total` bytes in all. */
function* chunksOf(body: StreamedBody): Generator<Buffer> {
  const head = Buffer.from(body.head ?? '');
  const tail = Buffer.from(body.tail ?? '');
  let filler = body.total - head.length - tail.length;
  if (filler < 0) throw new Error('total is shorter than head and tail');
  if (head.length) yield head;
  while (filler > 0) {
    const n = Math.min(filler, FILLER.length);
    yield FILLER.subarray(0, n);
    filler -= n;
  }
  if (tail.length) yield tail;
}

/**
 * POSTs (or PUTs) `body` as fast as the server takes it, and stops sending as soon as an answer comes
 * (a server that refuses early closes the connection, so writing on would only fail). Resolves
 * with the answer; rejects only when none came.
 */
export function postStreaming(
  url: URL,
  headers: Record<string, string>,
  body: StreamedBody,
  tls?: { ca: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    let failure: Error | null = null;
    const requestHeaders: Record<string, string> = { 'Content-Type': 'application/json', ...headers };
    if (body.declaredLength !== undefined) requestHeaders['Content-Length'] = String(body.declaredLength);
    else requestHeaders['Transfer-Encoding'] = 'chunked';
    const options = { method: body.method ?? 'POST', headers: requestHeaders, agent: false as const, ...(tls ?? {}) };
    const request = url.protocol === 'https:' ? https.request(url, options) : http.request(url, options);
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      const done = () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, bytesSent });
        // The rest of the body is not wanted any more: this side closes too.
        request.destroy();
      };
      response.on('end', done);
      // The server closed right after its answer: what arrived is the answer.
      response.on('error', done);
      response.on('aborted', done);
    });
    request.on('error', (error) => {
      // EPIPE / ECONNRESET while still sending: the answer may yet be read; without one it is the outcome.
      failure = error;
      setImmediate(() => {
        if (!answered) reject(Object.assign(failure!, { bytesSent }));
      });
    });
    request.on('close', () => {
      if (!answered) reject(failure ?? Object.assign(new Error('closed without an answer'), { bytesSent }));
    });
    request.flushHeaders();
    const chunks = chunksOf(body);
    const pump = () => {
      while (!answered && !failure && !request.destroyed) {
        const next = chunks.next();
        if (next.done) return void request.end();
        bytesSent += next.value.length;
        if (!request.write(next.value)) return void request.once('drain', pump);
      }
    };
    pump();
  });
}

/**
 * Counts what the server read from each connection (`socket.bytesRead`, headers included), by
 * the order they came in; a connection's count is final once it has closed.
 */
export function watchConnections(server: Server): { read(): number[]; closed(): Promise<void>; stop(): void } {
  const sockets: Socket[] = [];
  const onConnection = (socket: Socket) => sockets.push(socket);
  server.on('connection', onConnection);
  return {
    read: () => sockets.map((s) => s.bytesRead),
    closed: () =>
      Promise.all(
        sockets.map((s) => (s.destroyed ? null : new Promise<void>((resolve) => s.once('close', () => resolve())))),
      ).then(() => {}),
    stop: () => void server.off('connection', onConnection),
  };
}
