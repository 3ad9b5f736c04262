// What the sync and rebuild benches share: a demo township's hall (2,000 residents, no bulk cases
// or disputes: its month of work is made from real entries), and the county hub over HTTPS with
// its own certificate behind a proxy held to a bandwidth.
import { createSelfSignedCertificate, type GeneratedCertificate } from '../hub/certificate';
import { openHub, type Hub } from '../hub/hub';
import { startHubServer } from '../hub/server';
import { openDatabase } from '../electron/backend/db/database';
import { seedDemoTownship } from '../demo/demoTownship';
import { startFaultProxy } from '../test/support/faultProxy';
import { startBenchHall } from './benchHall';

export async function demoTownshipHall(dataDir: string, seed: number, now: Date) {
  const db = await openDatabase(dataDir);
  await seedDemoTownship(db, { residents: 2_000, seed, now, counterCases: false, disputes: false });
  await db.destroy();
  return startBenchHall(dataDir, now);
}

export interface HubBehindLink {
  hub: Hub;
  certificate: GeneratedCertificate;
  /** The hub's own address (a fast link). */
  url: string;
  /** The proxy's address, held to the bandwidth. */
  slowUrl: string;
  bytesPerSecond: number;
  /** Bytes that crossed the slow link so far, each way. */
  bytes: { up: number; down: number };
  close(): Promise<void>;
}

export async function hubBehindSlowLink(hubDir: string, kbitPerSecond: number): Promise<HubBehindLink> {
  const hub = await openHub({ dataDir: hubDir, log: () => {} });
  const certificate = await createSelfSignedCertificate({ commonName: '县级平台', altNames: ['127.0.0.1'] });
  const server = await startHubServer({
    hub,
    host: '127.0.0.1',
    port: 0,
    tls: certificate,
    countyToken: 'bench',
    uiDir: null,
  });
  const bytesPerSecond = (kbitPerSecond * 1000) / 8;
  const proxy = await startFaultProxy({
    target: { host: '127.0.0.1', port: Number(new URL(server.url).port) },
    bytesPerSecond,
  });
  return {
    hub,
    certificate,
    url: server.url,
    slowUrl: `https://127.0.0.1:${proxy.port}`,
    bytesPerSecond,
    get bytes() {
      return { ...proxy.bytes };
    },
    async close() {
      await proxy.close();
      await server.close();
      await hub.close();
    },
  };
}
