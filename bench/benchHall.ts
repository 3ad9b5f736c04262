// What the domain benches share: a hall host on a prepared data folder, a client that calls it
// over real HTTP as a browser would, and a timer.
import type { AddressInfo } from 'node:net';
import { openBackend, type Backend } from '../electron/backend/backend';
import { createHallServer } from '../electron/hall/httpServer';

export class Client {
  cookie: string | null = null;
  constructor(private readonly baseUrl: string) {}
  async ok<T>(procedure: string, input: unknown): Promise<T> {
    const response = await fetch(new URL(`/api/${procedure}`, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${procedure}：${body.error?.message}`);
    return body.result as T;
  }
  async download(fileUrl: string): Promise<number> {
    // The link opens for the session that asked for it: its cookie rides along.
    const response = await fetch(new URL(fileUrl, this.baseUrl), {
      headers: this.cookie ? { Cookie: this.cookie } : {},
    });
    return (await response.arrayBuffer()).byteLength;
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

/** The hall host on `dataDir`, its clock starting at `now`; `close` stops both. */
export async function startBenchHall(
  dataDir: string,
  now: Date,
  databaseKey: Uint8Array | null = null,
  /** Papers drawn in worker threads, as the hosts do; default: as `openBackend` decides (tsx: in-thread). */
  renderInWorkers?: boolean,
): Promise<{ backend: Backend; url: string; close(): Promise<void> }> {
  const backend = await openBackend({
    dataDir,
    databaseKey,
    renderInWorkers,
    now: () => new Date(now.getTime() + performance.now()),
    logError: () => {},
    // stdout carries the bench's JSON: the sync's lines (a retry on a slow link) go to stderr.
    sync: { log: (line) => console.error(`[township-desk] ${line}`) },
  });
  const server = createHallServer({ backend, staticDir: null, loopbackOnly: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    backend,
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
    },
  };
}
