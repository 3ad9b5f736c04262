// The village tier over real HTTP (issue 20): a village node enrolled to its township with a file
// the township issued; its errands reach the township's counter and go on to the county as the
// township's own entries, naming the village node; the township's answers (the case the errand
// became, its number and status) come back down to the agent.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { mulberry32 } from '../../demo/random';
import { stopChild } from '../support/dispose';
import { startFaultProxy, type FaultProxy, type RequestFault } from '../support/faultProxy';
import { postgresAvailable } from '../support/postgres';
import { HubFixture, type Dialect } from '../support/testHub';
import { resultOf, TestClock } from '../support/testHall';
import { PASSPHRASE, userClient } from './nodeHarness';
import {
  agentItem,
  agentOnVillage,
  appendVillageErrands,
  requiredMaterials,
  startTiers,
  syncUntilDone,
  type Tiers,
} from './villageHarness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('village → township → county and back', () => {
  const fixture = new HubFixture('sqlite');
  let tiers: Tiers;
  after(async () => {
    await tiers?.close();
    await fixture.stop();
  });

  test('an errand registered on the village node is handed over at the township, the county sees it, the agent sees the case', async () => {
    const clock = new TestClock(new Date());
    tiers = await startTiers(fixture, clock);
    const { township, village, county } = tiers;

    // The first sync brings the village what it works from: its residents, the catalog, the agent's account.
    await syncUntilDone(village);
    const residents = await village.backend.db.selectFrom('residents').select(['id', 'name']).execute();
    assert.deepEqual(residents.map((r) => r.name).sort(), ['李秀英', '王桂兰'].sort());
    const agent = await agentOnVillage(tiers);

    // Offline as far as the agent knows: registered and collected on the village node alone.
    const registered = await agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: tiers.residentIds[0]!,
      itemCode: agentItem.code,
    });
    assert.equal(registered.document.type, 'errandAuthorisation');
    const collected = await agent.ok('errands.collect', {
      errandId: registered.errand.id,
      version: registered.errand.version,
      collectedMaterials: requiredMaterials,
    });
    assert.equal(collected.errand.status, 'collected');

    await syncUntilDone(village);
    const atTownship = await township.backend.db
      .selectFrom('errands')
      .select(['id', 'status', 'resident_name'])
      .where('id', '=', registered.errand.id)
      .executeTakeFirst();
    assert.deepEqual(atTownship, { id: registered.errand.id, status: 'collected', resident_name: '李秀英' });

    // The clerk at the township sees it waiting and takes it over: a case with its number.
    const clerk = await userClient(township, 'clerk', ['counterClerk']);
    const waiting = await clerk.ok('errands.awaitingHandover', {});
    assert.deepEqual(
      waiting.agents.map((g) => [g.agent.name, g.errands.map((e) => e.id)]),
      [['赵代办', [registered.errand.id]]],
    );
    const handover = await clerk.ok('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId: tiers.agentId,
      errandIds: [registered.errand.id],
      window: '2号窗口',
    });
    const caseNumber = handover.errands[0]!.case!.caseNumber!;
    assert.ok(caseNumber);

    // The next sync brings the answer down: the agent sees the case number and its status.
    await syncUntilDone(village);
    const mine = await agent.ok('errands.mine', {});
    const seen = mine.errands.find((e) => e.id === registered.errand.id)!;
    assert.equal(seen.status, 'handedOver');
    assert.equal(seen.case?.caseNumber, caseNumber);
    assert.equal(seen.case?.status, 'accepted');

    // The counter finishes it; the result goes back through the agent, who records the delivery
    // in the village: the errand and the township's case are delivered together.
    const caseId = handover.errands[0]!.case!.id;
    const detail = await clerk.ok('counter.get', { caseId });
    await clerk.ok('counter.complete', { caseId, version: detail.case.version, result: 'approved' });
    await syncUntilDone(village);
    const finished = (await agent.ok('errands.mine', {})).errands.find((e) => e.id === registered.errand.id)!;
    assert.equal(finished.case?.status, 'completed');
    await agent.ok('errands.recordDelivery', { errandId: finished.id, version: finished.version, signedBy: '李秀英' });
    await syncUntilDone(village);
    const deliveredCase = await clerk.ok('counter.get', { caseId });
    assert.equal(deliveredCase.case.status, 'delivered');
    assert.equal(deliveredCase.case.delivery?.method, 'agent');
    assert.equal(deliveredCase.case.delivery?.signedBy, '李秀英');
    const deliveredErrand = await township.backend.db
      .selectFrom('errands')
      .select('status')
      .where('id', '=', registered.errand.id)
      .executeTakeFirstOrThrow();
    assert.equal(deliveredErrand.status, 'delivered');

    // And the township forwards the village's records upward: the county has them from the
    // township's node, naming the village node they came from.
    await syncUntilDone(township);
    const forwarded = await county.db
      .selectFrom('hub_entries')
      .select(['entity', 'entity_id', 'op', 'data'])
      .where('node_id', '=', tiers.townshipNodeId)
      .where('entity', '=', 'errand')
      .where('entity_id', '=', registered.errand.id)
      .orderBy('seq')
      .execute();
    const fromVillage = forwarded.filter((e) => (JSON.parse(e.data) as { village?: { nodeId: string } }).village);
    assert.ok(fromVillage.length >= 2, '登记与收材料都由乡镇转报');
    for (const entry of fromVillage) {
      assert.equal((JSON.parse(entry.data) as { village: { nodeId: string } }).village.nodeId, tiers.villageNodeId);
    }
    assert.ok(
      forwarded.some((e) => !(JSON.parse(e.data) as { village?: unknown }).village),
      '乡镇自己的交接也上报',
    );
  });
});

