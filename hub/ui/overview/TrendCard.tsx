// 按月趋势: one figure over the period's months (a month: the twelve up to it), for the county in
// total or one township (figures/trend).
import { Card, Flex, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ReportPeriod } from '../../../shared/documents/reportPeriods';
import { COUNTY_FIGURE_PATHS, type CountyFigures, type FigureTrend } from '../../../shared/sync/countyFiguresApi';
import { FigureChart } from '../charts/FigureChart';
import { LoadError } from '../LoadError';
import { columnOptions } from './columnOptions';
import { trendChart } from './figureCharts';
import { useFetched } from './useFetched';

const TOTAL = '';

export function TrendCard({ period, figures }: { period: ReportPeriod; figures: CountyFigures }) {
  const [columnId, setColumnId] = useState<string>(figures.columns[0]?.id ?? '');
  const [nodeId, setNodeId] = useState<string>(TOTAL);
  const column = figures.columns.find((c) => c.id === columnId) ?? figures.columns[0];
  const path = column
    ? `${COUNTY_FIGURE_PATHS.trend}?${new URLSearchParams({
        period,
        desk: column.desk,
        key: column.key,
        ...(nodeId === TOTAL ? {} : { nodeId }),
      })}`
    : null;
  const trend = useFetched<FigureTrend>(path);
  const chart = useMemo(() => (trend.data ? trendChart(trend.data, period) : null), [trend.data, period]);
  return (
    <Card
      size="small"
      title="按月趋势"
      extra={
        <Flex gap={8} align="center" wrap>
          <label htmlFor="trend-column">指标</label>
          <Select
            id="trend-column"
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            value={column?.id}
            onChange={setColumnId}
            options={columnOptions(figures.columns)}
          />
          <label htmlFor="trend-township">范围</label>
          <Select
            id="trend-township"
            style={{ width: 150 }}
            showSearch
            optionFilterProp="label"
            value={nodeId}
            onChange={setNodeId}
            options={[
              { value: TOTAL, label: '全县合计' },
              ...figures.townships.map((t) => ({ value: t.nodeId, label: t.townshipName })),
            ]}
          />
        </Flex>
      }
    >
      <LoadError error={trend.error} />
      <figure aria-label="按月趋势" style={{ margin: 0 }}>
        {chart && chart.categories.length > 0 ? (
          <FigureChart data={chart} height={300} />
        ) : (
          <Typography.Text type="secondary">{trend.loading ? '正在读取……' : '本期还没有可画的月份'}</Typography.Text>
        )}
      </figure>
    </Card>
  );
}
