import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DisputeCommandResult, DisputeSummary } from '../shared/mediation/disputesApi';
import { DATABASE_FILE, openDatabase } from '../electron/backend/db/database';
import { seedDemoDisputes } from '../demo/demoDisputes';
import { DEMO_PASSWORD, mulberry32, seedDemoTownship } from '../demo/demoTownship';
import { Client, startBenchHall, timed } from './benchHall';
import { round, summarize } from './stats';

/**
 * The mediation register on ten years of a busy township: 50,000 disputes (DOMAIN.md §9 puts a
 * busy township at 2,500 a year). Over real HTTP against the hall host: finding a dispute by a
 * party's name or the case number, issuing a written agreement up to its archived PDF, drawing a
 * 40-page case file and the monthly statistics.
 */
export interface MediationBenchOptions {
  residents: number;
  disputes: number;
  seed: number;
  searches: number;
  log: (line: string) => void;
}

const TODAY = '2026-11-20';
const NOW = new Date('2026-11-20T02:00:00Z');
const FIRST_DAY = '2017-01-03';
const LONG_STATEMENT =
  '申请人陈述：双方系前后邻居，被申请人翻建房屋时将建材长期堆放在申请人门前通道上，雨季排水沟被堵，雨水倒灌进院，' +
  '造成院墙根部受损、存放的粮食受潮。申请人多次找被申请人协商，对方以施工方负责为由推脱，双方为此多次争吵，' +
  '今年八月还发生了推搡。申请人要求清运建材、疏通排水沟、修复院墙并赔偿粮食损失。';