/** When to kill the village program: at the n-th batch it posts, before or after the township applies it. */
type KillPoint = { atBatch: number; when: 'beforeApply' | 'afterApply' } | null;

/** Forwards to the township, and kills the village's program at the batch the test names. */
async function killingForwarder(target: string, killPoint: () => KillPoint, kill: () => Promise<void>) {
  let batchPosts = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const point = killPoint();
      if (point && req.method === 'POST' && req.url === '/sync/v1/batches') {
        batchPosts++;
        if (batchPosts === point.atBatch && point.when === 'beforeApply') {
          await kill();
          res.destroy();
          return;
        }
        if (batchPosts === point.atBatch) {
          // The township applies the batch, then the program dies before the answer leaves.
          const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
          res.end = ((...args: unknown[]) => {
            void kill().then(() => end(...args));
            return res;
          }) as typeof res.end;
        }
      }
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    resetCount: () => void (batchPosts = 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const FAULTS: RequestFault[] = [
  { kind: 'dropRequest', afterBytes: 700 },
  { kind: 'dropResponse', afterBytes: 300 },
  { kind: 'truncateRequest', bytes: 1_500 },
  { kind: 'delay', ms: 5 },
  { kind: 'duplicate' },
  { kind: 'holdForLater', afterRequests: 3 },
];

function faultsFrom(seed: number): (requestIndex: number) => RequestFault {
  const random = mulberry32(seed);
  // Registration passes; the link misbehaves once the village is enrolled.
  return (i) => (i < 2 || random() < 0.4 ? { kind: 'pass' } : FAULTS[Math.floor(random() * FAULTS.length)]!);
}

const ENTRIES = 2_000;
const dialects: Dialect[] = postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'];

for (const dialect of dialects) {
  describe(`a village's records through a failing link and a killed program (county on ${dialect})`, () => {
    const fixture = new HubFixture(dialect);
    after(() => fixture.stop());

    test(`${ENTRIES} village entries reach the county exactly once, in order, naming the village node`, async () => {
      // The village program runs in a process of its own on the real clock: so does everyone.
      const clock = new TestClock(new Date());
      let child: ChildProcess | null = null;
      let point: KillPoint = null;
      let proxy: FaultProxy | null = null;
      const killChild = async () => {
        const exited = once(child!, 'exit');
        child!.kill('SIGKILL');
        await exited;
      };
      let forwarder: Awaited<ReturnType<typeof killingForwarder>> | null = null;
      const tiers = await startTiers(fixture, clock, {
        viaProxy: async (townshipUrl) => {
          forwarder = await killingForwarder(townshipUrl, () => point, killChild);
          proxy = await startFaultProxy({
            target: { host: '127.0.0.1', port: forwarder.port },
            faultFor: faultsFrom(20261207),
          });
          return {
            url: proxy.url,
            close: async () => {
              await proxy!.close();
              await forwarder!.close();
            },
          };
        },
        villageSync: {
          batchMaxEntries: 100,
          requestTimeoutMs: 2_000,
          retry: { sleep: async () => {}, random: () => 0.5, maxAttempts: 400 },
        },
      });
      try {
        await syncUntilDone(tiers.village);
        const ids = await appendVillageErrands(tiers, ENTRIES, clock.now().toISOString());
        await tiers.village.stop();

        const runChild = async (kill: KillPoint): Promise<number | null> => {
          point = kill;
          forwarder!.resetCount();
          child = spawn(
            process.execPath,
            ['--import', 'tsx', 'test/support/syncChild.ts', tiers.village.dataDir, PASSPHRASE],
            { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
          );
          const [code] = (await once(child, 'exit')) as [number | null];
          return code;
        };
        assert.equal(await runChild({ atBatch: 3, when: 'beforeApply' }), null, 'killed while batch 3 was on its way');
        assert.equal(await runChild({ atBatch: 2, when: 'afterApply' }), null, 'killed after the township applied one');
        assert.equal(await runChild(null), 0, 'the third run finishes');
        point = null;
        await tiers.village.restart({ passphrase: PASSPHRASE, retry: { sleep: async () => {}, maxAttempts: 400 } });
        await syncUntilDone(tiers.village);

        // Nothing lost at the village: every entry acknowledged by the township.
        const status = await tiers.village.admin.ok('sync.status', {});
        assert.equal(status.pending.entries, 0);
        // The township has every errand, once.
        const atTownship = await tiers.township.backend.db
          .selectFrom('errands')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('id', 'in', ids)
          .executeTakeFirstOrThrow();
        assert.equal(Number(atTownship.n), ENTRIES);

        await syncUntilDone(tiers.township);
        const villageLog = await tiers.village.backend.db
          .selectFrom('change_log')
          .select(['seq', 'entity_id'])
          .where('entity', '=', 'errand')
          .orderBy('seq')
          .execute();
        const atCounty = await tiers.county.db
          .selectFrom('hub_entries')
          .select(['seq', 'entity_id', 'data'])
          .where('node_id', '=', tiers.townshipNodeId)
          .where('entity', '=', 'errand')
          .orderBy('seq')
          .execute();
        const forwarded = atCounty
          .map((e) => ({
            id: e.entity_id,
            village: (JSON.parse(e.data) as { village?: { nodeId: string; seq: number } }).village,
          }))
          .filter((e) => e.village);
        assert.ok(
          forwarded.every((e) => e.village!.nodeId === tiers.villageNodeId),
          'every one names the village node',
        );
        assert.deepEqual(
          forwarded.map((e) => [e.village!.seq, e.id]),
          villageLog.map((e) => [e.seq, e.entity_id]),
          'every village entry once, in the village’s order',
        );
        assert.equal(new Set(forwarded.map((e) => e.id)).size, ENTRIES);
        for (const kind of ['dropRequest', 'dropResponse', 'duplicate'] as const) {
          assert.ok(proxy!.injected[kind] >= 1, `${kind}: ${proxy!.injected[kind]}`);
        }
      } finally {
        const last = child as ChildProcess | null;
        if (last) await stopChild(last);
        await tiers.close();
      }
    });
  });
}

describe('number blocks between a township and its village', () => {
  const fixture = new HubFixture('sqlite');
  let tiers: Tiers;
  after(async () => {
    await tiers?.close();
    await fixture.stop();
  });

  test('the village issues its block offline, refuses past it, asks at the next sync; retired, its rest goes to the next node', async () => {
    const clock = new TestClock(new Date());
    tiers = await startTiers(fixture, clock, { blockSize: 10 });
    await syncUntilDone(tiers.village);
    const agent = await agentOnVillage(tiers);
    const register = () =>
      agent.call('errands.register', {
        requestId: crypto.randomUUID(),
        residentId: tiers.residentIds[0]!,
        itemCode: agentItem.code,
      });
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await register();
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      numbers.push(resultOf<{ errand: { authorisationNumber: string } }>(answer).errand.authorisationNumber);
    }
    const refused = await register();
    assert.equal(refused.status, 409);
    assert.match(JSON.stringify(refused.body), /委托书编号已用完（第 \d+–\d+ 号已全部使用），请联网同步/);

    await syncUntilDone(tiers.village);
    await syncUntilDone(tiers.village);
    const next = await register();
    assert.equal(next.status, 200, JSON.stringify(next.body));
    numbers.push(resultOf<{ errand: { authorisationNumber: string } }>(next).errand.authorisationNumber);
    const sequence = numbers.map((n) => Number(n.slice(-6)));
    assert.deepEqual(
      sequence,
      Array.from({ length: 11 }, (_, i) => sequence[0]! + i),
      'no gap, no repeat',
    );
    await syncUntilDone(tiers.village);

    // This year's numbers (in December next year's block comes too, and goes back whole).
    const scope = `errandAuthorisation:${numbers[0]!.slice(3, 7)}`;
    // Retired (the laptop replaced): what it never drew is returned, recorded, and issued again first.
    const nodes = await tiers.township.admin.ok('villageNodes.list', {});
    await tiers.township.admin.ok('villageNodes.retire', {
      id: tiers.villageNodeId,
      version: nodes.nodes[0]!.version,
      reason: '笔记本电脑更换',
    });
    const ledger = await tiers.township.backend.db
      .selectFrom('number_blocks')
      .select(['scope', 'first', 'last', 'returned_from'])
      .where('node_id', '=', tiers.villageNodeId)
      .where('scope', '=', scope)
      .orderBy('first')
      .execute();
    const last = sequence.at(-1)!;
    assert.deepEqual(
      ledger.map((b) => [b.first, b.last, b.returned_from]),
      [
        [sequence[0], sequence[0]! + 9, sequence[0]! + 10],
        [last, ledger[1]!.last, last + 1],
      ],
    );
    const second = await tiers.township.admin.ok('villageNodes.create', {
      villageId: tiers.villageId,
      name: '东岗村新电脑',
      blockSize: 10,
    });
    const reissued = await tiers.township.backend.db
      .selectFrom('number_blocks')
      .select(['first', 'last'])
      .where('node_id', '=', second.node.id)
      .where('scope', '=', scope)
      .execute();
    assert.deepEqual(reissued, [{ first: last + 1, last: last + 10 }], 'the rest is issued again before new numbers');
    // A retired node's batch is refused from now on.
    const result = await tiers.village.backend.sync.runOnce();
    assert.equal(result.ok, false);
    // Said with the village's words: the level above is its township.
    const said = await tiers.village.admin.ok('sync.status', {});
    assert.match(said.lastError ?? '', /乡镇/);
    assert.doesNotMatch(said.lastError ?? '', /县级平台/);
  });
});

describe('a residents’ matter collected in the village (三事分流 across the tiers)', () => {
  const fixture = new HubFixture('sqlite');
  let tiers: Tiers;
  after(async () => {
    await tiers?.close();
    await fixture.stop();
  });

  test('registered on the village node with a number of its block, triaged at the township, the decision back in the village', async () => {
    const clock = new TestClock(new Date());
    tiers = await startTiers(fixture, clock);
    await syncUntilDone(tiers.village);
    const agent = await agentOnVillage(tiers);
    const { matter } = await agent.ok('matters.register', {
      requestId: crypto.randomUUID(),
      source: 'grid',
      villageId: tiers.villageId,
      residentId: tiers.residentIds[0]!,
      residentName: '李秀英',
      phone: '',
      type: 'problem',
      category: 'infrastructure',
      description: '第一村民小组路灯坏了三盏，晚上出行不便',
    });
    assert.match(matter.number, /^SQ-\d{4}-\d{6}$/);
    const blocks = await tiers.township.backend.db
      .selectFrom('number_blocks')
      .select(['first', 'last'])
      .where('node_id', '=', tiers.villageNodeId)
      .where('scope', '=', `matter:${matter.number.slice(3, 7)}`)
      .execute();
    const drawn = Number(matter.number.slice(-6));
    assert.ok(
      blocks.some((b) => b.first <= drawn && drawn <= b.last),
      'the number is one of the block the township reserved for this village node',
    );

    await syncUntilDone(tiers.village);
    const clerk = await userClient(tiers.township, 'clerk', ['counterClerk']);
    const atTownship = await clerk.ok('matters.get', { id: matter.id });
    assert.equal(atTownship.number, matter.number);
    const triaged = await clerk.ok('matters.triage', {
      id: matter.id,
      version: atTownship.version,
      triage: 'minor',
      handling: 'deadline',
      ownerKind: 'villageCommittee',
      owner: '东岗村村委会',
      workingDays: 3,
      escalatedTo: '',
      escalationReason: '',
      reply: '',
    });
    assert.equal(triaged.matter.handling, 'deadline');

    await syncUntilDone(tiers.village);
    const inVillage = await agent.ok('matters.get', { id: matter.id });
    assert.equal(inVillage.triage, 'minor');
    assert.equal(inVillage.handling, 'deadline');
    assert.equal(inVillage.dueOn, triaged.matter.dueOn);

    await syncUntilDone(tiers.township);
    const atCounty = await tiers.county.db
      .selectFrom('hub_entries')
      .select(['op', 'data'])
      .where('node_id', '=', tiers.townshipNodeId)
      .where('entity', '=', 'matter')
      .where('entity_id', '=', matter.id)
      .orderBy('seq')
      .execute();
    const origins = atCounty.map(
      (e) => (JSON.parse(e.data) as { village?: { nodeId: string } }).village?.nodeId ?? null,
    );
    assert.deepEqual(origins, [tiers.villageNodeId, null], 'registered in the village, triaged at the township');
  });
});
