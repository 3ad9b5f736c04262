// A TCP proxy between a township node and the county hub that misbehaves on purpose, the way
// a township's link does: it drops connections in the middle of a request or of a response,
// delays, truncates bodies, delivers a request twice or late (after later ones), and can be
// held to a bandwidth (the bench's 256 kbit/s). It counts the bytes that crossed the wire.
//
// Faults are chosen per request, so the proxy reads HTTP/1.1 requests whole (Content-Length
// bodies, which is what the sync client sends) and works on plain HTTP; throttling alone streams
// raw bytes and so also carries HTTPS (the bench).
import net from 'node:net';

export type RequestFault =
  /** Forward it. */
  | { kind: 'pass' }
  /** Forward the first `afterBytes` of the request, then close both sides (dropped mid-request). */
  | { kind: 'dropRequest'; afterBytes: number }
  /** Forward the request; close both sides once `afterBytes` of the answer came back (dropped mid-response). */
  | { kind: 'dropResponse'; afterBytes: number }
  /** Forward the first `bytes` of the request and end the hub side's input there (a cut body). */
  | { kind: 'truncateRequest'; bytes: number }
  /** Hold the request for `ms` before forwarding it. */
  | { kind: 'delay'; ms: number }
  /** Deliver it twice: the copy on a connection of its own, its answer thrown away. */
  | { kind: 'duplicate' }
  /** Swallow it (the client sees the connection drop) and deliver it after `afterRequests` later ones. */
  | { kind: 'holdForLater'; afterRequests: number };

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /**
   * The fault for the n-th request (0-based, counted over all connections). The proxy then
   * reads HTTP/1.1 requests whole before forwarding them; without it, bytes stream through.
   */
  faultFor?: (requestIndex: number) => RequestFault;
  /** Bytes per second in each direction; unlimited when absent. */
  bytesPerSecond?: number;
}

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  /** Bytes that crossed the proxy: client → hub and hub → client. */
  readonly bytes: { up: number; down: number };
  readonly connections: number;
  readonly requests: number;
  /** What was done to the requests, by kind of fault. */
  readonly injected: Record<RequestFault['kind'] | 'released', number>;
  close(): Promise<void>;
}

/** Cuts a stream of HTTP/1.1 requests into whole requests (Content-Length bodies only). */
class RequestSplitter {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const requests: Buffer[] = [];
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const head = this.buffer.subarray(0, headerEnd).toString('latin1');
      const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      const total = headerEnd + 4 + (match ? Number(match[1]) : 0);
      if (this.buffer.length < total) break;
      requests.push(Buffer.from(this.buffer.subarray(0, total)));
      this.buffer = this.buffer.subarray(total);
    }
    return requests;
  }
}

/** A token bucket shared by every connection in one direction, like one slow line. */
class Throttle {
  private nextFree = 0;
  constructor(private readonly bytesPerSecond: number) {}

  /** Milliseconds to wait before `bytes` may go. */
  reserve(bytes: number): number {
    const now = performance.now();
    const start = Math.max(now, this.nextFree);
    this.nextFree = start + (bytes / this.bytesPerSecond) * 1000;
    return this.nextFree - now;
  }
}

/** Splits chunks so that a throttled line never sends a large burst at once. */
const THROTTLE_SLICE = 4096;

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const bytes = { up: 0, down: 0 };
  const injected: FaultProxy['injected'] = {
    pass: 0,
    dropRequest: 0,
    dropResponse: 0,
    truncateRequest: 0,
    delay: 0,
    duplicate: 0,
    holdForLater: 0,
    released: 0,
  };
  const throttles = options.bytesPerSecond
    ? { up: new Throttle(options.bytesPerSecond), down: new Throttle(options.bytesPerSecond) }
    : null;
  const sockets = new Set<net.Socket>();
  const held: { request: Buffer; releaseAt: number }[] = [];
  let connections = 0;
  let requests = 0;

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  /** Sends a captured request on a connection of its own and throws the answer away. */
  const deliverAside = (request: Buffer) => {
    const side = net.connect(options.target.port, options.target.host);
    track(side);
    side.on('data', () => undefined);
    side.end(request);
  };

  const releaseDue = () => {
    for (let i = held.length - 1; i >= 0; i--) {
      if (requests < held[i]!.releaseAt) continue;
      const [entry] = held.splice(i, 1);
      injected.released++;
      deliverAside(entry!.request);
    }
  };

  /** Writes chunks in order, each after the throttle of its direction and an optional delay. */
  const writer = (direction: 'up' | 'down', to: net.Socket) => {
    let queue = Promise.resolve();
    return (chunk: Buffer, options: { delayMs?: number; then?: () => void } = {}) => {
      queue = queue.then(async () => {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        for (let at = 0; at < chunk.length || (at === 0 && chunk.length === 0); at += THROTTLE_SLICE) {
          const slice = throttles ? chunk.subarray(at, at + THROTTLE_SLICE) : chunk.subarray(at);
          const wait = throttles ? throttles[direction].reserve(slice.length) : 0;
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (to.destroyed) return;
          bytes[direction] += slice.length;
          if (slice.length) to.write(slice);
          if (!throttles) break;
        }
        options.then?.();
      });
    };
  };

  const server = net.createServer((client) => {
    connections++;
    track(client);
    const hub = net.connect(options.target.port, options.target.host);
    track(hub);
    const closeBoth = () => {
      client.destroy();
      hub.destroy();
    };
    client.on('close', () => hub.destroy());
    hub.on('close', () => client.destroy());
    const up = writer('up', hub);
    const down = writer('down', client);
    /** Bytes of the answer still allowed through before the connection is cut (dropResponse). */
    let responseBudget = Infinity;
    const splitter = options.faultFor ? new RequestSplitter() : null;

    client.on('data', (chunk: Buffer) => {
      if (!splitter) {
        up(chunk);
        return;
      }
      for (const request of splitter.push(chunk)) {
        const fault = options.faultFor!(requests++);
        injected[fault.kind]++;
        releaseDue();
        switch (fault.kind) {
          case 'pass':
            up(request);
            break;
          case 'delay':
            up(request, { delayMs: fault.ms });
            break;
          case 'duplicate':
            up(request);
            deliverAside(request);
            break;
          case 'dropRequest':
            up(request.subarray(0, Math.min(fault.afterBytes, request.length - 1)), { then: closeBoth });
            return;
          case 'truncateRequest':
            up(request.subarray(0, Math.min(fault.bytes, request.length - 1)), { then: () => hub.end() });
            return;
          case 'dropResponse':
            responseBudget = fault.afterBytes;
            up(request);
            break;
          case 'holdForLater':
            held.push({ request, releaseAt: requests + fault.afterRequests });
            closeBoth();
            return;
        }
      }
    });
    hub.on('data', (chunk: Buffer) => {
      if (chunk.length >= responseBudget) {
        down(chunk.subarray(0, responseBudget), { then: closeBoth });
        responseBudget = 0;
        return;
      }
      responseBudget -= chunk.length;
      down(chunk);
    });
    client.on('end', () => up(Buffer.alloc(0), { then: () => hub.end() }));
    hub.on('end', () => down(Buffer.alloc(0), { then: () => client.end() }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    bytes,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    injected,
    async close() {
      held.length = 0;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
