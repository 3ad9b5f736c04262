// The chart itself: Apache ECharts, imported piece by piece from 'echarts/core' (bars, lines,
// the grid, legend and tooltip, the SVG renderer) so the bundle holds only what is drawn. Loaded
// with the first statistics screen (ChartWithTable's lazy import), never at start-up. SVG, not
// canvas: the text stays text, sharp when printed from the browser and readable by tests. The
// option itself is shared with the county page's dashboards (shared/charts/chartOption.ts).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartOption } from '../../../shared/charts/chartOption';
import type { ChartTable } from '../../../shared/charts/chartTable';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

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
