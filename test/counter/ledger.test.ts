import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { catalogFile } from '../../shared/catalog/catalog';
import { SATISFIED_LEVELS } from '../../shared/counter/casesApi';
import { percentage } from '../../shared/counter/statistics';
import { DEFAULT_SETTINGS, localDate } from '../../electron/backend/api/settings';
import { seedDemoCases } from '../../demo/demoCases';
import { residentId } from '../support/ids';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);

describe('the ledger and the monthly summary on generated data', () => {
  let hall: TestHall;
  let clerk: TestClient;
  let generated: number;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = new Date('2026-10-20T02:00:00Z');
    clerk = await signedInAs(hall, started.admin, 'clerk', ['counterClerk']);
    await signedInAs(hall, started.admin, 'clerk2', ['counterClerk']);
    await started.admin.ok('catalog.importFile', demoCatalog);
    for (let i = 0; i < 30; i++) {
      await clerk.ok('residents.register', {
        name: `测试居民${i}`,
        idType: 'residentId',
        idNumber: residentId(`19${60 + i}0101`, 100 + i),
        ethnicity: '汉族',
        villageId: started.village.id,
      });
    }
    ({ cases: generated } = await seedDemoCases(hall.backend.db, {
      from: '2026-08-03',
      to: '2026-10-20',
      perWorkingDay: 40,
      today: '2026-10-20',
      seed: 7,
    }));
  });
  after(() => hall.close());

  test('every month reconciles: accepted = completed + open + voided; each rate is its fraction rounded to one decimal', async () => {
    const rows = await hall.backend.db.selectFrom('counter_cases').selectAll().execute();
    assert.equal(rows.length, generated);
    for (const month of ['2026-08', '2026-09', '2026-10']) {
      const summary = await clerk.ok('counter.summary', { period: month });
      const { counts, rates } = summary;
      assert.ok(counts.accepted > 300, `${month}: enough data (${counts.accepted})`);
      assert.equal(counts.accepted, counts.completed + counts.open + counts.voided, month);
      assert.equal(counts.completed, counts.completedOnTime + counts.completedLate);
      assert.equal(rates.onTheSpot, percentage(counts.completedOnTheSpot, counts.accepted));
      assert.equal(rates.onTime, percentage(counts.completedOnTime, counts.completed));
      assert.equal(rates.satisfaction, percentage(counts.satisfied, counts.rated));
      for (const rate of [rates.onTheSpot, rates.onTime, rates.satisfaction]) {
        assert.ok(
          rate !== null &&
            Number.isInteger(Math.round(rate * 10)) &&
            Math.abs(rate * 10 - Math.round(rate * 10)) < 1e-9,
        );
      }

      // The same figures counted independently from the rows, as they stood on the month's last day.
      const asOf = summary.asOf;
      const voidedBy = (r: (typeof rows)[number]) =>
        r.status === 'voided' && localDate(new Date(r.voided_at!), DEFAULT_SETTINGS.timeZone) <= asOf;
      const cohort = rows.filter((r) => r.accepted_on?.startsWith(month));
      assert.equal(counts.accepted, cohort.length);
      const completed = cohort.filter((r) => !voidedBy(r) && r.completed_on !== null && r.completed_on <= asOf);
      assert.equal(counts.completed, completed.length);
      assert.equal(counts.completedOnTheSpot, completed.filter((r) => r.completed_on_the_spot === 1).length);
      assert.equal(
        counts.completedOnTime,
        completed.filter((r) => r.promised_date === null || r.completed_on! <= r.promised_date).length,
      );
      assert.equal(counts.voided, cohort.filter(voidedBy).length);
      const rated = cohort.filter((r) => r.rating !== null && !voidedBy(r));
      assert.equal(counts.rated, rated.length);
      assert.equal(counts.satisfied, rated.filter((r) => SATISFIED_LEVELS.includes(r.rating!)).length);
      assert.equal(
        summary.byCategory.reduce((n, c) => n + c.accepted, 0),
        counts.accepted,
      );
    }
    const october = await clerk.ok('counter.summary', { period: '2026-10' });
    assert.equal(october.asOf, '2026-10-20');
    assert.ok(october.counts.open > 0);
  });

  test('the clerks a ledger can be filtered by: the counter’s staff, for everyone who reads it', async () => {
    const { clerks } = await clerk.ok('counter.clerks', {});
    assert.deepEqual(clerks.map((c) => c.name).sort(), ['clerk2同志', 'clerk同志', '王管理'].sort());
    const mine = await clerk.ok('counter.ledger', {
      filter: { from: '2026-09-01', to: '2026-09-30', clerkId: clerks.find((c) => c.name === 'clerk同志')!.id },
    });
    assert.ok(mine.rows.length > 0 && mine.rows.every((r) => r.clerkName === 'clerk同志'));
  });

  test('the ledger pages through a month without losing or repeating a case', async () => {
    const filter = { from: '2026-09-01', to: '2026-09-30' };
    const seen = new Set<string>();
    let cursor: string | undefined;
    let total: number;
    do {
      const page = await clerk.ok('counter.ledger', { filter, ...(cursor ? { cursor } : {}) });
      total = page.total;
      for (const row of page.rows) {
        assert.ok(!seen.has(row.id));
        assert.ok(row.intakeOn >= filter.from && row.intakeOn <= filter.to);
        seen.add(row.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(seen.size, total);
    const direct = await hall.backend.db
      .selectFrom('counter_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('intake_on', '>=', filter.from)
      .where('intake_on', '<=', filter.to)
      .executeTakeFirstOrThrow();
    assert.equal(total, Number(direct.n));
    const voidedOnly = await clerk.ok('counter.ledger', { filter: { ...filter, status: 'voided' } });
    assert.ok(voidedOnly.rows.every((r) => r.status === 'voided'));
    const backwards = await clerk.call('counter.ledger', { filter: { from: '2026-09-30', to: '2026-09-01' } });
    assert.equal(backwards.status, 400);
    assert.match(JSON.stringify(backwards.body), /截止日期不能早于起始日期/);
  });

  async function download(fileUrl: string): Promise<Buffer> {
    const response = await clerk.fetchFile(fileUrl);
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  }

  test('the month’s ledger exports as a real spreadsheet with the county’s headers', async () => {
    const filter = { from: '2026-09-01', to: '2026-09-30' };
    const exported = await clerk.ok('counter.exportLedger', { filter });
    const bytes = await download(exported.file.fileUrl);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('办件台账')!;
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(headers.slice(0, 4), ['序号', '受理编号', '收件日期', '申请人']);
    assert.ok(headers.includes('是否按时办结') && headers.includes('承诺办结日期'));
    assert.equal(sheet.rowCount - 2, exported.rowCount);
    const page = await clerk.ok('counter.ledger', { filter });
    assert.equal(exported.rowCount, page.total);
  });

  test('the monthly summary exports as PDF and as a spreadsheet with the same figures', async () => {
    const summary = await clerk.ok('counter.summary', { period: '2026-09' });
    const pdf = await download(
      (await clerk.ok('counter.exportSummary', { period: '2026-09', format: 'pdf' })).file.fileUrl,
    );
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const xlsx = await download(
      (await clerk.ok('counter.exportSummary', { period: '2026-09', format: 'xlsx' })).file.fileUrl,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计')!;
    const value = (label: string) => {
      let found: unknown;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    assert.equal(value('受理件数'), summary.counts.accepted);
    assert.equal(value('当场办结率（%）'), summary.rates.onTheSpot);
    assert.equal(value('满意率（%）'), summary.rates.satisfaction);
  });

  test('generated cases carry on the year’s numbers from those already given, as a real intake does', async () => {
    await seedDemoCases(hall.backend.db, {
      from: '2026-10-21',
      to: '2026-10-23',
      perWorkingDay: 10,
      today: '2026-10-23',
      seed: 8,
    });
    const rows = await hall.backend.db
      .selectFrom('counter_cases')
      .select('case_number')
      .where('case_number', 'is not', null)
      .execute();
    const numbers = rows.map((r) => Number(r.case_number!.slice(-6))).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      'one run without gaps or duplicates',
    );
  });
});
