// 总览 on the county page, in a real browser at 1366×768 against a real hub whose townships synced
// their records through sealed batches: the overview of October 2026 with a row per township,
// its red flags and figures equal to the hub's; the ranking chart drawing the table's values (read
// from the chart itself: ECharts names every value it draws in its aria label); the trend of a
// figure; a count opening the records behind it; the month's report downloaded as PDF and xlsx
// and read back, naming the townships that have not synced the month.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type RunningHub } from '../hub/startHub';
import type { ChangeEntry } from '../shared/sync/protocol';
import type { CountyFigures, FigureColumn } from '../shared/sync/countyFiguresApi';
import { formatFigure } from '../shared/sync/countyReports';
import { disposeAll } from '../test/support/dispose';
import { runPoppler, squeeze } from '../test/support/renderedPdf';
import { type TestNode } from '../test/support/syncNode';
import { pickOption } from './support/antd';
import { ACTION_TIMEOUT, launchBrowser, watchForPageErrors } from './support/browser';
import { registeredTownship, signInToCounty, startCountyHub } from './support/county';

/** The hub's and the browser's now: 10:00 on 5 November 2026 in Beijing; October is over. */
const NOW = new Date('2026-11-05T02:00:00.000Z');
const PERIOD = '2026-10';

let dataDir: string;
let running: RunningHub;
let browser: Browser;
let context: BrowserContext;

function township(name: string): Promise<TestNode> {
  return registeredTownship(running, name);
}

/** A `counter_cases` row as the township's triggers file it (the columns the figures and the list read). */
function caseRow(id: string, number: string, changes: Record<string, unknown>) {
  return {
    id,
    case_number: number,
    item_name: '城乡居民基本养老保险参保登记',
    resident_name: '李秀英',
    status: 'completed',
    intake_on: changes.accepted_on,
    original_promised_date: changes.promised_date,
    completed_on: null,
    completed_on_the_spot: 0,
    rating: null,
    voided_at: null,
    steps: '{"pauses":[]}',
    version: 1,
    ...changes,
  };
}

function disputeRow(id: string, number: string, changes: Record<string, unknown>) {
  return {
    id,
    number,
    committee_id: 'committee-1',
    source: 'visit',
    registered_on: changes.accepted_on,
    handover_kind: null,
    category: 'neighbour',
    facts: '相邻宅基地排水沟堵塞引发争执',
    amount_fen: null,
    risky: 0,
    outcome_kind: null,
    outcome_on: null,
    court_applied_on: null,
    court_decision: null,
    court_decided_on: null,
    referral_out_kind: null,
    referral_out_on: null,
    version: 1,
    ...changes,
  };
}

function recordEntry(node: TestNode, entity: string, table: string, row: { id: string }, at?: string): ChangeEntry {
  return node.entries(1, () => ({
    entity,
    entityId: row.id,
    op: 'create',
    data: {},
    rows: [{ table, row }],
    ...(at ? { at } : {}),
  }))[0]!;
}

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'county-dashboard-e2e-'));
  running = await startCountyHub(dataDir, () => NOW);
  browser = await launchBrowser();
  context = await browser.newContext({
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
  });
  await context.clock.setFixedTime(NOW);

  // 白水乡 synced everything up to 1 November: three cases accepted in October (one on the spot,
  // one completed in time, one open past its date), one in September, a dispute settled.
  const baishui = await township('白水乡');
  await running.hub.applyBatch(
    baishui.batch([
      recordEntry(
        baishui,
        'counterCase',
        'counter_cases',
        caseRow('bs-1', 'BS20261008001', {
          status: 'rated',
          accepted_on: '2026-10-08',
          promised_date: '2026-10-08',
          completed_on: '2026-10-08',
          completed_on_the_spot: 1,
          rating: 'satisfied',
        }),
      ),
      recordEntry(
        baishui,
        'counterCase',
        'counter_cases',
        caseRow('bs-2', 'BS20261012001', {
          accepted_on: '2026-10-12',
          promised_date: '2026-10-26',
          completed_on: '2026-10-20',
          item_name: '残疾人两项补贴申请',
        }),
      ),
      recordEntry(
        baishui,
        'counterCase',
        'counter_cases',
        caseRow('bs-3', 'BS20261015001', {
          status: 'inProgress',
          accepted_on: '2026-10-15',
          promised_date: '2026-10-22',
          item_name: '农村危房改造申请',
        }),
      ),
      recordEntry(
        baishui,
        'counterCase',
        'counter_cases',
        caseRow('bs-0', 'BS20260920001', {
          accepted_on: '2026-09-20',
          promised_date: '2026-09-30',
          completed_on: '2026-09-25',
        }),
      ),
      recordEntry(
        baishui,
        'dispute',
        'disputes',
        disputeRow('d-1', '（2026）白水调字第7号', {
          accepted_on: '2026-10-10',
          outcome_kind: 'written',
          outcome_on: '2026-10-18',
          amount_fen: 1_234_550,
        }),
      ),
    ]),
    'link',
  );
  // 青山镇 last synced what it wrote on 20 October: its October is not complete.
  const qingshan = await township('青山镇');
  await running.hub.applyBatch(
    qingshan.batch([
      recordEntry(
        qingshan,
        'counterCase',
        'counter_cases',
        caseRow('qs-1', 'QS20261012001', {
          accepted_on: '2026-10-12',
          promised_date: '2026-10-12',
          completed_on: '2026-10-12',
          completed_on_the_spot: 1,
        }),
        '2026-10-20T03:00:00.000Z',
      ),
    ]),
    'link',
  );
  // 石桥镇 enrolled and never synced a record.
  await township('石桥镇');
});

