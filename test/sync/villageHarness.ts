// Three tiers for tests (ARCHITECTURE principle 9): a county hub (SQLite or PostgreSQL) serving
// its sync routes over HTTP, a township backend behind the hall's HTTP server enrolled to it, and
// a village node — the same backend, in another folder — enrolled to the township with a file
// the township issued. The township's 大厅网络 is a stand-in controller naming the township's
// address (the real listener is proven in test/hallNetwork); the village reaches the township's
// /sync/v1/ routes on that address, through a fault proxy when the test gives one.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hub } from '../../hub/hub';
import type { HallNetworkController } from '../../electron/backend/hallNetwork/hallNetworkController';
import type { HallNetworkStatus } from '../../shared/hallNetwork/api';
import { catalogFile } from '../../shared/catalog/catalog';
import { residentId } from '../support/ids';
import { serveSyncRoutes, type ServedSync } from '../support/syncServer';
import type { HubFixture } from '../support/testHub';
import type { TestClient, TestClock } from '../support/testHall';
import type { BackendSyncOptions } from '../../electron/backend/backend';
import { appendChange } from '../../electron/backend/db/writes';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { PASSPHRASE, startNodeHall, testCertificates, type TestNodeHall } from './nodeHarness';

export const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
export const agentItem = demoCatalog.items.find(
  (item) => item.agentAllowed && item.activeTo === null && item.handlingType === 'promised',
)!;
export const requiredMaterials = agentItem.materials.filter((m) => m.required).map((m) => m.name);

/** A 大厅网络 controller that says the LAN is open at `url()` with the test certificate. */
export async function lanAt(url: () => string): Promise<HallNetworkController> {
  const [certificate] = await testCertificates();
  const status = (): HallNetworkStatus => ({
    available: true,
    unavailableReason: null,
    enabled: true,
    listening: true,
    address: '127.0.0.1',
    port: Number(new URL(url()).port),
    urls: [url()],
    certificate: {
      fingerprint: certificate.fingerprint,
      spkiPin: '',
      pem: certificate.certificatePem,
      createdAt: '2026-01-01T00:00:00Z',
      validUntil: '2036-01-01T00:00:00Z',
      names: ['127.0.0.1'],
    },
    machineAddresses: [],
    problem: null,
  });
  return { status: async () => status(), enable: async () => status(), disable: async () => status() };
}

export interface Tiers {
  county: Hub;
  countyRoutes: ServedSync;
  township: TestNodeHall;
  village: TestNodeHall;
  villageNodeId: string;
  townshipNodeId: string;
  villageId: string;
  agentId: string;
  residentIds: string[];
  /** The township's address as the village uses it (the proxy's when there is one). */
  townshipUrl(): string;
  close(): Promise<void>;
}

