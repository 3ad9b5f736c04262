// The counter's statistics of a quarter and a year on generated cases (April to November 2026):
// the months of the trend add up to the period, a year's accepted cases are its quarters', and
// the PDF (read back with pdftotext) and the workbook (read with ExcelJS) of a quarter and of a
// year hold the screen's figures. A period in a wrong format is refused with the format.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { catalogFile } from '../../shared/catalog/catalog';
import type { PeriodSummary } from '../../shared/counter/ledgerApi';
import { formatPercentage } from '../../shared/counter/statistics';
import { seedDemoCases } from '../../demo/demoCases';
import { residentId } from '../support/ids';
import { runPoppler, squeeze } from '../support/renderedPdf';
import { refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);

describe('the counter’s statistics of a quarter and a year', () => {
  let hall: TestHall;
  let leader: TestClient;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = new Date('2026-11-20T02:00:00Z');
    const clerk = await signedInAs(hall, started.admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, started.admin, 'leader', ['leader']);
    await started.admin.ok('catalog.importFile', demoCatalog);
    for (let i = 0; i < 20; i++) {
      await clerk.ok('residents.register', {
        name: `统计居民${i}`,
        idType: 'residentId',
        idNumber: residentId(`19${70 + i}0101`, 100 + i),
        ethnicity: '汉族',
        villageId: started.village.id,
      });
    }
    await seedDemoCases(hall.backend.db, {
      from: '2026-04-01',
      to: '2026-11-20',
      perWorkingDay: 8,
      today: '2026-11-20',
      seed: 11,
    });
  });
  after(() => hall.close());

  async function download(fileUrl: string): Promise<Buffer> {
    const response = await leader.fetchFile(fileUrl);
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function pdfText(bytes: Buffer): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'counter-statistics-'));
    try {
      const file = path.join(dir, 'statistics.pdf');
      await writeFile(file, bytes);
      return squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const summaryOf = (period: string) => leader.ok('counter.summary', { period });

  test('a quarter: its three months, their sums its figures; a year: its quarters’ cases', async () => {
    const q3 = await summaryOf('2026-Q3');
    assert.deepEqual([q3.from, q3.to, q3.asOf], ['2026-07-01', '2026-09-30', '2026-09-30']);
    assert.deepEqual(
      q3.trend.map((m) => m.month),
      ['2026-07', '2026-08', '2026-09'],
    );
    const sum = (key: 'accepted' | 'completed' | 'completedOnTime' | 'rated' | 'satisfied') =>
      q3.trend.reduce((total, m) => total + m[key], 0);
    assert.ok(q3.counts.accepted > 400, `enough cases (${q3.counts.accepted})`);
    assert.equal(sum('accepted'), q3.counts.accepted);
    assert.equal(sum('completed'), q3.counts.completed);
    assert.equal(sum('completedOnTime'), q3.counts.completedOnTime);
    assert.equal(sum('rated'), q3.counts.rated);
    assert.equal(sum('satisfied'), q3.counts.satisfied);
    assert.equal(q3.counts.accepted, q3.counts.completed + q3.counts.open + q3.counts.voided);
    assert.equal(
      q3.byCategory.reduce((total, c) => total + c.accepted, 0),
      q3.counts.accepted,
    );

    const year = await summaryOf('2026');
    assert.deepEqual([year.from, year.to, year.asOf], ['2026-01-01', '2026-12-31', '2026-11-20']);
    // January to November: months after today's are not drawn.
    assert.equal(year.trend.length, 11);
    const quarters = await Promise.all(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(summaryOf));
    assert.equal(
      quarters.reduce((total, q) => total + q.counts.accepted, 0),
      year.counts.accepted,
    );
    // A month's trend: the twelve months up to it, across the year end.
    const march = await summaryOf('2026-03');
    assert.equal(march.trend[0]!.month, '2025-04');
    assert.equal(march.trend.at(-1)!.month, '2026-03');
    assert.equal(march.trend.at(-1)!.accepted, march.counts.accepted);
  });

  test('a period is a month, a quarter or a year; anything else is refused naming the format', async () => {
    refused(await leader.call('counter.summary', { period: '2026-Q5' }), 400, /统计期间格式应为/, 'period');
    refused(await leader.call('counter.summary', { month: '2026-10' }), 400, /.+/);
  });

  /** The lines of the figures as the PDF prints them, label then value. */
  const printedFigures = (s: PeriodSummary) => [
    `受理件数：${s.counts.accepted}`,
    `按时办结：${s.counts.completedOnTime}（按时办结率${formatPercentage(s.rates.onTime)}）`,
    `超期（在办）：${s.overdue}`,
    `评价件数：${s.counts.rated}（满意率${formatPercentage(s.rates.satisfaction)}）`,
  ];

  for (const [period, heading, months] of [
    ['2026-Q3', '便民服务季度统计表（2026年第三季度）', ['7月', '8月', '9月']],
    ['2026', '便民服务年度统计表（2026年）', ['1月', '6月', '11月']],
  ] as const) {
    test(`${heading}: the PDF holds the screen’s figures and a row a month`, async () => {
      const summary = await summaryOf(period);
      const exported = await leader.ok('counter.exportSummary', { period, format: 'pdf' });
      const bytes = await download(exported.file.fileUrl);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      const text = await pdfText(bytes);
      const has = (expected: string) => assert.ok(text.includes(squeeze(expected)), `missing “${expected}” in ${text}`);
      has(heading);
      for (const line of printedFigures(summary)) has(line);
      for (const m of summary.trend) {
        const label = `${Number(m.month.slice(5))}月`;
        has(
          `${label}${m.accepted}${m.completed}${m.completedOnTime}${formatPercentage(m.onTime)}${m.rated}${formatPercentage(m.satisfaction)}`,
        );
      }
      for (const month of months) assert.ok(text.includes(month));
      for (const c of summary.byCategory) has(`${c.category}${c.accepted}${c.completed}`);
    });

    test(`${heading}: the workbook holds the same numbers, a row a month`, async () => {
      const summary = await summaryOf(period);
      const exported = await leader.ok('counter.exportSummary', { period, format: 'xlsx' });
      const bytes = await download(exported.file.fileUrl);
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      const main = book.getWorksheet('统计')!;
      assert.ok(
        String(main.getCell('A1').value).includes(heading.replace(/（.*$/, '')),
        String(main.getCell('A1').value),
      );
      const value = (label: string) => {
        let found: unknown;
        main.eachRow((row) => {
          if (row.getCell(1).value === label) found = row.getCell(2).value;
        });
        return found;
      };
      assert.equal(value('受理件数'), summary.counts.accepted);
      assert.equal(value('办结件数'), summary.counts.completed);
      assert.equal(value('按时办结率（%）'), summary.rates.onTime ?? '');
      assert.equal(value('超期件数（在办）'), summary.overdue);
      assert.equal(value('满意率（%）'), summary.rates.satisfaction ?? '');
      const months = book.getWorksheet('按月')!;
      assert.equal(months.rowCount - 1, summary.trend.length);
      summary.trend.forEach((m, i) => {
        const cells = (months.getRow(i + 2).values as unknown[]).slice(1);
        assert.deepEqual(cells, [
          m.month,
          m.accepted,
          m.completed,
          m.completedOnTime,
          m.onTime ?? '',
          m.rated,
          m.satisfied,
          m.satisfaction ?? '',
        ]);
      });
    });
  }
});
