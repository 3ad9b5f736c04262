import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EarlierPetition, PetitionStatistics, PetitionSummary } from '../shared/petitions/api';
import { DATABASE_FILE, openDatabase } from '../electron/backend/db/database';
import { seedDemoPetitions } from '../demo/demoPetitions';
import { DEMO_PASSWORD, mulberry32, seedDemoTownship } from '../demo/demoTownship';
import { Client, startBenchHall, timed } from './benchHall';
import { round, summarize } from './stats';

/**
 * The petition desk on ten years of a busy township: 100,000 petitions (a township that sees
 * 10,000 a year, twenty times the usual 500, so the desk has headroom). Over real HTTP against
 * the hall host, as the receptionist feels it: the earlier petitions of the person at the desk
 * (by ID number, by name and phone, and both as the registration screen asks), the monthly
 * statistics of several months, and the list as it opens.
 */
export interface PetitionsBenchOptions {
  residents: number;
  petitions: number;
  seed: number;
  searches: number;
  log: (line: string) => void;
}

/** The day the data set ends and the bench "is": a Friday with the year's calendar loaded. */
const TODAY = '2026-11-20';
const NOW = new Date('2026-11-20T02:00:00Z');
const FIRST_DAY = '2017-01-03';
/** The running month, last month, older ones and the first. */
const MONTHS = ['2026-11', '2026-10', '2026-03', '2025-12', '2021-07', '2017-01'];

export async function benchPetitions(dataDir: string, options: PetitionsBenchOptions) {
  const { log } = options;
  log(`生成 ${options.residents} 名居民……`);
  const db = await openDatabase(dataDir);
  await seedDemoTownship(db, {
    residents: options.residents,
    seed: options.seed,
    now: NOW,
    counterCases: false,
    disputes: false,
    petitions: false,
  });
  log(`生成 ${options.petitions} 件信访件（${FIRST_DAY} 至 ${TODAY}）……`);
  const [seedMs, seeded] = await timed(() =>
    seedDemoPetitions(db, {
      from: FIRST_DAY,
      to: TODAY,
      count: options.petitions,
      today: TODAY,
      seed: options.seed,
      onProgress: (done) => {
        if (done % 20_000 === 0) log(`  已写入 ${done} 件`);
      },
    }),
  );
  await db.destroy();
  const databaseBytes = (await stat(path.join(dataDir, DATABASE_FILE))).size;

  const host = await startBenchHall(dataDir, NOW);
  try {
    const receptionist = new Client(host.url);
    await receptionist.ok('auth.login', { username: 'demo-petition', password: DEMO_PASSWORD });
    const random = mulberry32(options.seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

    log(`查找此前信访件 × ${options.searches}……`);
    const people = await host.backend.db
      .selectFrom('petitioners')
      .select(['name', 'id_number', 'phone'])
      .where('phone', '<>', '')
      .execute();
    const withIdNumber = people.filter((p) => p.id_number !== '');
    const findEarlier = (petitioner: { idNumber?: string; name?: string; phone?: string }) =>
      timed(() =>
        receptionist.ok<{ petitions: EarlierPetition[] }>('petitions.findEarlier', { petitioners: [petitioner] }),
      );
    for (let i = 0; i < 10; i++) await findEarlier({ idNumber: pick(withIdNumber).id_number }); // warm-up
    const byIdNumber: number[] = [];
    const byNamePhone: number[] = [];
    const asRegistering: number[] = [];
    let found = 0;
    for (let i = 0; i < options.searches; i++) {
      const [ms, result] = await findEarlier({ idNumber: pick(withIdNumber).id_number });
      byIdNumber.push(ms);
      found += result.petitions.length;
      const person = pick(people);
      byNamePhone.push((await findEarlier({ name: person.name, phone: person.phone }))[0]);
      const registering = pick(withIdNumber);
      asRegistering.push(
        (await findEarlier({ idNumber: registering.id_number, name: registering.name, phone: registering.phone }))[0],
      );
    }

    log('月度统计……');
    const monthly: number[] = [];
    const byMonth: Record<string, number> = {};
    let received = 0;
    for (const month of MONTHS) {
      await receptionist.ok('petitions.statistics', { period: month }); // the first of each warms its pages
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const [ms, statistics] = await timed(() =>
          receptionist.ok<PetitionStatistics>('petitions.statistics', { period: month }),
        );
        samples.push(ms);
        received = Math.max(received, statistics.totals.received);
      }
      monthly.push(...samples);
      byMonth[month] = round(Math.max(...samples));
    }

    log('信访件列表……');
    const list = (input: object) =>
      timed(() => receptionist.ok<{ petitions: PetitionSummary[] }>('petitions.list', input));
    for (let i = 0; i < 5; i++) await list({});
    const listDefault: number[] = [];
    const listRed: number[] = [];
    const listByName: number[] = [];
    for (let i = 0; i < 50; i++) {
      listDefault.push((await list({}))[0]);
      listRed.push((await list({ colour: 'red' }))[0]);
      listByName.push((await list({ query: pick(people).name }))[0]);
    }

    const count = Number(
      (
        await host.backend.db
          .selectFrom('petitions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const earlierAll = summarize([...byIdNumber, ...byNamePhone, ...asRegistering]);
    const monthlyStats = summarize(monthly);
    return {
      dataset: {
        residents: options.residents,
        petitions: count,
        generatedPetitions: seeded.petitions,
        receptionDays: seeded.receptionDays,
        seedSeconds: round(seedMs / 1000, 1),
        databaseMB: round(databaseBytes / 1024 ** 2, 1),
        meanEarlierPerIdNumber: round(found / options.searches, 1),
        mostReceivedInAMonth: received,
      },
      findEarlierByIdNumber: summarize(byIdNumber),
      findEarlierByNameAndPhone: summarize(byNamePhone),
      findEarlierAsRegistering: summarize(asRegistering),
      monthlyStatistics: { ...monthlyStats, maxByMonth: byMonth },
      listDefault: summarize(listDefault),
      listRed: summarize(listRed),
      listByName: summarize(listByName),
      goals: {
        findEarlierP95Under30ms: earlierAll.p95 < 30,
        monthlyStatisticsUnder1s: monthlyStats.max < 1000,
      },
    };
  } finally {
    await host.close();
  }
}
