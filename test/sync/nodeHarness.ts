// The township node's sync tests: a real county hub (hub/hub.ts on SQLite) behind a small HTTPS
// server with a self-signed certificate, and a real township backend in a temp folder, served
// like the hall host so the API can be driven as the sync screen does. Hooks on the hub's server
// let a test count requests or break a connection at a chosen point. Shared clock: the
// enrollment file's expiry and the hub's key times are compared with the node's clock.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSelfSignedCertificate, type GeneratedCertificate } from '../../hub/certificate';
import { openHub, type Hub } from '../../hub/hub';
import { handleSyncRequest } from '../../hub/syncRoutes';
import {
  openBackend,
  type Backend,
  type BackendOptions,
  type BackendSyncOptions,
} from '../../electron/backend/backend';
import { createHallServer } from '../../electron/hall/httpServer';
import { appendChange } from '../../electron/backend/db/writes';
import type { EnrollmentFile } from '../../shared/sync/protocol';
import type { SuiteId } from '../../shared/sync/suiteIds';
import { residentId } from '../support/ids';
import { li, zhang, townshipCommittee } from '../support/mediationParties';
import { ADMIN, TestClient, TestClock } from '../support/testHall';

let certificates: Promise<[GeneratedCertificate, GeneratedCertificate]> | null = null;

/** Two certificates for 127.0.0.1: the hub's, and another one (an impostor's). */
export function testCertificates(): Promise<[GeneratedCertificate, GeneratedCertificate]> {
  const request = { commonName: '某县县级平台', altNames: ['127.0.0.1', 'localhost'] };
  certificates ??= Promise.all([createSelfSignedCertificate(request), createSelfSignedCertificate(request)]);
  return certificates;
}

/** Runs before the hub sees a request; returning true means the hook answered (or killed) it. */
export type HubHook = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface TestHubServer {
  hub: Hub;
  url: string;
  certificate: GeneratedCertificate;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  hook: HubHook | null;
  /** Serves with `certificate` from now on (another server on the same port). */
  restart(certificate?: GeneratedCertificate): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
  /** A new node's enrollment file, of `suite` (the international one unless given). */
  enrollment(townshipName?: string, suite?: SuiteId): Promise<EnrollmentFile>;
}

