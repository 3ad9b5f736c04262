import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import type { RatingLevel } from '../shared/counter/casesApi';
import type { SummaryMonth } from '../shared/counter/ledgerApi';
import { formatPercentage, monthSpan } from '../shared/counter/statistics';
import { PETITION_CATEGORIES } from '../shared/petitions/petitions';
import { exactly, pickOption } from './support/antd';
import { signIn, watchForPageErrors } from './support/browser';
import { fromPage } from './support/printedPdf';
import { morningOf, PASSWORD, STAFF, useTownshipHall } from './support/townshipHall';

const MONTH = '2026-10';

/** 城乡居民基本养老保险参保登记: a 即办件. */
const IMMEDIATE = 'SB-001';
/** 农村土地经营权流转合同备案: 5 working days. */
const FIVE_DAYS = 'NY-004';
/** 高龄津贴申请: 10 working days. */
const TEN_DAYS = 'MZ-005';

describe('统计: the month’s figures and the ledger in the browser', () => {
  const setup = useTownshipHall(morningOf('2026-10-13'));
  before(() => makeCases());

  async function materials(code: string): Promise<string[]> {
    const { entries } = await setup.clients.clerk.ok('catalog.list', { query: code });
    return entries.find((e) => e.item.code === code)!.item.materials.map((m) => m.name);
  }

  /**
   * October: two 即办件 done on the spot and rated (one poorly), a 5-day case done on time,
   * one done late, a 10-day case still open past its date, one accepted at the month's end,
   * one waiting for materials, and an agent's errand handed over.
   */
  async function makeCases() {
    const residents = setup.residents;
    const intake = async (i: number, code: string, options: { completeNow?: boolean; missing?: boolean } = {}) =>
      (
        await setup.clients.clerk.ok('counter.intake', {
          requestId: crypto.randomUUID(),
          residentId: residents[i]!.id,
          itemCode: code,
          receivedMaterials: options.missing ? [] : await materials(code),
          window: '1号窗口',
          decision: options.missing ? 'awaitMaterials' : 'accept',
          ...(options.completeNow ? { completeNow: true } : {}),
        })
      ).case;
    const deliverAndRate = async (caseId: string, version: number, signedBy: string, level: RatingLevel) => {
      const delivered = await setup.clients.clerk.ok('counter.deliver', {
        caseId,
        version,
        method: 'collected',
        signedBy,
      });
      await setup.clients.clerk.ok('counter.rate', {
        caseId,
        version: delivered.case.version,
        level,
        channel: 'clerk',
      });
    };
    const complete = async (record: { id: string }) => {
      const { case: current } = await setup.clients.clerk.ok('counter.get', { caseId: record.id });
      await setup.clients.clerk.ok('counter.complete', {
        caseId: record.id,
        version: current.version,
        result: 'approved',
      });
    };

    const spot1 = await intake(0, IMMEDIATE, { completeNow: true });
    await deliverAndRate(spot1.id, spot1.version, residents[0]!.name, 'verySatisfied');
    const spot2 = await intake(1, IMMEDIATE, { completeNow: true });
    await deliverAndRate(spot2.id, spot2.version, residents[1]!.name, 'dissatisfied');
    const onTime = await intake(2, FIVE_DAYS);
    const late = await intake(3, FIVE_DAYS);
    await intake(4, TEN_DAYS);
    await intake(5, FIVE_DAYS, { missing: true });

    // The agent serves the resident's village: an agent registers errands there only.
    await setup.admin.ok('errands.setAgentVillage', {
      userId: setup.userIds.agent,
      villageId: residents[6]!.villageId,
    });
    const { errand } = await setup.clients.agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: residents[6]!.id,
      itemCode: TEN_DAYS,
    });
    await setup.clients.agent.ok('errands.collect', {
      errandId: errand.id,
      version: errand.version,
      collectedMaterials: await materials(TEN_DAYS),
    });
    await setup.clients.clerk.ok('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId: errand.agentId,
      errandIds: [errand.id],
      window: '1号窗口',
    });

    setup.clock.current = morningOf('2026-10-14');
    await complete(onTime);
    setup.clock.current = morningOf('2026-10-28');
    await complete(late);
    setup.clock.current = morningOf('2026-10-29');
    await intake(7, FIVE_DAYS);
    setup.clock.current = morningOf('2026-10-30');
  }

  async function downloaded(page: Page, button: RegExp): Promise<Buffer> {
    const download: Promise<Download> = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    return readFile((await (await download).path())!);
  }

  test('the monthly figures are the backend’s, with what each rate divides; exports', async () => {
    const summary = await setup.clients.clerk.ok('counter.summary', { period: MONTH });
    const { counts, rates } = summary;
    // The month holds what the figures are about.
    assert.ok(counts.accepted >= 6 && counts.completedOnTheSpot === 2 && counts.completedLate >= 1);
    assert.ok(summary.overdue >= 1 && counts.rated === 2 && counts.poorRatings === 1);

    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, STAFF.leader.username, PASSWORD);
    await page.getByRole('link', { name: '统计报表', exact: true }).click();
    await page.getByText('2026年10月受理的件').waitFor();

    const figure = async (label: string) =>
      (await page.getByRole('region', { name: label, exact: true }).textContent()) ?? '';
    const expected: [string, string[]][] = [
      [
        '受理',
        [`${counts.accepted}件`, `不予受理 ${summary.notAccepted} 件，待补齐材料 ${summary.awaitingMaterials} 件`],
      ],
      [
        '当场办结率',
        [formatPercentage(rates.onTheSpot), `当场办结 ${counts.completedOnTheSpot} 件 / 受理 ${counts.accepted} 件`],
      ],
      ['办结', [`${counts.completed}件`, `超期办结 ${counts.completedLate} 件`]],
      [
        '按时办结率',
        [formatPercentage(rates.onTime), `按时办结 ${counts.completedOnTime} 件 / 办结 ${counts.completed} 件`],
      ],
      ['在办', [`${counts.open}件`]],
      ['超期', [`${summary.overdue}件`]],
      [
        '满意率',
        [formatPercentage(rates.satisfaction), `满意及非常满意 ${counts.satisfied} 件 / 已评价 ${counts.rated} 件`],
      ],
      ['差评', [`${counts.poorRatings}件`]],
      ['作废', [`${counts.voided}件`]],
    ];
    for (const [label, parts] of expected) {
      const text = await figure(label);
      for (const part of parts) assert.ok(text.includes(part), `${label}: “${text}” shows “${part}”`);
    }
    assert.equal(formatPercentage(rates.satisfaction), '50.0%');

    for (const row of summary.byCategory) {
      const cells = page.getByRole('row', { name: new RegExp(`^${row.category} `) });
      assert.match((await cells.textContent()) ?? '', new RegExp(`${row.category}${row.accepted}${row.completed}`));
    }
    const agentRow = page.getByRole('row', { name: /张国庆/ });
    assert.match((await agentRow.textContent()) ?? '', /张国庆.*110$/, 'one registered, one handed over');

    // Excel: a real workbook with the same figures.
    const xlsx = await downloaded(page, /导出 Excel/);
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计')!;
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1, 3), ['指标', '数值']);
    let acceptedCell: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '受理件数') acceptedCell = row.getCell(2).value;
    });
    assert.equal(acceptedCell, counts.accepted);

    // PDF: opened in a new tab.
    // As in printedFile: the file request is awaited from before the click, so it cannot be missed.
    const fileRequested = page
      .context()
      .waitForEvent('request', { predicate: (r) => r.url().includes('/files/') && !fromPage(page, r) });
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: /导出 PDF/ }).click();
    const popup = await popupOpened;
    const request = await fileRequested;
    // With the browser's session cookie: the link opens only for the session that asked for it.
    const pdf = await (await page.request.get(request.url())).body();
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await popup.close();

    // The month before has nothing.
    await page.getByRole('button', { name: '上个月' }).click();
    await page.getByText('2026年9月受理的件').waitFor();
    assert.ok((await figure('受理')).includes('0件'));
    assert.ok((await figure('当场办结率')).includes('—'));
    assert.deepEqual(errors, []);
    await page.close();
  });

  /**
   * A figure's chart (its SVG) against its table: every count label (12件) and rate label (50.0%)
   * the chart draws is a cell of the table and every non-zero cell is drawn, each category is on
   * the axis. Returns the table's rows (category, then the cells).
   */
  async function chartMatchesTable(page: Page, title: string): Promise<string[][]> {
    const figure = page.getByRole('figure', { name: title });
    const chart = figure.getByRole('img', { name: `${title}图` });
    await chart.locator('svg text').first().waitFor();
    const headers = await figure.locator('thead th').allTextContents();
    const rows = await figure
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const drawn = (await chart.locator('svg text').allTextContents()).map((t) => t.trim());
    // A column's unit: 受理（件）, 满意率（%）, 人次 (its own unit).
    const units = headers.map((header) => /（(.+)）$/.exec(header)?.[1] ?? header);
    const counts: string[] = [];
    const rates: string[] = [];
    for (const row of rows) {
      assert.ok(drawn.includes(row[0]!), `${title}: the axis names ${row[0]}`);
      row.slice(1).forEach((cell, i) => {
        if (units[i + 1] === '%') {
          if (cell !== '—') rates.push(cell);
        } else if (cell !== '0') counts.push(`${cell}${units[i + 1]}`);
      });
    }
    const countUnits = units.slice(1).filter((unit) => unit !== '%');
    const isCountLabel = (text: string) => countUnits.some((unit) => new RegExp(`^\\d+${unit}$`).test(text));
    const sorted = (values: string[]) => [...values].sort();
    assert.deepEqual(sorted(drawn.filter(isCountLabel)), sorted(counts), `${title}: the bars’ labels`);
    assert.deepEqual(sorted(drawn.filter((t) => /^\d+\.\d%$/.test(t))), sorted(rates), `${title}: the lines’ labels`);
    for (const header of headers.slice(1)) assert.ok(drawn.includes(header.replace(/（.+）$/, '')), `legend ${header}`);
    return rows;
  }

  /** The trend as the backend counts it, in the table's words. */
  const trendRows = (summary: { trend: SummaryMonth[] }, year: string) =>
    summary.trend.map((m) => [
      m.month.startsWith(year)
        ? `${Number(m.month.slice(5))}月`
        : `${m.month.slice(0, 4)}年${Number(m.month.slice(5))}月`,
      String(m.accepted),
      String(m.completed),
      formatPercentage(m.onTime),
      formatPercentage(m.satisfaction),
    ]);

  test('the charts draw the figures of the tables under them, for the month, the quarter and the year', async () => {
    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, STAFF.leader.username, PASSWORD);
    // The leader's home page counts today's 超期 as the statistics do.
    const month = await setup.clients.leader.ok('counter.summary', { period: MONTH });
    await page.getByRole('link', { name: `今日在办超期 ${month.overdue} 件，打开统计报表` }).click();
    await page.getByText('2026年10月受理的件').waitFor();

    // October: the twelve months up to it, all but October empty.
    assert.deepEqual(await chartMatchesTable(page, '按月趋势'), trendRows(month, '2026'));
    const categories = await chartMatchesTable(page, '按事项类别');
    assert.deepEqual(
      categories.map((row) => row.slice(0, 3)),
      month.byCategory.map((c) => [c.category, String(c.accepted), String(c.completed)]),
    );

    // The fourth quarter so far, then the year: the picker keeps the day the figures are taken on.
    // The segmented control's radio is hidden under its label, which is what a hand clicks.
    const kind = (label: string) =>
      page
        .getByRole('radiogroup', { name: '统计期间类型' })
        .locator('label')
        .filter({ hasText: exactly(label) });
    await kind('季度').click();
    await page.getByText('2026年第四季度受理的件').waitFor();
    const quarter = await setup.clients.leader.ok('counter.summary', { period: '2026-Q4' });
    assert.deepEqual(await chartMatchesTable(page, '按月趋势'), trendRows(quarter, '2026'));
    assert.equal(quarter.counts.accepted, month.counts.accepted, 'only October has cases');

    await kind('年度').click();
    await page.getByText('2026年受理的件').waitFor();
    const year = await setup.clients.leader.ok('counter.summary', { period: '2026' });
    const yearRows = await chartMatchesTable(page, '按月趋势');
    assert.equal(yearRows.length, 10, 'January to October');
    assert.deepEqual(yearRows, trendRows(year, '2026'));
    // The year before: nothing in it, nothing drawn but the axes.
    await page.getByRole('button', { name: '上一年' }).click();
    await page.getByText('2025年受理的件').waitFor();
    assert.equal(await page.getByRole('button', { name: '下一年' }).isDisabled(), false);
    await page.getByRole('button', { name: '下一年' }).click();
    await page.getByText('2026年受理的件').waitFor();
    assert.equal(await page.getByRole('button', { name: '下一年' }).isDisabled(), true, 'no year after today’s');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('mediation and petitions: a quarter on the same picker, the success rates with their definitions, the reception-day decisions', async () => {
    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, STAFF.leader.username, PASSWORD);
    const kind = (label: string) =>
      page
        .getByRole('radiogroup', { name: '统计期间类型' })
        .locator('label')
        .filter({ hasText: exactly(label) });

    await page.goto(`${setup.hall.url}#/mediation/statistics`);
    await kind('季度').click();
    await page.getByText('2026年第四季度，统计至2026年10月30日').waitFor();
    const mediation = await setup.clients.leader.ok('mediation.statistics', { period: '2026-Q4' });
    const headline = (await page.getByRole('region', { name: '调解成功率', exact: true }).textContent()) ?? '';
    assert.ok(headline.includes('调解成功率 = 调解成功 ÷ 受理（上级统计口径）'), headline);
    assert.ok(headline.includes(`${mediation.totals.settled} ÷ ${mediation.totals.accepted}`), headline);
    const beside = (await page.getByRole('region', { name: '调结成功率', exact: true }).textContent()) ?? '';
    assert.ok(beside.includes('调结成功率 = 调解成功 ÷（调解成功 + 调解终止）'), beside);
    assert.deepEqual(
      (await chartMatchesTable(page, '按月趋势')).map((row) => row[0]),
      ['10月'],
    );

    await page.goto(`${setup.hall.url}#/petitions/statistics`);
    await kind('年度').click();
    await page.getByText('2026年，统计至2026年10月30日').waitFor();
    for (const row of ['接访当场解决', '接访限期办理'])
      await page.getByRole('row', { name: new RegExp(`^${row} `) }).waitFor();
    assert.equal((await chartMatchesTable(page, '按月趋势')).length, 10);
    assert.equal((await chartMatchesTable(page, '按内容分类')).length, PETITION_CATEGORIES.length);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the ledger lists the month’s cases, filters, opens a case and exports to Excel', async () => {
    const filter = monthSpan(MONTH);
    const all = await setup.clients.clerk.ok('counter.ledger', { filter });
    const completed = await setup.clients.clerk.ok('counter.ledger', { filter: { ...filter, status: 'completed' } });
    assert.ok(all.total >= 8 && completed.total >= 2 && completed.total < all.total);

    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '统计' }).click();
    await page.getByRole('tab', { name: '办件台账' }).click();
    await page.getByText(`2026-10-01 至 2026-10-31 收件，符合条件的共 ${all.total} 件`).waitFor();
    assert.equal(
      await page.getByRole('link', { name: /SL-2026-\d{6}/ }).count(),
      all.rows.filter((r) => r.caseNumber).length,
    );

    // Only the completed ones.
    await pickOption(page.getByLabel('状态'), '已办结');
    await page.getByText(`符合条件的共 ${completed.total} 件`).waitFor();

    // Excel: the filtered ledger with the county's headers.
    const xlsx = await downloaded(page, /导出 Excel/);
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('办件台账')!;
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(headers.slice(0, 4), ['序号', '受理编号', '收件日期', '申请人']);
    assert.ok(headers.includes('办理状态') && headers.includes('代办员'));
    assert.equal(sheet.rowCount - 2, completed.total);

    // A case number opens the case at the counter.
    const first = completed.rows[0]!;
    await page.getByRole('link', { name: first.caseNumber! }).click();
    await page.waitForURL(new RegExp(`#/counter/cases/${first.id}$`));
    await page.getByText(first.caseNumber!).first().waitFor();

    // Back: the filter is kept for the session.
    await page.goBack();
    await page.getByText(`符合条件的共 ${completed.total} 件`).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
