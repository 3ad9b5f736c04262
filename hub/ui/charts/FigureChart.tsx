// A chart of the county page, loaded when first shown. It describes itself: ECharts' aria label
// makes it an image named by every value it draws (`describeValues`, set here), which a screen
// reader reads and the tests compare with the table. A chart that cannot be drawn leaves a
// sentence, the numbers being in the table.
import { Skeleton, Typography } from 'antd';
import { Component, lazy, Suspense, useMemo, type ReactNode } from 'react';
import type { ChartTable } from '../../../shared/charts/chartTable';

// Its own chunk (build/vite.hub.config.ts), fetched with the first chart.
const EChart = lazy(() => import('./EChart'));

class ChartFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <Typography.Text type="secondary">图表没有显示出来，各项数字见表格。</Typography.Text>
    ) : (
      this.props.children
    );
  }
}

export function FigureChart({ data, height }: { data: ChartTable; height: number }) {
  const described = useMemo(() => ({ ...data, describeValues: true }), [data]);
  return (
    <ChartFailed>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
        <EChart data={described} height={height} />
      </Suspense>
    </ChartFailed>
  );
}
