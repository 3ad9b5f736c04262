// The county page's chart: Apache ECharts drawing a chart table with the option the township's
// statistics screens use (shared/charts/chartOption.ts), imported piece by piece and loaded with
// the first chart shown (FigureChart's lazy import). SVG: the labels stay text, sharp when
// printed. With its aria label on (`describeValues`), the chart itself is an image whose name
// lists every value it draws: what a screen reader reads, and what the tests compare. The township's twin is renderer/common/charts/EChart.tsx: the
// county page may import only shared/ (lint), and a React component cannot live there.
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartOption } from '../../../shared/charts/chartOption';
import type { ChartTable } from '../../../shared/charts/chartTable';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

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
