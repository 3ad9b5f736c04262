// The hub's node-facing routes (hub/syncRoutes.ts) on a plain HTTP server of their own, for the
// hub's tests: the county's server adds TLS and its other routes around the same handler.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hub } from '../../hub/hub';
import { handleSyncRequest, type SyncRouteOptions } from '../../hub/syncRoutes';

export interface ServedSync {
  url: string;
  close(): Promise<void>;
}

/** Serves `hub()` (read per request, so a test may reopen the hub) until `close`. */
export async function serveSyncRoutes(hub: () => Hub, options: SyncRouteOptions = {}): Promise<ServedSync> {
  const server: Server = createServer((req, res) => {
    handleSyncRequest(hub(), req, res, options).then(
      (handled) => {
        if (!handled) res.writeHead(404).end('not sync');
      },
      (error) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A request sent from a chosen loopback address (all of 127.0.0.0/8 is this machine on Linux),
 * so a test can be two clients at once. Resolves with the status and the body as text.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; body?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body ? Buffer.from(options.body) : undefined);
  });
}
