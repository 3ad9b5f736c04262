import { Col, Row } from 'antd';
import { useMemo } from 'react';
import type { PeriodSummary } from '../../../shared/counter/ledgerApi';
import { percentage } from '../../../shared/counter/statistics';
import { monthlyTrend, type ChartTable } from '../../../shared/charts/chartTable';
import { ChartWithTable } from '../../common/charts/ChartWithTable';

/** Each month of the trend: accepted and completed (bars), the on-time and satisfaction rates (lines). */
export function trendChart(summary: PeriodSummary): ChartTable {
  return monthlyTrend(summary.period, summary.trend, [
    { name: '受理', kind: 'count', value: (m) => m.accepted },
    { name: '办结', kind: 'count', value: (m) => m.completed },
    { name: '按时办结率', kind: 'rate', value: (m) => m.onTime },
    { name: '满意率', kind: 'rate', value: (m) => m.satisfaction },
  ]);
}

/** The period by category of item: accepted and completed, and the share completed. */
export function categoryChart(summary: PeriodSummary): ChartTable {
  const rows = summary.byCategory;
  return {
    title: '按事项类别',
    categoryTitle: '事项类别',
    categories: rows.map((c) => c.category),
    series: [
      { name: '受理', kind: 'count', values: rows.map((c) => c.accepted) },
      { name: '办结', kind: 'count', values: rows.map((c) => c.completed) },
      { name: '办结率', kind: 'rate', values: rows.map((c) => percentage(c.completed, c.accepted)) },
    ],
  };
}

export function SummaryCharts({ summary }: { summary: PeriodSummary }) {
  // Drawn again only when the figures change, not on every render of the page.
  const trend = useMemo(() => trendChart(summary), [summary]);
  const categories = useMemo(() => categoryChart(summary), [summary]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <ChartWithTable data={trend} emptyText="本期还没有月份可统计" />
      </Col>
      <Col xs={24} xl={10}>
        <ChartWithTable data={categories} emptyText="本期没有受理的件" />
      </Col>
    </Row>
  );
}
