// The county's period report as a PDF: 月度汇报, 季度考评 or 年终总评 (by the period's kind), drawn
// from the county's figures with the township's document kit (electron/backend/documents: its
// layout blocks, its embedded Chinese fonts, its paging and page numbers) — the same look as the
// township's statistics sheets. Drawn on demand and not archived: it is the figures of the moment
// it is asked for, with that moment printed on it.
//
// The townships whose figures do not cover the period are named on the first page and their rows
// marked, so a gap is never read as a township's zero.
import type { FontSet } from '../../electron/backend/documents/fonts';
import {
  heading,
  paragraph,
  table,
  title,
  type Layout,
  type TableColumn,
} from '../../electron/backend/documents/layout';
import type { DocumentDefinition } from '../../electron/backend/documents/registry';
import { renderDocument } from '../../electron/backend/documents/render';
import { periodLabel, periodSpan } from '../../shared/documents/reportPeriods';
import type { CountyFigures, FigureColumn, FigureValues } from '../../shared/sync/countyFiguresApi';
import {
  columnsByDesk,
  countyReportTitle,
  FIGURE_DESK_LABELS,
  figureColumnTitle,
  formatFigure,
  missingTownshipsSentence,
} from '../../shared/sync/countyReports';
import { chinaTimeText, INCOMPLETE_MARK } from './reportWords';

export interface CountyReportInput {
  figures: CountyFigures;
  countyName: string;
  generatedAt: Date;
}

/** Value columns per table: with the township's column, nine fit across A4 at the table's size. */
export const COLUMNS_PER_TABLE = 8;
const TABLE_SIZE = 9;
const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const countyReport: DocumentDefinition<CountyReportInput> = {
  type: 'countyPeriodReport',
  title: '乡镇一站通县级汇总报告',
  pageSize: 'a4',
  archival: false,
  render: drawReport,
};

/** The report's PDF bytes. */
export async function countyReportPdf(input: CountyReportInput, fonts: FontSet): Promise<Buffer> {
  const definition = { ...countyReport, title: countyReportTitle(input.countyName, input.figures.period) };
  const rendered = await renderDocument(definition, input, {
    issuedAt: input.generatedAt,
    // Not an issued paper: no verification code is printed or kept.
    verificationCode: '',
    fonts,
  });
  return rendered.pdf;
}

async function drawReport(layout: Layout, { figures, countyName, generatedAt }: CountyReportInput): Promise<void> {
  const { from, to } = periodSpan(figures.period);
  await title(layout, countyReportTitle(countyName, figures.period), 18);
  await paragraph(
    layout,
    `统计期间：${periodLabel(figures.period)}（${from} 至 ${to}），数据截至 ${figures.asOf}；生成时间：${chinaTimeText(generatedAt)}。` +
      `共 ${figures.townships.length} 个乡镇。各项数字由乡镇同步到县级平台的记录按乡镇的统计口径计算；合计为各乡镇之和，比率由合计数计算，保留一位小数；金额单位为元。`,
    { field: '说明', indent: false, size: 10 },
  );
  const missing = missingTownshipsSentence(figures.missing);
  if (missing) {
    // In bold, before any table: whoever reads only the first page knows what the totals lack.
    await heading(layout, [{ text: missing, field: '未同步乡镇', role: 'serifBold' }], 10.5);
  } else {
    await paragraph(layout, `各乡镇本期数据均已同步（截至 ${figures.asOf}）。`, {
      field: '同步情况',
      indent: false,
      size: 10.5,
    });
  }

  for (const [index, group] of columnsByDesk(figures.columns).entries()) {
    await heading(
      layout,
      `${SECTION_NUMBERS[index] ?? index + 1}、${FIGURE_DESK_LABELS[group.desk] ?? group.desk}`,
      12,
    );
    for (let start = 0; start < group.columns.length; start += COLUMNS_PER_TABLE) {
      await deskTable(layout, figures, group.columns.slice(start, start + COLUMNS_PER_TABLE));
    }
  }
  if (figures.missing.length > 0) {
    await paragraph(layout, `注：标有“${INCOMPLETE_MARK}”的乡镇本期数据未同步完整，见首页说明。`, {
      field: '注',
      indent: false,
      size: 9,
    });
  }
  await paragraph(layout, `县级平台生成于 ${chinaTimeText(generatedAt)}`, {
    field: '生成时间',
    indent: false,
    size: 9,
  });
}

async function deskTable(layout: Layout, figures: CountyFigures, columns: FigureColumn[]): Promise<void> {
  const tableColumns: TableColumn[] = [
    { header: '乡镇', width: 2.6 },
    ...columns.map((column) => ({ header: figureColumnTitle(column), width: 1.6, align: 'right' as const })),
  ];
  const cells = (values: FigureValues) => columns.map((column) => formatFigure(column.kind, values[column.id]));
  await table(layout, {
    columns: tableColumns,
    rows: [
      ...figures.townships.map((township) => [
        township.covered ? township.townshipName : `${township.townshipName}${INCOMPLETE_MARK}`,
        ...cells(township.values),
      ]),
      ['合计', ...cells(figures.total)],
    ],
    size: TABLE_SIZE,
  });
}