after(() =>
  disposeAll([
    () => context?.close(),
    () => browser?.close(),
    () => running?.close(),
    () => dataDir && rm(dataDir, { recursive: true, force: true }),
  ]),
);

/** Each township's cells of the overview table, by township name (the row's first cell). */
async function overviewRows(overview: Locator): Promise<Map<string, string[]>> {
  const rows = await overview
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  return new Map(rows.map((cells) => [cells[0]!, cells]));
}

/** The value cells come after 乡镇, 最近联系 and 预警, in the order of the figures' columns. */
const FIXED_CELLS = 3;

/** What a chart draws, by category, read from its own description (ECharts' aria label). */
async function chartValues(figure: Locator): Promise<Map<string, string>> {
  const chart = figure.locator('[role="img"][aria-label*="其数据是"]');
  await chart.waitFor();
  const label = (await chart.getAttribute('aria-label'))!;
  const data = label.slice(label.indexOf('其数据是——') + '其数据是——'.length);
  return new Map([...data.matchAll(/([^，]+?)的数据是([^，]*)/g)].map((m) => [m[1]!, m[2]!.replace(/[。；]$/, '')]));
}

/** A drawn value as the table writes it (a value the chart has none of is ‘—’ in the table). */
function asCell(column: FigureColumn, drawn: string): string {
  const value = Number(drawn);
  return drawn === '' || drawn === '-' || Number.isNaN(value)
    ? '—'
    : formatFigure(column.kind, column.kind === 'fen' ? Math.round(value * 100) : value);
}

async function assertChartIsTable(page: Page, figures: CountyFigures, column: FigureColumn): Promise<void> {
  const overview = page.getByRole('region', { name: '各乡镇汇总' });
  const index = figures.columns.findIndex((c) => c.id === column.id);
  const table = await overviewRows(overview);
  const drawn = await chartValues(page.getByRole('figure', { name: '乡镇排名' }));
  assert.deepEqual([...drawn.keys()].sort(), [...table.keys()].sort(), 'a bar per township of the table');
  for (const [name, cells] of table) {
    assert.equal(asCell(column, drawn.get(name)!), cells[FIXED_CELLS + index], `${name}: ${column.label}`);
  }
}

