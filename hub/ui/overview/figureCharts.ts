// The overview's two charts as chart tables (shared/charts/chartTable.ts): the ranking of the
// townships by one column, and one figure's trend over the period's months. Both are drawn from
// the same numbers as the table beside or above them, so a bar is what its cell says.
import type { ChartSeries, ChartTable } from '../../../shared/charts/chartTable';
import { monthLabelWithin, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import type { CountyFigures, FigureColumn, FigureTrend } from '../../../shared/sync/countyFiguresApi';
import { fenToYuan } from '../../../shared/sync/countyReports';

/** A column's values as a chart series: counts and rates as they are, amounts in yuan. */
function seriesOf(column: FigureColumn, values: (number | null)[], shape: 'bar' | 'line'): ChartSeries {
  return {
    name: column.label,
    kind: column.kind === 'rate' ? 'rate' : 'count',
    // The number alone, as in the table's cell (the unit is in the column's heading).
    unit: '',
    ...(column.kind === 'fen' ? { decimals: 2 } : {}),
    shape,
    values: values.map((v) => (v === null || column.kind !== 'fen' ? v : fenToYuan(v))),
  };
}

const axisName = (column: FigureColumn) => (column.kind === 'fen' ? '元' : column.kind === 'rate' ? '比率' : '');

export type RankOrder = 'desc' | 'asc';

export interface RankRow {
  nodeId: string;
  townshipName: string;
  /** 1, 1, 3 …: equal values share a place; null for a township with no value (a rate of nothing). */
  rank: number | null;
  value: number | null;
  covered: boolean;
}

/** The townships in order of `column` (highest first, or lowest: fewest 超期 is best), no value last. */
export function ranking(figures: CountyFigures, column: FigureColumn, order: RankOrder): RankRow[] {
  const sign = order === 'desc' ? -1 : 1;
  const rows = figures.townships
    .map((t) => ({
      nodeId: t.nodeId,
      townshipName: t.townshipName,
      value: t.values[column.id] ?? null,
      covered: t.covered,
    }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
      return sign * (a.value - b.value) || a.townshipName.localeCompare(b.townshipName, 'zh-CN');
    });
  return rows.map((row) => ({
    ...row,
    rank: row.value === null ? null : rows.findIndex((other) => other.value === row.value) + 1,
  }));
}

export function rankingChart(rows: RankRow[], column: FigureColumn): ChartTable {
  return {
    title: '乡镇排名',
    categoryTitle: '乡镇',
    categories: rows.map((r) => r.townshipName),
    series: [
      seriesOf(
        column,
        rows.map((r) => r.value),
        'bar',
      ),
    ],
    horizontal: true,
    countAxisName: axisName(column),
  };
}

export function trendChart(trend: FigureTrend, period: ReportPeriod): ChartTable {
  const year = period.slice(0, 4);
  return {
    title: '按月趋势',
    categoryTitle: '月份',
    ordered: true,
    categories: trend.points.map((p) => monthLabelWithin(p.month, year)),
    series: [
      seriesOf(
        trend.column,
        trend.points.map((p) => p.value),
        'line',
      ),
    ],
    countAxisName: axisName(trend.column),
  };
}
