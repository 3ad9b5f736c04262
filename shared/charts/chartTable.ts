// What a statistics chart shows, written once: the same object draws the chart (ECharts) and
// the table beside it, so the two can never show different figures. Shared by the township's
// statistics screens (renderer/common/charts) and the county page's dashboards (hub/ui/charts):
// both draw it with chartOption.ts.
import { formatPercentage } from '../documents/reports';
import { monthLabelWithin } from '../documents/reportPeriods';

export interface ChartSeries {
  name: string;
  /** One value per category, in the categories' order; null where there is nothing to divide. */
  values: readonly (number | null)[];
  /** Counts are bars on the left axis; a rate (%) is a line on the right axis. */
  kind: 'count' | 'rate';
  /** The count's unit as the labels write it: 件, 批次, 人次 ('' : the number alone). Rates are %. */
  unit?: string;
  /** Decimals a count is written with (amounts in 元: 2); default: as it is. */
  decimals?: number;
  /** How it is drawn; default: a count as bars, a rate as a line (a ranking draws a rate as bars). */
  shape?: 'bar' | 'line';
}

export interface ChartTable {
  /** The figure's name (its caption and the table's name): 按月趋势. */
  title: string;
  /** The first column's heading: 月份, 事项类别. */
  categoryTitle: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** The categories follow one another (months): a rate is a line through them, else a point each. */
  ordered?: boolean;
  /** Categories down the side (long names, many of them): bars run across. */
  horizontal?: boolean;
  /** A 合计 row under the table (not drawn): one value per series. */
  total?: readonly (number | null)[];
  /** The counts' axis name; default 件数. */
  countAxisName?: string;
  /**
   * The chart names every value in its own accessible description (ECharts' aria label: “…白水乡的
   * 数据是128，青山镇的数据是40”), for a chart read without a table of the same numbers under it.
   * The component drawing it must load ECharts' AriaComponent.
   */
  describeValues?: boolean;
}

/** A count as written: as it is, or with the series' fixed decimals (元: 1234.50). */
function countText(series: ChartSeries, value: number): string {
  return series.decimals === undefined ? String(value) : value.toFixed(series.decimals);
}

/** The text a value is written as, in a data label and in its table cell alike: 12件, 95.2%. */
export function formatValue(series: ChartSeries, value: number | null): string {
  if (series.kind === 'rate') return formatPercentage(value);
  return value === null ? '—' : `${countText(series, value)}${series.unit ?? '件'}`;
}

/** The table's cell: the number alone (its unit is in the column's heading), a rate with its %. */
export function tableCell(series: ChartSeries, value: number | null): string {
  if (series.kind === 'rate') return formatPercentage(value);
  return value === null ? '—' : countText(series, value);
}

/** The column's heading: 受理（件）, 按时办结率（%）; 人次 is its own unit. */
export function columnTitle(series: ChartSeries): string {
  const unit = series.kind === 'rate' ? '%' : (series.unit ?? '件');
  return unit === '' || unit === series.name ? series.name : `${series.name}（${unit}）`;
}

/** One series of a monthly trend: how each month's figure is read. */
export interface TrendSeries<M> extends Omit<ChartSeries, 'values'> {
  value: (month: M) => number | null;
}

/**
 * The 按月趋势 of a period (`2026-10`, `2026-Q4`, `2026`) over its months, the same shape on
 * every desk: months in order along the axis, named within the period's year.
 */
export function monthlyTrend<M extends { month: string }>(
  period: string,
  months: readonly M[],
  series: readonly TrendSeries<M>[],
): ChartTable {
  const year = period.slice(0, 4);
  return {
    title: '按月趋势',
    categoryTitle: '月份',
    ordered: true,
    categories: months.map((m) => monthLabelWithin(m.month, year)),
    series: series.map(({ value, ...rest }) => ({ ...rest, values: months.map(value) })),
  };
}
