// The link of issue 6's "Done means": a fault-injecting proxy between the township and the
// county hub drops connections mid-request and mid-response, delays, duplicates and reorders
// requests and cuts bodies, over thousands of entries — and every entry still reaches the hub
// exactly once and in order, on SQLite and on PostgreSQL. Once for a township on the
// international suite (3,000 entries) and once for one the county enrolled on the 国密 suite
// (issue 17: 2,000 entries, with attachments that go up resumably through the same faults).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { after, describe, test } from 'node:test';
import type { Hub } from '../../hub/hub';
import { handleSyncRequest } from '../../hub/syncRoutes';
import { mulberry32 } from '../../demo/random';
import { startFaultProxy, type RequestFault } from '../support/faultProxy';
import { HubFixture, type Dialect } from '../support/testHub';
import { postgresAvailable } from '../support/postgres';
import { TestClock } from '../support/testHall';
import { parseEnvelope } from '../../shared/sync/envelope';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, SUITE_LABELS, suiteOf, type SuiteId } from '../../shared/sync/suites';
import { PASSPHRASE, appendEntries, disputeWithAttachments, startNodeHall, testCertificates } from './nodeHarness';

/** Per suite: how many entries, and the attachments (bytes each) that go up beside them. */
const RUNS: Array<{ suite: SuiteId; entries: number; attachments: number[] }> = [
  { suite: SUITE_INTERNATIONAL, entries: 3_000, attachments: [] },
  { suite: SUITE_GUOMI, entries: 2_000, attachments: [300 * 1024, 700 * 1024] },
];

/** The hub's sync routes on plain HTTP, so that the proxy can see whole requests. */
async function plainHubServer(hub: Hub): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handleSyncRequest(hub, req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404).end();
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** The misbehaviours, drawn at random (seeded, so a failure can be replayed) for half the requests. */
const FAULTS: RequestFault[] = [
  { kind: 'dropRequest', afterBytes: 700 },
  { kind: 'dropRequest', afterBytes: 6_000 },
  { kind: 'dropResponse', afterBytes: 40 },
  { kind: 'dropResponse', afterBytes: 300 },
  { kind: 'truncateRequest', bytes: 1_500 },
  { kind: 'delay', ms: 5 },
  { kind: 'duplicate' },
  { kind: 'holdForLater', afterRequests: 3 },
];

function faultsFrom(seed: number): (requestIndex: number) => RequestFault {
  const random = mulberry32(seed);
  // The first requests (registration) pass; the link misbehaves once the township is enrolled.
  return (i) => (i < 2 || random() < 0.5 ? { kind: 'pass' } : FAULTS[Math.floor(random() * FAULTS.length)]!);
}

const dialects: Dialect[] = postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'];

for (const dialect of dialects) {
  describe(`over a link that fails in every way (hub on ${dialect})`, () => {
    const fixture = new HubFixture(dialect);
    after(() => fixture.stop());

    for (const { suite, entries: ENTRIES, attachments } of RUNS) {
      const withFiles = attachments.length > 0 ? ` with ${attachments.length} attachments` : '';
      test(`${SUITE_LABELS[suite]}: ${ENTRIES} entries${withFiles} reach the hub exactly once and in order`, async () => {
        const testHub = await fixture.hub();
        const { hub } = testHub;
        const { server, port } = await plainHubServer(hub);
        const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port }, faultFor: faultsFrom(20261124) });
        const clock = new TestClock();
        const node = await startNodeHall(clock, {
          batchMaxEntries: 100,
          requestTimeoutMs: 2_000,
          retry: { sleep: async () => {}, random: () => 0.5, maxAttempts: 400 },
        });
        try {
          // Plain HTTP on loopback carries no certificate; the file still names the hub's.
          const [certificate] = await testCertificates();
          const { enrollment } = await hub.createNode({
            townshipName: '青石镇',
            hubUrl: proxy.url,
            certificatePem: certificate.certificatePem,
            certificateFingerprint: certificate.fingerprint,
            suite,
          });
          const enrolled = await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
          assert.equal(enrolled.registered, true, enrolled.message);
          await appendEntries(node.backend, ENTRIES, clock.now().toISOString());
          const files = attachments.length > 0 ? await disputeWithAttachments(node, attachments) : [];

          let runs = 0;
          for (;;) {
            const result = await node.backend.sync.runOnce();
            runs++;
            if (result.ok) break;
            assert.ok(runs < 20, `同步一直没有完成：${result.message}`);
          }

          const local = await node.backend.db.selectFrom('change_log').select(['seq', 'id']).orderBy('seq').execute();
          const atHub = await hub.db
            .selectFrom('hub_entries')
            .select(['seq', 'id'])
            .where('node_id', '=', enrollment.nodeId)
            .orderBy('seq')
            .execute();
          assert.ok(local.length >= ENTRIES);
          assert.deepEqual(
            atHub.map((r) => [Number(r.seq), r.id]),
            local.map((r) => [r.seq, r.id]),
            'every entry once, in order, with its own id',
          );
          const state = await hub.nodeState(enrollment.nodeId);
          assert.equal(state.appliedThrough, local.at(-1)!.seq);
          const status = await node.admin.ok('sync.status', {});
          assert.equal(status.acknowledgedThrough, local.at(-1)!.seq);
          assert.equal(status.pending.entries, 0);

          // The faults really happened: copies and late deliveries reached the hub.
          for (const kind of [
            'dropRequest',
            'dropResponse',
            'truncateRequest',
            'duplicate',
            'holdForLater',
            'released',
          ] as const)
            assert.ok(proxy.injected[kind] >= 1, `${kind}: ${proxy.injected[kind]}`);
          const batches = await hub.db
            .selectFrom('hub_batches')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('node_id', '=', enrollment.nodeId)
            .executeTakeFirstOrThrow();
          const stored = await node.backend.db
            .selectFrom('sync_batches')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(Number(batches.n), Number(stored.n), 'each batch applied once');

          // Everything went in the county's chosen suite: the keys the hub holds, every stored batch.
          assert.equal(status.enrollment?.suite, suite);
          const keys = await hub.db
            .selectFrom('hub_node_keys')
            .select('public_key')
            .where('node_id', '=', enrollment.nodeId)
            .execute();
          assert.ok(keys.every((k) => suiteOf(suite).isPublicKey(Buffer.from(k.public_key, 'base64url'))));
          const sealed = await node.backend.db
            .selectFrom('sync_batches')
            .select(['envelope', 'hash', 'prev'])
            .execute();
          for (const row of sealed) {
            const parsed = parseEnvelope(new Uint8Array(row.envelope));
            assert.equal(parsed.header.suite, suite);
            assert.equal(row.hash, suiteOf(suite).hashHex(new Uint8Array(row.envelope)));
            assert.equal(parsed.header.prev, row.prev);
          }
          // Each attachment arrived whole, once, under its content's SHA-256.
          for (const file of files) {
            assert.deepEqual(await readFile(hub.filePath(enrollment.nodeId, file.sha256)), file.content);
          }
          const storedFiles = await hub.db
            .selectFrom('hub_files')
            .select('sha256')
            .where('node_id', '=', enrollment.nodeId)
            .execute();
          assert.deepEqual(storedFiles.map((f) => f.sha256).sort(), files.map((f) => f.sha256).sort());
          assert.equal(status.pending.files, 0);
        } finally {
          await node.close();
          await proxy.close();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        }
      });
    }
  });
}
