// The county's period reports from figures built by hand: the PDF read back with pdftotext (the
// county's headers, a township's figures and the total, the township that has not synced named
// and its row marked, every font embedded) and the workbook read back with ExcelJS (a sheet per
// desk with numbers in its cells, the sheet 未同步乡镇); and the route that hands them out, over real
// HTTP: its Chinese file name (RFC 5987), the county's name from `--county-name`, a wrong format refused.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { countyReportFile } from '../../hub/countyReports/countyReportFile';
import { openHub, type Hub } from '../../hub/hub';
import { parseHubArgs } from '../../hub/options';
import { startHubServer, type RunningHubServer } from '../../hub/server';
import { COUNTY_API_PREFIX } from '../../shared/sync/countyApi';
import { COLUMNS_PER_TABLE } from '../../hub/countyReports/countyReportPdf';
import type { CountyFigures, FigureColumn, FigureColumnKind } from '../../shared/sync/countyFiguresApi';
import { DEFAULT_COUNTY_NAME, MISSING_TOWNSHIPS_LEAD } from '../../shared/sync/countyReports';
import type { FigureDesk } from '../../shared/figures/figureEvents';
import { disposeAll } from '../support/dispose';
import { assertIncludes, runPoppler, squeeze } from '../support/renderedPdf';
import { TEST_CERTIFICATE_PEM, TEST_FINGERPRINT } from '../support/testHub';

const column = (desk: FigureDesk, key: string, label: string, kind: FigureColumnKind = 'count'): FigureColumn => ({
  desk,
  key,
  id: `${desk}.${key}`,
  label,
  kind,
  listable: kind === 'count',
});

// Nine counter columns: more than one table holds across A4, so the ninth goes to a second table.
const COLUMNS: FigureColumn[] = [
  column('counter', 'accepted', '受理'),
  column('counter', 'completed', '办结'),
  column('counter', 'completedOnTheSpot', '当场办结'),
  column('counter', 'onTheSpot', '当场办结率', 'rate'),
  column('counter', 'onTime', '按时办结率', 'rate'),
  column('counter', 'overdue', '超期在办'),
  column('counter', 'rated', '评价'),
  column('counter', 'satisfaction', '满意率', 'rate'),
  column('counter', 'poorRatings', '差评'),
  column('mediation', 'accepted', '受理'),
  column('mediation', 'settled', '调解成功'),
  column('mediation', 'successRate', '调解成功率', 'rate'),
  column('mediation', 'acceptedAmountFen', '涉及金额', 'fen'),
];

const values = (counter: (number | null)[], mediation: [number, number, number | null, number]) =>
  Object.fromEntries([
    ...COLUMNS.filter((c) => c.desk === 'counter').map((c, i) => [c.id, counter[i] ?? null]),
    ['mediation.accepted', mediation[0]],
    ['mediation.settled', mediation[1]],
    ['mediation.successRate', mediation[2]],
    ['mediation.acceptedAmountFen', mediation[3]],
  ]);

const flags = { overdueInstructions: 0, overdueCases: 0, noReportToday: false };

const FIGURES: CountyFigures = {
  period: '2026-10',
  periodLabel: '2026年10月',
  asOf: '2026-10-31',
  today: '2026-11-03',
  columns: COLUMNS,
  townships: [
    {
      nodeId: 'n-baishui',
      townshipName: '白水乡',
      lastContactAt: '2026-11-03T01:00:00.000Z',
      covered: true,
      flags,
      values: values([128, 121, 77, 60.2, 97.5, 2, 90, 95.6, 1], [14, 12, 85.7, 1_234_550]),
    },
    {
      nodeId: 'n-qingshan',
      townshipName: '青山镇',
      lastContactAt: '2026-10-28T09:30:00.000Z',
      covered: false,
      flags: { ...flags, noReportToday: true },
      values: values([40, 33, 20, 50, 90.9, 0, 0, null, 0], [3, 1, 33.3, 50_000]),
    },
  ],
  total: values([168, 154, 97, 57.7, 96.1, 2, 90, 95.6, 1], [17, 13, 76.5, 1_284_550]),
  missing: [
    { nodeId: 'n-qingshan', townshipName: '青山镇', why: '最近一次同步为 2026-10-28，未覆盖本期（截至 2026-10-31）' },
  ],
};

const GENERATED_AT = new Date('2026-11-03T02:05:00.000Z'); // 10:05 in Beijing

let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'county-reports-'));
});
after(() => rm(tmp, { recursive: true, force: true }));

async function pdfText(bytes: Buffer, name: string): Promise<{ text: string; raw: string; file: string }> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  return {
    file,
    text: squeeze(runPoppler('pdftotext', ['-enc', 'UTF-8', file, '-'])),
    raw: squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])),
  };
}