export interface TierOptions {
  /** Where the village reaches the township (a fault proxy in front of it); the township itself by default. */
  viaProxy?: (townshipUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
  villageSync?: BackendSyncOptions;
  /** No link at all: the file names an address where nothing listens; everything goes by USB file. */
  noLink?: boolean;
  /** Numbers per block the township reserves for the village (default: the township's default). */
  blockSize?: number;
  /** The township's database key (its data files encrypted with it); none by default. */
  townshipDatabaseKey?: Uint8Array;
}

/** An address on this machine where nothing listens (a port opened and closed again). */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Runs a node's sync until a run succeeds (a faulty link needs several). */
export async function syncUntilDone(node: TestNodeHall, most = 30): Promise<void> {
  for (let run = 1; ; run++) {
    const result = await node.backend.sync.runOnce();
    if (result.ok) return;
    assert.ok(run < most, `同步一直没有完成：${result.message}`);
  }
}

export async function startTiers(fixture: HubFixture, clock: TestClock, options: TierOptions = {}): Promise<Tiers> {
  const countyHub = await fixture.hub();
  countyHub.clock.current = clock.now();
  const county = countyHub.hub;
  const countyRoutes = await serveSyncRoutes(() => county);
  let villageUrl = '';
  const township = await startNodeHall(
    clock,
    {},
    { hallNetwork: await lanAt(() => villageUrl), databaseKey: options.townshipDatabaseKey ?? null },
  );
  villageUrl = township.url.replace(/\/$/, '');
  const proxy = options.viaProxy ? await options.viaProxy(villageUrl) : null;
  if (proxy) villageUrl = proxy.url.replace(/\/$/, '');
  if (options.noLink) villageUrl = await deadAddress();

  const admin = township.admin;
  const place = await admin.ok('places.saveVillage', {
    name: '东岗村',
    kind: 'village',
    groups: [{ name: '第一村民小组' }],
  });
  await admin.ok('catalog.importFile', demoCatalog);
  await admin.ok('users.create', {
    username: 'agent',
    displayName: '赵代办',
    roles: ['villageAgent'],
    password: 'Initial123',
  });
  const agents = await admin.ok('errands.agents', {});
  const agentId = agents.agents.find((a) => a.name === '赵代办')!.userId;
  await admin.ok('errands.setAgentVillage', { userId: agentId, villageId: place.id });
  const residentIds: string[] = [];
  for (const [i, name] of ['李秀英', '王桂兰'].entries()) {
    const resident = await admin.ok('residents.register', {
      name,
      idType: 'residentId',
      idNumber: residentId(`1950010${i + 1}`, 300 + i),
      ethnicity: '汉族',
      villageId: place.id,
    });
    residentIds.push(resident.id);
  }
  // The township enrolls to the county.
  const [certificate] = await testCertificates();
  const { enrollment } = await county.createNode({
    townshipName: '青石镇',
    hubUrl: countyRoutes.url,
    certificatePem: certificate.certificatePem,
    certificateFingerprint: certificate.fingerprint,
  });
  const townshipEnrolled = await admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
  assert.equal(townshipEnrolled.registered, true, townshipEnrolled.message);

  // The township issues the village's file; the village node imports it.
  const created = await admin.ok('villageNodes.create', {
    villageId: place.id,
    name: '东岗村村委会',
    ...(options.blockSize ? { blockSize: options.blockSize } : {}),
  });
  const file = JSON.parse(await (await admin.fetchFile(created.fileUrl)).text()) as unknown;
  const village = await startNodeHall(clock, options.villageSync ?? {});
  const villageEnrolled = await village.admin.ok('sync.enroll', { file, passphrase: PASSPHRASE });
  assert.equal(villageEnrolled.registered, !options.noLink, villageEnrolled.message);

  return {
    county,
    countyRoutes,
    township,
    village,
    villageNodeId: created.node.id,
    townshipNodeId: enrollment.nodeId,
    villageId: place.id,
    agentId,
    residentIds,
    townshipUrl: () => villageUrl,
    async close() {
      await village.close();
      await township.close();
      await proxy?.close();
      await countyRoutes.close();
    },
  };
}

/** The agent signed in on the village node (the village's administrator gave them a password there). */
export async function agentOnVillage(tiers: Tiers): Promise<TestClient> {
  await tiers.village.admin.ok('users.resetPassword', { id: tiers.agentId, password: 'Village123' });
  const agent = tiers.village.client();
  await agent.ok('auth.login', { username: 'agent', password: 'Village123' });
  await agent.ok('auth.changePassword', { currentPassword: 'Village123', newPassword: 'Agent2026x' });
  return agent;
}

/**
 * `count` errands written on the village node as a busy agent's laptop would over weeks (rows
 * and their entries together, 100 a transaction — the API's paper for each would take minutes),
 * each entry carrying its errand row as every write does.
 */
export async function appendVillageErrands(tiers: Tiers, count: number, at: string): Promise<string[]> {
  const db = tiers.village.backend.db;
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'name'])
    .where('id', '=', tiers.residentIds[0]!)
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let done = 0; done < count;) {
    const n = Math.min(100, count - done);
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++) {
        const id = uuidv7();
        ids.push(id);
        await tx
          .insertInto('errands')
          .values({
            id,
            request_key: id,
            node_id: tiers.village.backend.nodeId,
            agent_id: tiers.agentId,
            agent_name: '赵代办',
            village_id: tiers.villageId,
            resident_id: resident.id,
            resident_name: resident.name,
            item_code: agentItem.code,
            item_name: agentItem.name,
            item: JSON.stringify(agentItem),
            materials: '[]',
            status: 'authorised',
            authorised_at: at,
            authorised_on: at.slice(0, 10),
            handover_id: null,
            handed_over_on: null,
            case_id: null,
            delivered_on: null,
            delivery_signed_by: null,
            withdraw_reason: null,
            authorisation_number: null,
            updated_at: at,
          })
          .execute();
        await appendChange(tx, {
          entity: 'errand',
          entityId: id,
          op: 'register',
          data: { n: done + i },
          actor: { id: tiers.agentId, name: '赵代办' },
          at,
        });
      }
    });
    done += n;
  }
  return ids;
}
