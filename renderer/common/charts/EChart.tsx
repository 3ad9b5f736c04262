// The chart itself: Apache ECharts, imported piece by piece from 'echarts/core' (bars, lines,
// the grid, legend and tooltip, the SVG renderer) so the bundle holds only what is drawn. Loaded
// with the first statistics screen (ChartWithTable's lazy import), never at start-up. SVG, not
// canvas: the text stays text, sharp when printed from the browser and readable by tests.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatValue, type ChartTable } from './chartData';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

const LABEL_SIZE = 10;

/** The ECharts option of a chart table: counts as bars (left axis), rates as lines or points (right axis, %). */
export function chartOption(data: ChartTable): Option {
  const rates = data.series.filter((s) => s.kind === 'rate');
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
    name: '件数',
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
    splitLine: { show: false },
  };
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: data.horizontal ? countAxis : categoryAxis,
    yAxis: data.horizontal ? categoryAxis : rates.length > 0 ? [countAxis, rateAxis] : countAxis,
    series: data.series.map((series) => ({
      name: series.name,
      type: series.kind === 'rate' ? ('line' as const) : ('bar' as const),
      ...(series.kind === 'rate'
        ? {
            yAxisIndex: 1,
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
        position: series.kind === 'count' && data.horizontal ? ('right' as const) : ('top' as const),
        // A zero bar says nothing a reader needs; its table cell still says 0.
        formatter: (params: { value: unknown }) =>
          typeof params.value === 'number' && (params.value !== 0 || series.kind === 'rate')
            ? formatValue(series, params.value)
            : '',
      },
      tooltip: { valueFormatter: (value: unknown) => formatValue(series, typeof value === 'number' ? value : null) },
    })),
  } as Option;
}

export default function EChart({ data, height }: { data: ChartTable; height: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    const resized = new ResizeObserver(() => instance.resize());
    resized.observe(element.current!);
    return () => {
      resized.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(chartOption(data), { notMerge: true });
  }, [data]);

  return <div ref={element} style={{ width: '100%', height }} />;
}