describe('the PDF of a period report', () => {
  test('carries the county’s headers, each desk’s table with its total, and names the township not synced', async () => {
    const file = await countyReportFile(FIGURES, 'pdf', { countyName: '青峰县', generatedAt: GENERATED_AT });
    assert.equal(file.fileName, '青峰县乡镇一站通月度汇报（2026年10月）.pdf');
    assert.equal(file.contentType, 'application/pdf');
    const { text, raw, file: saved } = await pdfText(file.bytes, 'month.pdf');
    assertIncludes(text, [
      '青峰县乡镇一站通月度汇报（2026年10月）',
      '统计期间：2026年10月（2026-10-01 至 2026-10-31），数据截至 2026-10-31',
      '生成时间：2026-11-03 10:05（北京时间）',
      '一、一站式服务',
      '二、人民调解',
    ]);
    // Never silently zero: the township is named with why, and its rows are marked.
    assertIncludes(text, [
      `${MISSING_TOWNSHIPS_LEAD}青山镇（最近一次同步为 2026-10-28，未覆盖本期（截至 2026-10-31））。`,
    ]);
    // A row of the table is its cells one after the other (drawing order).
    assertIncludes(raw, [
      '乡镇受理办结当场办结当场办结率（%）按时办结率（%）超期在办评价满意率（%）',
      '白水乡12812177' + '60.2%97.5%29095.6%',
      '青山镇※40332050.0%90.9%00—',
      '合计16815497' + '57.7%96.1%29095.6%',
      // The ninth counter column is in a table of its own, with the township column again.
      '乡镇差评白水乡1青山镇※0合计1',
      // Amounts in yuan with two decimals; a rate of nothing is —.
      '乡镇受理调解成功调解成功率（%）涉及金额（元）',
      '白水乡141285.7%12345.50',
      '青山镇※3133.3%500.00',
      '合计171376.5%12845.50',
    ]);
    assert.equal(COLUMNS_PER_TABLE, 8);
    // Every font is embedded (the report opens on a machine without Chinese fonts).
    const fonts = runPoppler('pdffonts', [saved]).split('\n').slice(2).filter(Boolean);
    assert.ok(fonts.length > 0);
    for (const line of fonts) assert.match(line, /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, line);
  });

  test('a quarter is the 季度考评, a year the 年终总评; the county unnamed is 本县; all synced is said so', async () => {
    const covered: CountyFigures = {
      ...FIGURES,
      period: '2026-Q4',
      periodLabel: '2026年第四季度',
      townships: FIGURES.townships.map((t) => ({ ...t, covered: true })),
      missing: [],
    };
    const quarter = await countyReportFile(covered, 'pdf', {
      countyName: DEFAULT_COUNTY_NAME,
      generatedAt: GENERATED_AT,
    });
    assert.equal(quarter.fileName, '本县乡镇一站通季度考评（2026年第四季度）.pdf');
    const { text } = await pdfText(quarter.bytes, 'quarter.pdf');
    assertIncludes(text, ['本县乡镇一站通季度考评（2026年第四季度）', '各乡镇本期数据均已同步（截至 2026-10-31）。']);
    assert.ok(!text.includes('※'), 'no township marked');
    assert.ok(!text.includes(squeeze(MISSING_TOWNSHIPS_LEAD)));
    const year = await countyReportFile({ ...covered, period: '2026' }, 'xlsx', {
      countyName: '青峰县',
      generatedAt: GENERATED_AT,
    });
    assert.equal(year.fileName, '青峰县乡镇一站通年终总评（2026年）.xlsx');
  });
});

describe('the workbook of a period report', () => {
  test('a sheet per desk with numbers in its cells, the total, and the sheet 未同步乡镇', async () => {
    const file = await countyReportFile(FIGURES, 'xlsx', { countyName: '青峰县', generatedAt: GENERATED_AT });
    assert.equal(file.fileName, '青峰县乡镇一站通月度汇报（2026年10月）.xlsx');
    assert.equal(file.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['一站式服务', '人民调解', '未同步乡镇'],
    );

    const counter = book.getWorksheet('一站式服务')!;
    assert.equal(counter.getCell('A1').value, '青峰县乡镇一站通月度汇报（2026年10月） · 一站式服务');
    assert.match(String(counter.getCell('A2').value), /数据截至 2026-10-31；生成时间：2026-11-03 10:05（北京时间）/);
    assert.match(
      String(counter.getCell('A3').value),
      /^以下乡镇本期数据未同步完整，未计入或仅部分计入：青山镇（最近一次同步为 2026-10-28/,
    );
    const rows = sheetRows(counter);
    const header = rows.findIndex((r) => r[0] === '乡镇');
    assert.deepEqual(rows[header], [
      '乡镇',
      '本期同步',
      '受理',
      '办结',
      '当场办结',
      '当场办结率（%）',
      '按时办结率（%）',
      '超期在办',
      '评价',
      '满意率（%）',
      '差评',
    ]);
    assert.deepEqual(rows[header + 1], ['白水乡', '完整', 128, 121, 77, 60.2, 97.5, 2, 90, 95.6, 1]);
    assert.deepEqual(rows[header + 2], ['青山镇', '未同步完整', 40, 33, 20, 50, 90.9, 0, 0, null, 0]);
    assert.deepEqual(rows[header + 3], ['合计', '', 168, 154, 97, 57.7, 96.1, 2, 90, 95.6, 1]);

    const mediation = sheetRows(book.getWorksheet('人民调解')!);
    const mediationHeader = mediation.findIndex((r) => r[0] === '乡镇');
    assert.deepEqual(mediation[mediationHeader], [
      '乡镇',
      '本期同步',
      '受理',
      '调解成功',
      '调解成功率（%）',
      '涉及金额（元）',
    ]);
    assert.deepEqual(mediation[mediationHeader + 1], ['白水乡', '完整', 14, 12, 85.7, 12345.5]);
    assert.deepEqual(mediation[mediationHeader + 3], ['合计', '', 17, 13, 76.5, 12845.5]);

    const missing = sheetRows(book.getWorksheet('未同步乡镇')!);
    assert.deepEqual(missing.slice(1), [
      ['乡镇', '情况'],
      ['青山镇', '最近一次同步为 2026-10-28，未覆盖本期（截至 2026-10-31）'],
    ]);
  });
});

