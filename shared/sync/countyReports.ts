// How the county's figures read, on the county page and in its period reports alike (issue 21):
// a value as written, a column's unit, the desks' names, a report's title and file name, and the
// sentence naming the townships whose figures are incomplete. One place, so the overview, the
// PDF and the workbook never write the same figure two ways.
import { formatPercentage } from '../documents/reports';
import { periodKind, periodLabel, type ReportPeriod } from '../documents/reportPeriods';
import type { FigureDesk } from '../figures/figureEvents';
import {
  COUNTY_REPORT_TITLES,
  type FigureColumn,
  type FigureColumnKind,
  type MissingTownship,
} from './countyFiguresApi';

/** The desks' names as the county's forms head them (the overview's column groups, the reports' sections). */
export const FIGURE_DESK_LABELS: Record<FigureDesk, string> = {
  counter: '一站式服务',
  errands: '村级代办',
  mediation: '人民调解',
  petitions: '信访',
  matters: '三事分流',
};

/** What a report calls the county when the hub was not told its name (`--county-name`). */
export const DEFAULT_COUNTY_NAME = '本县';

/** A column's unit as its heading writes it: counts bare (件, 人次, 次 differ by figure), 比率 %, amounts 元. */
export const FIGURE_KIND_UNITS: Record<FigureColumnKind, string> = { count: '', rate: '%', fen: '元' };

/** The column's heading: 受理, 按时办结率（%）, 涉及金额（元）. */
export function figureColumnTitle(column: Pick<FigureColumn, 'label' | 'kind'>): string {
  const unit = FIGURE_KIND_UNITS[column.kind];
  return unit ? `${column.label}（${unit}）` : column.label;
}

/** Fen as yuan with two decimals (123456 → 1234.56); exact for whole fen. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/**
 * A value as the overview's cell and the PDF write it: a count as it is, a rate with one decimal
 * and %, an amount in yuan with two decimals; — where there is nothing (a rate of nothing).
 */
export function formatFigure(kind: FigureColumnKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'count':
      return String(value);
    case 'rate':
      return formatPercentage(value);
    case 'fen':
      return fenToYuan(value).toFixed(2);
  }
}

/** The columns grouped by desk, in the order they come (each desk once). */
export function columnsByDesk(columns: readonly FigureColumn[]): { desk: FigureDesk; columns: FigureColumn[] }[] {
  const groups: { desk: FigureDesk; columns: FigureColumn[] }[] = [];
  for (const column of columns) {
    const group = groups.find((g) => g.desk === column.desk);
    if (group) group.columns.push(column);
    else groups.push({ desk: column.desk, columns: [column] });
  }
  return groups;
}

/** 青山县乡镇一站通月度汇报（2026年10月）, 季度考评（2026年第四季度）, 年终总评（2026年）. */
export function countyReportTitle(countyName: string, period: ReportPeriod): string {
  return `${countyName}乡镇一站通${COUNTY_REPORT_TITLES[periodKind(period)]}（${periodLabel(period)}）`;
}

/** The downloaded file's name: the report's title and its extension. */
export function countyReportFileName(countyName: string, period: ReportPeriod, format: 'pdf' | 'xlsx'): string {
  return `${countyReportTitle(countyName, period)}.${format}`;
}

export const MISSING_TOWNSHIPS_LEAD = '以下乡镇本期数据未同步完整，未计入或仅部分计入：';

/** The sentence a report names the incomplete townships in; null when every township is covered. */
export function missingTownshipsSentence(missing: readonly MissingTownship[]): string | null {
  if (missing.length === 0) return null;
  return `${MISSING_TOWNSHIPS_LEAD}${missing.map((m) => `${m.townshipName}（${m.why}）`).join('；')}。`;
}
