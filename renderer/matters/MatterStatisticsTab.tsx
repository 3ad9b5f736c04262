import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { formatPercentage } from '../../shared/documents/reports';
import { periodLabel, type ReportPeriod } from '../../shared/documents/reportPeriods';
import type { MatterStatistics } from '../../shared/matters/api';
import {
  MATTER_BREAKDOWN_COLUMNS,
  MATTER_FIGURE_ROWS,
  matterReconciliation,
  type MatterFigures,
} from '../../shared/matters/statistics';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { monthlyTrend, type ChartTable } from '../../shared/charts/chartTable';
import { ChartWithTable } from '../common/charts/ChartWithTable';
import { chineseDate } from '../common/dates';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { ExportButtons, PeriodPicker } from '../common/ReportControls';
import { recall, remember } from '../common/sessionMemory';
import { useToday } from '../common/useToday';

const MEMORY_KEY = 'matters.statisticsPeriod';

/** Each month: collected and completed (bars), the reply rate (line). */
export function matterTrendChart(statistics: MatterStatistics): ChartTable {
  return monthlyTrend(statistics.period, statistics.trend, [
    { name: '收集', kind: 'count', value: (m) => m.collected },
    { name: '已办结', kind: 'count', value: (m) => m.completed },
    { name: '答复率', kind: 'rate', value: (m) => m.replyRate },
  ]);
}

/** The period's matters by handling, per category: the 三事分流 picture (stacked in the table). */
export function matterCategoryChart(statistics: MatterStatistics): ChartTable {
  const rows = statistics.byCategory;
  const t = statistics.totals;
  return {
    title: '按分类和办理方式',
    categoryTitle: '分类',
    categories: rows.map((c) => c.label),
    series: [
      { name: '当即解决', kind: 'count', values: rows.map((c) => c.onTheSpot) },
      { name: '限期解决', kind: 'count', values: rows.map((c) => c.deadline) },
      { name: '提交统筹', kind: 'count', values: rows.map((c) => c.escalated) },
      { name: '私事劝导', kind: 'count', values: rows.map((c) => c.advised) },
    ],
    horizontal: true,
    total: [t.onTheSpot, t.deadline, t.escalated, t.advised],
  };
}

interface FigureRow {
  key: string;
  label: string;
  count: number;
  note: string;
}

const figureColumns: ColumnsType<FigureRow> = [
  { title: '项目', dataIndex: 'label', key: 'label', width: 130 },
  { title: '件数', dataIndex: 'count', key: 'count', align: 'right', width: 90 },
  { title: '统计口径', dataIndex: 'note', key: 'note' },
];

type Breakdown = MatterFigures & { key: string; name: string };

function breakdownColumns(first: string): ColumnsType<Breakdown> {
  return [
    { title: first, dataIndex: 'name', key: 'name', fixed: 'left', width: 120 },
    ...MATTER_BREAKDOWN_COLUMNS.map((c) => ({
      title: c.label,
      dataIndex: c.key,
      key: c.key,
      align: 'right' as const,
      width: 80,
    })),
  ];
}

function BreakdownTable({
  title,
  first,
  rows,
  totals,
}: {
  title: string;
  first: string;
  rows: Breakdown[];
  totals: MatterFigures;
}) {
  return (
    <Card size="small" title={title}>
      <Table<Breakdown>
        rowKey="key"
        size="small"
        columns={breakdownColumns(first)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {MATTER_BREAKDOWN_COLUMNS.map((c, i) => (
              <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                {totals[c.key]}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

function StatisticsTables({ statistics }: { statistics: MatterStatistics }) {
  const trend = useMemo(() => matterTrendChart(statistics), [statistics]);
  const categories = useMemo(() => matterCategoryChart(statistics), [statistics]);
  const t = statistics.totals;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title="核对" aria-label="核对">
          <Flex vertical gap={4}>
            {matterReconciliation(t).map((line) => (
              <Typography.Text key={line.label}>
                <Typography.Text type="secondary">{`${line.label}：`}</Typography.Text>
                <span data-reconciliation={line.label}>{line.text}</span>
              </Typography.Text>
            ))}
            <Typography.Text type="secondary">
              {`答复率 ${formatPercentage(statistics.replyRate)}（已答复 ${t.replied} ÷ 收集 ${t.collected}），办结率 ${formatPercentage(statistics.completionRate)}（已办结 ${t.completed} ÷ 收集 ${t.collected}）；本期作废 ${statistics.voided} 件，不计入。`}
            </Typography.Text>
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <ChartWithTable data={trend} emptyText="本期还没有月份可统计" />
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="总表">
          <Table<FigureRow>
            rowKey="key"
            size="small"
            columns={figureColumns}
            dataSource={MATTER_FIGURE_ROWS.map((row) => ({ ...row, count: t[row.key] }))}
            pagination={false}
          />
        </Card>
      </Col>
      <Col span={24}>
        <BreakdownTable
          title="按村（社区）"
          first="村（社区）"
          rows={statistics.byVillage.map((v) => ({ ...v, key: v.villageId, name: v.villageName }))}
          totals={t}
        />
      </Col>
      <Col span={24}>
        <BreakdownTable
          title="按分类"
          first="分类"
          rows={statistics.byCategory.map((c) => ({ ...c, key: c.category, name: c.label }))}
          totals={t}
        />
      </Col>
      <Col span={24}>
        <ChartWithTable data={categories} height={300} />
      </Col>
    </Row>
  );
}

/** 统计: a month's, quarter's or year's matters on screen, as PDF and as Excel. */
export function MatterStatisticsTab() {
  const today = useToday();
  const [chosen, setChosen] = useState<ReportPeriod | null>(() => recall<ReportPeriod>(MEMORY_KEY) ?? null);
  const period = chosen ?? today.slice(0, 7);
  const statistics = useQuery('matters.statistics', { period });
  // Another period's figures are never shown under this period's name.
  const data = statistics.data?.period === period ? statistics.data : undefined;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <PeriodPicker
            id="matter-statistics-period"
            period={period}
            today={today}
            onChange={(next) => {
              setChosen(next);
              remember(MEMORY_KEY, next);
            }}
          />
          <Button icon={<ReloadOutlined />} onClick={statistics.reload} loading={statistics.loading}>
            刷新
          </Button>
        </Flex>
        <ExportButtons
          what="群众诉求统计表"
          pdfLabel="打印/导出 PDF"
          pdfIcon={<PrinterOutlined />}
          fileUrl={async (format) => (await call('matters.exportStatistics', { period, format })).file.fileUrl}
        />
      </Flex>
      {statistics.error && !data && (
        <LoadFailed
          error={statistics.error}
          what={`${periodLabel(period)}的群众诉求统计`}
          onRetry={statistics.reload}
        />
      )}
      {statistics.error && data && (
        <Alert type="error" showIcon title="没有刷新出来" description={statistics.error.message} />
      )}
      {!data && !statistics.error && <Loading />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {`${periodLabel(data.period)}，统计至${chineseDate(data.asOf)}。按收集日期计入本期，各项按统计截止日的情况计算：当时尚未分流的计“待分流”，尚未办结的计“在办”；作废的登记不计入。`}
          </Typography.Text>
          <StatisticsTables statistics={data} />
        </>
      )}
    </Flex>
  );
}