test('the county’s overview: figures by township, a chart equal to its table, the records behind a count, the month’s report', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await signInToCounty(page, running);

  // 总览 is the first tab and opens on the running month; October is one step back.
  await page.getByRole('tab', { name: '总览', selected: true }).waitFor();
  await page.getByText('各乡镇汇总（2026年11月）').waitFor();
  await page.getByRole('button', { name: '上个月' }).click();
  await page.getByText('各乡镇汇总（2026年10月）').waitFor();

  const figures = await running.hub.countyFigures(PERIOD);
  const overview = page.getByRole('region', { name: '各乡镇汇总' });
  const rows = await overviewRows(overview);
  assert.deepEqual([...rows.keys()].sort(), ['白水乡', '石桥镇', '青山镇'].sort());
  // Every figure of every township is the hub's, written as the county reads it.
  for (const township of figures.townships) {
    const cells = rows.get(township.townshipName)!;
    figures.columns.forEach((column, i) =>
      assert.equal(cells[FIXED_CELLS + i], formatFigure(column.kind, township.values[column.id]), column.id),
    );
  }
  const accepted = figures.columns.findIndex((c) => c.id === 'counter.accepted');
  assert.equal(rows.get('白水乡')![FIXED_CELLS + accepted], '3', 'three cases accepted in October at 白水乡');
  assert.equal(rows.get('青山镇')![FIXED_CELLS + accepted], '1');
  const total = await overview
    .locator('.ant-table-summary tr')
    .first()
    .evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()));
  assert.equal(total[0], '合计');
  assert.equal(total[2 + accepted], '4', 'the total row (its second cell spans two columns)');

  // The red flags: 白水乡's case past its date, no township's daily report, two not covering October.
  const baishui = overview.getByRole('row', { name: /^白水乡/ });
  await baishui.getByText('办件超期 1').waitFor();
  await baishui.getByText('今日未报平安').waitFor();
  assert.equal(await baishui.getByText('本期未同步完整').count(), 0);
  await overview
    .getByRole('row', { name: /^青山镇/ })
    .getByText('本期未同步完整')
    .waitFor();
  await overview
    .getByRole('row', { name: /^石桥镇/ })
    .getByText('本期未同步完整')
    .waitFor();
  await page.getByText(/以下乡镇本期数据未同步完整，未计入或仅部分计入：.*青山镇/).waitFor();

  // 1366×768: the page does not scroll sideways; the wide table does, its first column fixed.
  assert.ok(((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 1366);
  const scroller = overview.locator('.ant-table-content');
  assert.ok(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls sideways');
  assert.equal(
    await overview
      .locator('.ant-table-tbody tr.ant-table-row td')
      .first()
      .evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).position),
    'sticky',
  );

  // The ranking chart draws the table's values: a count, then a rate.
  await assertChartIsTable(page, figures, figures.columns[accepted]!);
  const onTime = figures.columns.find((c) => c.id === 'counter.onTime')!;
  await pickOption(page.getByLabel('排名指标'), '一站式服务·按时办结率');
  await page.getByRole('figure', { name: '乡镇排名' }).locator('[aria-label*="按时办结率"]').waitFor();
  await assertChartIsTable(page, figures, onTime);
  const ranked = await page
    .getByRole('region', { name: '名次' })
    .locator('tbody tr.ant-table-row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  assert.equal(ranked.at(-1)![0], '—', 'a township with no completed case has no place by 按时办结率');

  // The trend of 受理 over the twelve months up to October: the county's total, then 白水乡's.
  const trend = page.getByRole('figure', { name: '按月趋势' });
  let points = await chartValues(trend);
  assert.equal(points.size, 12);
  assert.equal(points.get('10月'), '4');
  assert.equal(points.get('9月'), '1');
  assert.equal(points.get('2025年11月'), '0');
  await pickOption(page.getByLabel('范围'), '白水乡');
  await trend.locator('[aria-label*="10月的数据是3"]').waitFor();
  points = await chartValues(trend);
  assert.equal(points.get('9月'), '1');

  // A count opens the records behind it.
  await baishui.getByRole('button', { name: '白水乡 一站式服务 受理：3，查看记录' }).click();
  const drawer = page.getByRole('dialog', { name: '白水乡 · 一站式服务受理（2026年10月）' });
  await drawer.getByText('共 3 件').waitFor();
  const records = await drawer
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  assert.deepEqual(records.map((r) => [r[0], r[2]]).sort(), [
    ['BS20261008001', '2026-10-08'],
    ['BS20261012001', '2026-10-12'],
    ['BS20261015001', '2026-10-15'],
  ]);
  assert.ok(
    records.some((r) => r[1]!.includes('农村危房改造申请') && r[1]!.includes('李**')),
    'the title, the name masked',
  );
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  // The month's report: the PDF and the workbook, read back.
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '月度汇报 PDF' }).click();
  const pdf = await pdfDownload;
  assert.equal(pdf.suggestedFilename(), '本县乡镇一站通月度汇报（2026年10月）.pdf');
  const pdfFile = path.join(dataDir, 'report.pdf');
  await pdf.saveAs(pdfFile);
  const text = squeeze(runPoppler('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']));
  const raw = squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', pdfFile, '-']));
  assert.ok(text.includes('本县乡镇一站通月度汇报（2026年10月）'), text);
  assert.ok(text.includes('生成时间：2026-11-0510:00（北京时间）'), text);
  assert.match(text, /以下乡镇本期数据未同步完整，未计入或仅部分计入：.*石桥镇（尚未同步任何记录）/);
  assert.match(text, /未计入或仅部分计入：.*青山镇（/);
  const counterColumns = figures.columns.filter((c) => c.desk === 'counter').slice(0, 8);
  const baishuiFigures = figures.townships.find((t) => t.townshipName === '白水乡')!;
  const baishuiRow = `白水乡${counterColumns.map((c) => formatFigure(c.kind, baishuiFigures.values[c.id])).join('')}`;
  assert.ok(raw.includes(baishuiRow), `${baishuiRow} in ${raw}`);

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '月度汇报 Excel' }).click();
  const xlsx = await xlsxDownload;
  assert.equal(xlsx.suggestedFilename(), '本县乡镇一站通月度汇报（2026年10月）.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  const counter = book.getWorksheet('一站式服务')!;
  let found: ExcelJS.Row | null = null;
  counter.eachRow((row) => {
    if (row.getCell(1).value === '白水乡') found = row;
  });
  assert.ok(found, 'a row for 白水乡');
  const baishuiCells = found as ExcelJS.Row;
  assert.equal(baishuiCells.getCell(2).value, '完整');
  assert.equal(baishuiCells.getCell(3 + accepted).value, 3);
  const gaps: unknown[][] = [];
  book.getWorksheet('未同步乡镇')!.eachRow((row) => gaps.push([row.getCell(1).value, row.getCell(2).value]));
  assert.deepEqual(
    gaps
      .slice(2)
      .map((r) => r[0])
      .sort(),
    ['石桥镇', '青山镇'].sort(),
  );

  assert.deepEqual(errors, []);
  await page.close();
});
