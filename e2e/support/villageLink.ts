// The link between a village node and its township hall, for browser tests: the township's
// 大厅网络 is a stand-in controller (as in test/sync/villageHarness's `lanAt`) that the test
// opens and closes, naming the address of a forwarder in front of the hall's own server; cutting
// the forwarder is the village's link going down (connections refused, as when the township's
// PC is off or the road's cable is cut), restoring it on the same port brings it back.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { HallNetworkController } from '../../electron/backend/hallNetwork/hallNetworkController';
import { lanAt } from '../../test/sync/villageHarness';

export interface StandInLan {
  controller: HallNetworkController;
  /** Whether the administrator has opened 大厅网络 (the test says so). */
  open: boolean;
  /** The address the village reaches the township at. */
  url: string;
}

/** A 大厅网络 that is closed until the test sets `open`, then names `url` with the test certificate. */
export async function standInLan(): Promise<StandInLan> {
  const lan: StandInLan = { controller: null as unknown as HallNetworkController, open: false, url: '' };
  const opened = await lanAt(() => lan.url || 'http://127.0.0.1:1');
  const status = async () => {
    const open = await opened.status();
    return lan.open ? open : { ...open, enabled: false, listening: false, urls: [], certificate: null };
  };
  lan.controller = {
    status,
    enable: async () => {
      lan.open = true;
      return status();
    },
    disable: async () => {
      lan.open = false;
      return status();
    },
  };
  return lan;
}

export interface VillageLink {
  /** `http://127.0.0.1:<port>`: the township as the village reaches it. */
  url: string;
  /** The link goes down: the port refuses connections and open ones are cut. */
  cut(): Promise<void>;
  /** The link comes back on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP forwarder to the hall at `target` (its URL). */
export async function villageLink(target: string): Promise<VillageLink> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    const next = createServer((inbound) => {
      const outbound = connect(Number(targetPort), hostname);
      for (const socket of [inbound, outbound]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const cut = async () => {
    const running = server;
    server = null;
    if (!running) return;
    const closed = new Promise<void>((resolve) => running.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    restore: async () => {
      if (!server) await listen();
    },
    close: cut,
  };
}