describe('the report route', () => {
  const token = 'county-token-for-report-tests-0123456789';
  let dataDir: string;
  let hub: Hub;
  let server: RunningHubServer;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'county-report-route-'));
    hub = await openHub({ dataDir, log: () => {}, now: () => GENERATED_AT });
    await hub.createNode({
      townshipName: '白水乡',
      hubUrl: 'https://hub.invalid',
      certificatePem: TEST_CERTIFICATE_PEM,
      certificateFingerprint: TEST_FINGERPRINT,
    });
    const parsed = parseHubArgs(['--county-name', ' 青峰县 '], { cwd: dataDir, env: {}, uiDir: null });
    assert.ok(parsed.ok === true);
    server = await startHubServer({
      hub,
      host: '127.0.0.1',
      port: 0,
      tls: null,
      countyToken: token,
      uiDir: null,
      reports: { countyName: parsed.options.countyName },
    });
  });
  after(() =>
    disposeAll([
      () => server?.close(),
      () => hub?.close(),
      () => dataDir && rm(dataDir, { recursive: true, force: true }),
    ]),
  );

  const get = (query: string) =>
    fetch(`${server.url}${COUNTY_API_PREFIX}reports/file?${query}`, { headers: { Authorization: `Bearer ${token}` } });

  test('answers the workbook under the county’s Chinese title, as RFC 5987 spells it', async () => {
    const answer = await get('period=2026-Q4&format=xlsx');
    assert.equal(answer.status, 200);
    assert.equal(
      answer.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const name = '青峰县乡镇一站通季度考评（2026年第四季度）.xlsx';
    // An ASCII stand-in for old clients, the real name in filename* (RFC 5987: UTF-8, percent-encoded).
    const disposition = answer.headers.get('content-disposition')!;
    assert.equal(
      disposition,
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    assert.equal(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!), name);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await answer.arrayBuffer());
    assert.equal(
      book.getWorksheet('一站式服务')?.getCell('A1').value,
      '青峰县乡镇一站通季度考评（2026年第四季度） · 一站式服务',
    );
    // The township enrolled but never synced is named, not counted as zero silently.
    const missing: unknown[] = [];
    book.getWorksheet('未同步乡镇')!.eachRow((row) => missing.push(row.getCell(1).value));
    assert.ok(missing.includes('白水乡'), String(missing));
  });

  test('refuses a format it does not make, naming the field', async () => {
    const answer = await get('period=2026-10&format=docx');
    assert.equal(answer.status, 400);
    const { error } = (await answer.json()) as { error: { message: string; field?: string } };
    assert.equal(error.field, 'format');
    assert.match(error.message, /格式/);
  });

  test('--county-name takes a county’s name, and refuses an empty one', () => {
    assert.deepEqual(parseHubArgs(['--county-name', '   '], { cwd: '/', env: {}, uiDir: null }), {
      ok: false,
      message: '--county-name 应为 1–20 个字的县名，如 青峰县',
    });
    const plain = parseHubArgs([], { cwd: '/', env: {}, uiDir: null });
    assert.ok(plain.ok === true && plain.options.countyName === undefined, 'no name: the reports say 本县');
  });
});

/** Each row's cell values from the first column to the sheet's last (empty cells as null). */
function sheetRows(sheet: ExcelJS.Worksheet): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(value === undefined ? null : (value as string | number | null));
    }
    // Merged title rows repeat their text in every cell: keep the first.
    while (cells.length > 1 && cells.at(-1) === null) cells.pop();
    rows.push(cells);
  });
  return rows;
}