export async function benchMediation(dataDir: string, options: MediationBenchOptions) {
  const { log } = options;
  log(`生成 ${options.residents} 名居民……`);
  const db = await openDatabase(dataDir);
  await seedDemoTownship(db, {
    residents: options.residents,
    seed: options.seed,
    now: NOW,
    counterCases: false,
    disputes: false,
  });
  log(`生成 ${options.disputes} 件纠纷（${FIRST_DAY} 至 ${TODAY}）……`);
  const [seedMs, seeded] = await timed(() =>
    seedDemoDisputes(db, { from: FIRST_DAY, to: TODAY, count: options.disputes, today: TODAY, seed: options.seed }),
  );
  await db.destroy();
  const databaseBytes = (await stat(path.join(dataDir, DATABASE_FILE))).size;

  const host = await startBenchHall(dataDir, NOW);
  try {
    const mediator = new Client(host.url);
    await mediator.ok('auth.login', { username: 'demo-mediator', password: DEMO_PASSWORD });
    const random = mulberry32(options.seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

    log(`查找纠纷 × ${options.searches}……`);
    const names = (
      await host.backend.db
        .selectFrom('dispute_parties')
        .select('name')
        .where('kind', '=', 'person')
        .limit(20_000)
        .execute()
    ).map((r) => r.name);
    const numbers = (
      await host.backend.db
        .selectFrom('disputes')
        .select('case_number')
        .where('case_number', 'is not', null)
        .limit(20_000)
        .execute()
    ).map((r) => r.case_number!);
    const search = (input: object) =>
      timed(() => mediator.ok<{ disputes: DisputeSummary[] }>('mediation.disputes', input));
    for (let i = 0; i < 10; i++) await search({ query: pick(names) }); // warm-up
    const byName: number[] = [];
    const bySurname: number[] = [];
    const byNumber: number[] = [];
    const attention: number[] = [];
    let found = 0;
    for (let i = 0; i < options.searches; i++) {
      const [ms, result] = await search({ query: pick(names) });
      byName.push(ms);
      found += result.disputes.length;
      bySurname.push((await search({ query: [...pick(names)].slice(0, 2).join('') }))[0]);
      byNumber.push((await search({ query: pick(numbers) }))[0]);
      if (i % 5 === 0) attention.push((await search({ attention: true }))[0]);
    }

    log('出具调解协议书……');
    const committee = await host.backend.db
      .selectFrom('mediation_committees')
      .select('id')
      .where('kind', '=', 'township')
      .executeTakeFirstOrThrow();
    const team = await host.backend.db
      .selectFrom('committee_mediators')
      .select('mediator_id')
      .where('committee_id', '=', committee.id)
      .execute();
    const residents = await host.backend.db
      .selectFrom('residents')
      .select(['id', 'name', 'sex', 'birth_date', 'id_number', 'address', 'phone', 'ethnicity'])
      .where('id_type', '=', 'residentId')
      .limit(200)
      .execute();
    const party = (side: 'applicant' | 'respondent') => {
      const r = pick(residents);
      return {
        side,
        kind: 'person',
        residentId: r.id,
        name: r.name,
        sex: r.sex,
        ethnicity: r.ethnicity,
        birthDate: r.birth_date,
        occupation: '农民',
        idNumber: r.id_number,
        address: r.address || '青石镇东岗村',
        phone: r.phone || '13903720000',
      };
    };
    const prepared = async () => {
      const registered = await mediator.ok<DisputeCommandResult>('mediation.registerDispute', {
        requestId: crypto.randomUUID(),
        committeeId: committee.id,
        source: 'oralApplication',
        category: 'neighbour',
        facts: LONG_STATEMENT,
        peopleInvolved: 3,
        risky: false,
        parties: [
          party('applicant'),
          party('respondent'),
          {
            side: 'respondent',
            kind: 'organisation',
            name: '青石镇宏达建筑有限公司',
            address: '青石镇建设路8号',
            legalRepresentative: '赵宏达',
          },
        ],
      });
      let d = (
        await mediator.ok<DisputeCommandResult>('mediation.acceptDispute', {
          id: registered.dispute.id,
          version: registered.dispute.version,
        })
      ).dispute;
      d = (
        await mediator.ok<DisputeCommandResult>('mediation.assignMediators', {
          id: d.id,
          version: d.version,
          mediatorIds: team.slice(0, 2).map((m) => m.mediator_id),
          leadMediatorId: team[0]!.mediator_id,
        })
      ).dispute;
      return d;
    };
    const agreement = {
      facts: '',
      disputedMatters: '建材占道、排水沟堵塞造成的损失及恢复。',
      responsibilities: '施工方负主要责任，被申请人负次要责任。',
      terms: ['施工方三日内清运建材并疏通排水沟。', '施工方赔偿申请人损失人民币3200元。', '被申请人负责修复院墙。'],
      performanceManner: '现金当面支付，调委会现场确认。',
      performanceDueOn: '2026-12-20',
      recorder: '刘晓燕',
    };
    const issue: number[] = [];
    let agreementPages = 0;
    for (let i = 0; i < 25; i++) {
      let d = await prepared();
      d = (
        await mediator.ok<DisputeCommandResult>('mediation.saveAgreementDraft', {
          id: d.id,
          version: d.version,
          agreement,
        })
      ).dispute;
      const [ms, issued] = await timed(() =>
        mediator.ok<DisputeCommandResult>('mediation.issueAgreement', { id: d.id, version: d.version }),
      );
      if (i >= 5) issue.push(ms); // the first ones warm fonts and statements
      agreementPages = issued.document!.pageCount;
    }

    log('生成卷宗……');
    let d = await prepared();
    for (let i = 0; i < 16; i++) {
      d = (
        await mediator.ok<DisputeCommandResult>('mediation.addRecord', {
          id: d.id,
          version: d.version,
          kind: i % 4 === 0 ? 'investigation' : 'session',
          heldOn: TODAY,
          place: '青石镇人民调解委员会调解室',
          mediatorIds: [team[0]!.mediator_id],
          attendees: '双方当事人及施工方代表',
          subject: i % 4 === 0 ? '现场及周边邻居' : '',
          findings: `${LONG_STATEMENT}${LONG_STATEMENT}`,
          statements:
            i % 4 === 0
              ? []
              : d.parties.map((p) => ({ partyId: p.id, statement: `${LONG_STATEMENT}${LONG_STATEMENT}` })),
          recorder: '刘晓燕',
        })
      ).dispute;
    }
    d = (
      await mediator.ok<DisputeCommandResult>('mediation.saveAgreementDraft', {
        id: d.id,
        version: d.version,
        agreement,
      })
    ).dispute;
    d = (await mediator.ok<DisputeCommandResult>('mediation.issueAgreement', { id: d.id, version: d.version })).dispute;
    const caseFiles: number[] = [];
    let caseFilePages = 0;
    for (let i = 0; i < 4; i++) {
      const [ms, file] = await timed(() => mediator.ok<DisputeCommandResult>('mediation.caseFile', { id: d.id }));
      caseFiles.push(ms);
      caseFilePages = file.document!.pageCount;
    }

    log('月度统计……');
    const monthly: number[] = [];
    for (let i = 0; i < 5; i++)
      monthly.push((await timed(() => mediator.ok('mediation.statistics', { period: '2026-10' })))[0]);

    const count = Number(
      (
        await host.backend.db
          .selectFrom('disputes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const searchAll = summarize([...byName, ...bySurname, ...byNumber]);
    const issueStats = summarize(issue);
    const caseFileStats = summarize(caseFiles);
    const monthlyStats = summarize(monthly);
    return {
      dataset: {
        residents: options.residents,
        disputes: count,
        generatedDisputes: seeded.disputes,
        sweeps: seeded.sweeps,
        seedSeconds: round(seedMs / 1000, 1),
        databaseMB: round(databaseBytes / 1024 ** 2, 1),
        meanHitsPerNameSearch: round(found / options.searches, 1),
      },
      searchByFullName: summarize(byName),
      searchBySurnamePrefix: summarize(bySurname),
      searchByCaseNumber: summarize(byNumber),
      attentionList: summarize(attention),
      issueAgreement: { ...issueStats, pages: agreementPages },
      caseFile: { ...caseFileStats, pages: caseFilePages },
      monthlyStatistics: monthlyStats,
      goals: {
        searchP95Under50ms: searchAll.p95 < 50,
        agreementP95Under150ms: issueStats.p95 < 150,
        caseFileOf40PagesUnder2s: caseFilePages >= 40 && caseFileStats.max < 2000,
        monthlyStatisticsUnder1s: monthlyStats.max < 1000,
      },
    };
  } finally {
    await host.close();
  }
}
