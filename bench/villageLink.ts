// The village tier (issue 20): a month of a village's records — errands registered and collected
// by the agent on the village node, with their authorisation forms, and residents' matters — sent up to the township
// through a link held to 64 kbit/s (a village's mobile data at its worst), against the ideal (the
// month's entries as JSON, deflated as one stream, ÷ bandwidth); then the township's answers (the
// cases the errands became) coming back down the same link.
import { deflateRawSync } from 'node:zlib';
import { startFaultProxy, type FaultProxy } from '../test/support/faultProxy';
import { HubFixture } from '../test/support/testHub';
import { TestClock } from '../test/support/testHall';
import { userClient } from '../test/sync/nodeHarness';
import { agentItem, agentOnVillage, requiredMaterials, startTiers, syncUntilDone } from '../test/sync/villageHarness';
import { round } from './stats';

export interface VillageBenchOptions {
  errands: number;
  /** Residents' matters collected in the month (grid walks, village meetings). */
  matters: number;
  kbitPerSecond: number;
  log: (line: string) => void;
}

export async function benchVillageLink(options: VillageBenchOptions) {
  const { log } = options;
  const bytesPerSecond = (options.kbitPerSecond * 1000) / 8;
  const fixture = new HubFixture('sqlite');
  let proxy: FaultProxy | null = null;
  const clock = new TestClock(new Date());
  const tiers = await startTiers(fixture, clock, {
    viaProxy: async (townshipUrl) => {
      proxy = await startFaultProxy({
        target: { host: '127.0.0.1', port: Number(new URL(townshipUrl).port) },
        bytesPerSecond,
      });
      return { url: proxy.url, close: () => proxy!.close() };
    },
    blockSize: Math.max(options.errands, options.matters) + 20,
  });
  const link = () => ({ ...proxy!.bytes });
  try {
    log(`村级节点：经 ${options.kbitPerSecond} kbit/s 首次同步（基础数据与号段）……`);
    let before = link();
    let started = performance.now();
    await syncUntilDone(tiers.village);
    const firstSync = {
      seconds: round((performance.now() - started) / 1000, 1),
      downBytes: link().down - before.down,
      upBytes: link().up - before.up,
    };

    log(`村级节点：代办员登记并收齐 ${options.errands} 件代办（一个月）……`);
    const agent = await agentOnVillage(tiers);
    const ids: string[] = [];
    for (let i = 0; i < options.errands; i++) {
      const registered = await agent.ok('errands.register', {
        requestId: crypto.randomUUID(),
        residentId: tiers.residentIds[i % tiers.residentIds.length]!,
        itemCode: agentItem.code,
      });
      await agent.ok('errands.collect', {
        errandId: registered.errand.id,
        version: registered.errand.version,
        collectedMaterials: requiredMaterials,
      });
      ids.push(registered.errand.id);
    }
    log(`村级节点：登记 ${options.matters} 件群众诉求……`);
    for (let i = 0; i < options.matters; i++) {
      await agent.ok('matters.register', {
        requestId: crypto.randomUUID(),
        source: i % 3 === 0 ? 'meeting' : 'grid',
        villageId: tiers.villageId,
        residentId: tiers.residentIds[i % tiers.residentIds.length]!,
        residentName: i % 2 === 0 ? '李秀英' : '王桂兰',
        phone: '',
        type: 'problem',
        category: 'infrastructure',
        description: `第 ${i + 1} 件：第一村民小组道路破损，雨天积水，村民出行不便，请求修缮`,
      });
    }
    const ackThrough = (await tiers.village.admin.ok('sync.status', {})).acknowledgedThrough;
    const month = await tiers.village.backend.db
      .selectFrom('change_log')
      .selectAll()
      .where('seq', '>', ackThrough)
      .orderBy('seq')
      .execute();
    const json = Buffer.from(
      JSON.stringify(
        month.map((r) => ({
          ...r,
          data: JSON.parse(r.data) as unknown,
          row_images: r.row_images ? (JSON.parse(r.row_images) as unknown) : null,
        })),
      ),
    );
    const idealBytes = deflateRawSync(json, { level: 9 }).length;
    const idealSeconds = idealBytes / bytesPerSecond;
    log(`村级节点：上报 ${month.length} 条变更（理想 ${round(idealSeconds, 1)} 秒）……`);
    before = link();
    started = performance.now();
    await syncUntilDone(tiers.village);
    const upSeconds = (performance.now() - started) / 1000;
    const up = { up: link().up - before.up, down: link().down - before.down };

    log('乡镇窗口接收这些代办，答复经同一链路下发……');
    const clerk = await userClient(tiers.township, 'clerk', ['counterClerk']);
    // The agent brings them in batches, as a handover list holds at most 50.
    for (let i = 0; i < ids.length; i += 40) {
      await clerk.ok('errands.handOver', {
        requestId: crypto.randomUUID(),
        agentId: tiers.agentId,
        errandIds: ids.slice(i, i + 40),
        window: '1号窗口',
      });
    }
    before = link();
    started = performance.now();
    await syncUntilDone(tiers.village);
    const downSeconds = (performance.now() - started) / 1000;
    const answers = { up: link().up - before.up, down: link().down - before.down };
    const seen = await agent.ok('errands.mine', {});
    const answered = seen.errands.filter((e) => e.case?.caseNumber).length;

    return {
      bandwidthKbitPerSecond: options.kbitPerSecond,
      firstSync,
      month: {
        errands: options.errands,
        matters: options.matters,
        entries: month.length,
        plainJsonBytes: json.length,
        idealDeflatedBytes: idealBytes,
        wireUpBytes: up.up,
        wireDownBytes: up.down,
        wireVsIdeal: round((up.up + up.down) / idealBytes, 3),
        seconds: round(upSeconds, 1),
        idealSeconds: round(idealSeconds, 1),
        timeVsIdeal: round(upSeconds / idealSeconds, 3),
        goal: { timeVsIdealAtMost: 1.5, met: upSeconds / idealSeconds <= 1.5 },
      },
      answers: {
        errandsAnswered: answered,
        seconds: round(downSeconds, 1),
        wireDownBytes: answers.down,
        wireUpBytes: answers.up,
      },
    };
  } finally {
    await tiers.close();
    await fixture.stop();
  }
}
