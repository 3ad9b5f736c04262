// The ECharts option of a chart table (chartTable.ts): a pure function of the figures, so the
// township's statistics screens and the county's dashboards draw charts the same way, each with
// its own small component that mounts ECharts (renderer/common/charts/EChart.tsx,
// hub/ui/charts/EChart.tsx: a React component cannot live in shared/). Only ECharts' types are
// imported here; the drawing code is loaded by those components.
import type { EChartsCoreOption } from 'echarts/core';
import { formatValue, type ChartSeries, type ChartTable } from './chartTable';

const LABEL_SIZE = 10;

const shapeOf = (series: ChartSeries) => series.shape ?? (series.kind === 'rate' ? 'line' : 'bar');

/**
 * Counts on the first value axis (件数), rates on a percentage axis beside it; a chart of rates
 * alone has only the percentage axis. Counts drawn as bars and rates as lines unless a series
 * says otherwise; a horizontal chart runs its bars across (categories down the side).
 */
export function chartOption(data: ChartTable): EChartsCoreOption {
  const rates = data.series.filter((s) => s.kind === 'rate');
  const hasCounts = data.series.some((s) => s.kind !== 'rate');
  const highestRate = Math.max(0, ...rates.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const categoryAxis = {
    type: 'category' as const,
    data: [...data.categories],
    axisLabel: {
      interval: 0,
      fontSize: 11,
      ...(data.horizontal ? {} : { rotate: data.categories.length > 8 ? 30 : 0 }),
    },
    ...(data.horizontal ? { inverse: true } : {}),
  };
  const countAxis = {
    type: 'value' as const,
    minInterval: 1,
    name: data.countAxisName ?? '件数',
    // Room above the bars for their labels, and below the rates' lines near 100%.
    max: (extent: { max: number }) => Math.max(1, Math.ceil(extent.max * (rates.length > 0 ? 1.5 : 1.2))),
  };
  const rateAxis = {
    type: 'value' as const,
    name: '比率',
    min: 0,
    // A mediation month may settle more than it accepted (above 100%): the axis grows with it.
    max: Math.max(100, Math.ceil(highestRate / 10) * 10),
    axisLabel: { formatter: '{value}%' },
    splitLine: { show: !hasCounts },
  };
  const valueAxes = [...(hasCounts ? [countAxis] : []), ...(rates.length > 0 ? [rateAxis] : [])];
  const rateAxisIndex = hasCounts ? 1 : 0;
  const valueAxis = valueAxes.length === 1 ? valueAxes[0] : valueAxes;
  return {
    animation: false,
    ...(data.describeValues
      ? {
          aria: {
            enabled: true,
            label: {
              data: {
                maxCount: Math.max(10, data.categories.length),
                // Each value alone, not with its category's position on the axis (x, y).
                excludeDimensionId: [data.horizontal ? 1 : 0],
              },
            },
          },
        }
      : {}),
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: data.horizontal ? valueAxis : categoryAxis,
    yAxis: data.horizontal ? categoryAxis : valueAxis,
    series: data.series.map((series) => ({
      name: series.name,
      type: shapeOf(series),
      ...(series.kind === 'rate' ? { [data.horizontal ? 'xAxisIndex' : 'yAxisIndex']: rateAxisIndex } : {}),
      ...(shapeOf(series) === 'line'
        ? {
            connectNulls: false,
            symbolSize: 7,
            // Categories that do not follow one another (事项类别) are not joined by a line.
            ...(data.ordered ? {} : { lineStyle: { opacity: 0 } }),
          }
        : {}),
      data: [...series.values],
      label: {
        show: true,
        fontSize: LABEL_SIZE,
        position: shapeOf(series) === 'bar' && data.horizontal ? ('right' as const) : ('top' as const),
        // A zero bar says nothing a reader needs; its table cell still says 0.
        formatter: (params: { value: unknown }) =>
          typeof params.value === 'number' && (params.value !== 0 || series.kind === 'rate')
            ? formatValue(series, params.value)
            : '',
      },
      tooltip: { valueFormatter: (value: unknown) => formatValue(series, typeof value === 'number' ? value : null) },
    })),
  };
}