/** `postgres`: the hub's database on that PostgreSQL server instead of SQLite. */
export async function startTestHub(clock: TestClock, postgres?: string): Promise<TestHubServer> {
  const [certificate] = await testCertificates();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-node-hub-'));
  const hub = await openHub({ dataDir, now: clock.now, log: () => {}, ...(postgres ? { postgres } : {}) });
  let server: Server | null = null;
  let port = 0;
  const state: TestHubServer = {
    hub,
    url: '',
    certificate,
    requests: [],
    hook: null,
    async restart(cert = certificate) {
      await state.stop();
      server = createServer({ cert: cert.certificatePem, key: cert.keyPem }, (req, res) => {
        state.requests.push(`${req.method} ${req.url}`);
        if (state.hook?.(req, res)) return;
        handleSyncRequest(hub, req, res)
          .then((handled) => {
            if (!handled) res.writeHead(404).end();
          })
          .catch(() => res.destroy());
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      state.url = `https://127.0.0.1:${port}`;
    },
    async stop() {
      const running = server;
      server = null;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        running.closeAllConnections();
      });
    },
    async close() {
      await state.stop();
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    async enrollment(townshipName = '青石镇', suite) {
      const { enrollment } = await hub.createNode({
        townshipName,
        hubUrl: state.url,
        certificatePem: certificate.certificatePem,
        certificateFingerprint: certificate.fingerprint,
        ...(suite ? { suite } : {}),
      });
      return enrollment;
    },
  };
  await state.restart().catch(async (error: unknown) => {
    await hub.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return state;
}

/** Retry pauses are recorded, never waited for. */
export function recordedSleeps(random: () => number = () => 0.5) {
  const delays: number[] = [];
  return {
    delays,
    retry: { sleep: async (ms: number) => void delays.push(ms), random, maxAttempts: 3 },
  };
}

export interface TestNodeHall {
  url: string;
  dataDir: string;
  backend: Backend;
  admin: TestClient;
  client(): TestClient;
  /** Closes the backend and opens it again on the same folder (a restart of the program). */
  restart(sync?: BackendSyncOptions): Promise<void>;
  /** Closes the backend and its server, keeping the folder (another process may use it); `restart` opens it again. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** A township backend behind the hall's HTTP server, set up with an administrator signed in. */
export async function startNodeHall(
  clock: TestClock,
  sync: BackendSyncOptions = {},
  backendOptions: Partial<BackendOptions> = {},
): Promise<TestNodeHall> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-node-'));
  let backend: Backend;
  let server: ReturnType<typeof createHallServer>;
  let url = '';
  const open = async (options: BackendSyncOptions) => {
    backend = await openBackend({
      ...backendOptions,
      dataDir,
      now: clock.now,
      logError: () => {},
      sync: { log: () => {}, ...options },
    });
    server = createHallServer({ backend, staticDir: null, loopbackOnly: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };
  const shut = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await backend.close();
  };
  await open(sync);
  const admin = new TestClient(url);
  // A failed set-up must not leave the server listening: nothing else would close it.
  await admin.ok('system.setupAdministrator', ADMIN).catch(async (error: unknown) => {
    await shut();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const hall: TestNodeHall = {
    get url() {
      return url;
    },
    dataDir,
    get backend() {
      return backend;
    },
    admin,
    client: () => new TestClient(url),
    stop: () => shut(),
    async restart(options = sync) {
      if (server.listening) await shut();
      await open(options);
      const fresh = new TestClient(url);
      await fresh.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
      hall.admin = fresh;
    },
    async close() {
      await shut();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return hall;
}

export const PASSPHRASE = '青石镇同步口令2026';

/** Appends `count` change-log entries the way a busy counter would (one transaction per entry is slow; 100 a go). */
export async function appendEntries(backend: Backend, count: number, at: string): Promise<void> {
  for (let done = 0; done < count;) {
    const n = Math.min(100, count - done);
    await backend.db.transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++) {
        await appendChange(tx, {
          entity: 'testRecord',
          entityId: `r-${done + i}`,
          op: 'create',
          data: { n: done + i, text: `第 ${done + i} 条测试记录，东岗村第一村民小组` },
          actor: { id: null, name: '测试' },
          at,
        });
      }
    });
    done += n;
  }
}

/** A signed-in client of a new user with `roles` (initial password already changed). */
export async function userClient(node: TestNodeHall, username: string, roles: string[]): Promise<TestClient> {
  await node.admin.ok('users.create', { username, displayName: `${username}同志`, roles, password: 'Initial123' });
  const client = node.client();
  await client.ok('auth.login', { username, password: 'Initial123' });
  await client.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Counter2026' });
  return client;
}

/**
 * A dispute with one attachment per size in `sizes` (incompressible bytes behind a JPEG marker,
 * like a scan), through the mediation API as a clerk adds them. Returns each file's content and
 * SHA-256, in order.
 */
export async function disputeWithAttachments(
  node: TestNodeHall,
  sizes: readonly number[],
): Promise<Array<{ content: Buffer; sha256: string }>> {
  const village = await node.admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [] });
  const committee = await node.admin.ok('mediation.saveCommittee', townshipCommittee);
  const registered = await node.admin.ok('mediation.registerDispute', {
    requestId: randomUUID(),
    committeeId: committee.id,
    source: 'oralApplication',
    category: 'neighbour',
    facts: '两户因门前通道被占发生争吵。',
    villageId: village.id,
    placeDetail: '第一村民小组',
    amountYuan: 0,
    peopleInvolved: 2,
    risky: false,
    riskNote: '',
    parties: [zhang, li],
  });
  const files: Array<{ content: Buffer; sha256: string }> = [];
  for (const [i, size] of sizes.entries()) {
    const content = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
    await node.admin.ok('mediation.addAttachment', {
      disputeId: registered.dispute.id,
      fileName: `现场照片${i + 1}.jpg`,
      mimeType: 'image/jpeg',
      uploadId: await node.admin.upload(content),
      caption: '',
    });
    files.push({ content, sha256: createHash('sha256').update(content).digest('hex') });
  }
  return files;
}

/**
 * An errand a village agent registered through the API with one photo of its materials
 * (incompressible bytes behind a JPEG marker): the agent's account, placed in `villageId`, and
 * the resident are made here; the catalog holding `itemCode` must be imported.
 */
export async function errandWithAttachment(
  node: TestNodeHall,
  { villageId, itemCode, size }: { villageId: string; itemCode: string; size: number },
): Promise<{ errandId: string; content: Buffer; sha256: string }> {
  const agent = await userClient(node, 'agent', ['villageAgent']);
  const agentId = (await agent.ok('auth.session', {}))!.user.id;
  await node.admin.ok('errands.setAgentVillage', { userId: agentId, villageId });
  const resident = await node.admin.ok('residents.register', {
    name: '王桂兰',
    idType: 'residentId',
    idNumber: residentId('19720405', 311),
    ethnicity: '汉族',
    villageId,
  });
  const { errand } = await agent.ok('errands.register', { requestId: randomUUID(), residentId: resident.id, itemCode });
  const content = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
  await agent.ok('errands.attach', {
    errandId: errand.id,
    fileName: '户口簿.jpg',
    mimeType: 'image/jpeg',
    uploadId: await agent.upload(content),
  });
  return { errandId: errand.id, content, sha256: createHash('sha256').update(content).digest('hex') };
}
