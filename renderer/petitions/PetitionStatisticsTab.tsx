import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { formatPercentage } from '../../shared/counter/statistics';
import { periodLabel, type ReportPeriod } from '../../shared/documents/reportPeriods';
import type { PetitionFigures, PetitionStatistics } from '../../shared/petitions/api';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { recall, remember } from '../common/sessionMemory';
import { chineseDate } from '../common/dates';
import { useToday } from '../common/useToday';
import { ExportButtons, PeriodPicker } from '../common/ReportControls';
import { monthlyTrend, type ChartTable } from '../../shared/charts/chartTable';
import { ChartWithTable } from '../common/charts/ChartWithTable';

const MEMORY_KEY = 'petitions.statisticsPeriod';

interface FigureRow {
  key: string;
  label: string;
  /** 批次 for visits, 件 otherwise. */
  count: string;
  /** 人次, where people are counted. */
  people: string;
  how: string;
}

/** The figures of the county's table, each with how it is counted (the PDF and Excel say the same). */
function figureRows(t: PetitionFigures): FigureRow[] {
  const pieces = (n: number) => `${n} 件`;
  const batches = (n: number) => `${n} 批次`;
  const people = (n: number) => `${n} 人次`;
  return [
    {
      key: 'received',
      label: '收到信访事项',
      count: pieces(t.received),
      people: '',
      how: `本期收到的来访和来信：来访 ${t.visitBatches} 批次，来信 ${t.letters} 件`,
    },
    {
      key: 'visits',
      label: '来访',
      count: batches(t.visitBatches),
      people: people(t.visitPeople),
      how: '每次来访计 1 批次，来访人数计人次',
    },
    { key: 'letters', label: '来信', count: pieces(t.letters), people: '', how: '本期收到的来信' },
    {
      key: 'group',
      label: '集体访',
      count: batches(t.groupVisitBatches),
      people: people(t.groupVisitPeople),
      how: '5人以上的来访',
    },
    {
      key: 'repeat',
      label: '重复访',
      count: batches(t.repeatBatches),
      people: people(t.repeatPeople),
      how: '登记时标为重复信访的',
    },
    {
      key: 'skipped',
      label: '越级访',
      count: batches(t.skippedBatches),
      people: people(t.skippedPeople),
      how: '越过本镇到上级机关反映的',
    },
    {
      key: 'handedDown',
      label: '上级转送交办',
      count: pieces(t.handedDown),
      people: '',
      how: '来源为上级转送、交办的',
    },
    {
      key: 'leader',
      label: '领导接访',
      count: batches(t.leaderReceived),
      people: '',
      how: '在领导接访日登记的来访',
    },
    {
      key: 'leaderOnTheSpot',
      label: '接访当场解决',
      count: pieces(t.leaderOnTheSpot),
      people: '',
      how: '本期接访领导决定当场解决的（一般案件）',
    },
    {
      key: 'leaderDeadline',
      label: '接访限期办理',
      count: pieces(t.leaderDeadline),
      people: '',
      how: '本期接访领导决定限期办理、确定包案领导的（疑难案件）',
    },
    { key: 'accepted', label: '受理', count: pieces(t.accepted), people: '', how: '本期决定受理' },
    { key: 'notAccepted', label: '不予受理', count: pieces(t.notAccepted), people: '', how: '本期决定不予受理' },
    { key: 'extended', label: '延期办理', count: pieces(t.extended), people: '', how: '本期延长办理期限' },
    {
      key: 'replied',
      label: '书面答复',
      count: pieces(t.replied),
      people: '',
      how: `本期出具答复意见书；其中按期答复 ${t.repliedOnTime} 件`,
    },
    {
      key: 'overdue',
      label: '超期',
      count: pieces(t.overdue),
      people: '',
      how: '期限届满在本期、到期仍未办理（受理告知、答复、复查、复核）',
    },
    { key: 'closed', label: '办结', count: pieces(t.closed), people: '', how: '本期办结' },
    { key: 'reviews', label: '请求复查', count: pieces(t.reviewsRequested), people: '', how: '本期收到复查请求' },
    { key: 'reReviews', label: '请求复核', count: pieces(t.reReviewsRequested), people: '', how: '本期收到复核请求' },
  ];
}

const figureColumns: ColumnsType<FigureRow> = [
  { title: '指标', dataIndex: 'label', key: 'label', width: 130 },
  { title: '批次（件）', dataIndex: 'count', key: 'count', align: 'right', width: 110 },
  { title: '人次', dataIndex: 'people', key: 'people', align: 'right', width: 100 },
  { title: '统计口径', dataIndex: 'how', key: 'how' },
];

/** Each month of the trend: received and replied (bars), the on-time and satisfaction rates (lines). */
export function petitionTrendChart(statistics: PetitionStatistics): ChartTable {
  return monthlyTrend(statistics.period, statistics.trend, [
    { name: '收到', kind: 'count', value: (m) => m.received },
    { name: '答复', kind: 'count', value: (m) => m.replied },
    { name: '按期答复率', kind: 'rate', value: (m) => m.onTimeRate },
    { name: '满意率', kind: 'rate', value: (m) => m.satisfactionRate },
  ]);
}

/** The petitions received by category: batches (件) and people (人次), with the totals under the table. */
export function petitionCategoryChart(statistics: PetitionStatistics): ChartTable {
  const rows = statistics.byCategory;
  return {
    title: '按内容分类',
    categoryTitle: '内容分类',
    categories: rows.map((c) => c.label),
    series: [
      { name: '批次', kind: 'count', unit: '件', values: rows.map((c) => c.batches) },
      { name: '人次', kind: 'count', unit: '人次', values: rows.map((c) => c.people) },
    ],
    horizontal: true,
    total: [rows.reduce((sum, c) => sum + c.batches, 0), rows.reduce((sum, c) => sum + c.people, 0)],
  };
}

type SatisfactionRow = PetitionStatistics['satisfaction'][number];
const satisfactionColumns: ColumnsType<SatisfactionRow> = [
  { title: '评价', dataIndex: 'label', key: 'label' },
  { title: '件数', dataIndex: 'count', key: 'count', align: 'right', width: 80 },
];

/** The period's figures, its trend, by category, and satisfaction. */
function StatisticsTables({ statistics }: { statistics: PetitionStatistics }) {
  const trend = useMemo(() => petitionTrendChart(statistics), [statistics]);
  const categories = useMemo(() => petitionCategoryChart(statistics), [statistics]);
  const { totals } = statistics;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ChartWithTable
          data={trend}
          emptyText="本期还没有月份可统计"
          extra={
            <Typography.Text type="secondary">{`本期按期答复率 ${formatPercentage(statistics.onTimeRate)}（${totals.repliedOnTime} ÷ ${totals.replied}）`}</Typography.Text>
          }
        />
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title="总表">
          <Table<FigureRow>
            rowKey="key"
            size="small"
            columns={figureColumns}
            dataSource={figureRows(statistics.totals)}
            pagination={false}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <ChartWithTable data={categories} height={520} />
        <Card size="small" title="满意度" style={{ marginTop: 16 }}>
          <Table<SatisfactionRow>
            rowKey="value"
            size="small"
            columns={satisfactionColumns}
            dataSource={statistics.satisfaction}
            pagination={false}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>满意率（满意与基本满意，不含未能联系的）</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatPercentage(statistics.satisfactionRate)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** 统计: a month's, quarter's or year's petition figures on screen, as PDF and as Excel. */
export function PetitionStatisticsTab() {
  const today = useToday();
  const [chosen, setChosen] = useState<ReportPeriod | null>(() => recall<ReportPeriod>(MEMORY_KEY) ?? null);
  const period = chosen ?? today.slice(0, 7);
  const statistics = useQuery('petitions.statistics', { period });
  // Another period's figures are never shown under this period's name.
  const data = statistics.data?.period === period ? statistics.data : undefined;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <PeriodPicker
            id="petition-statistics-period"
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
          what="信访统计表"
          pdfLabel="打印/导出 PDF"
          pdfIcon={<PrinterOutlined />}
          fileUrl={async (format) => (await call('petitions.exportStatistics', { period, format })).file.fileUrl}
        />
      </Flex>
      {statistics.error && !data && (
        <LoadFailed error={statistics.error} what={`${periodLabel(period)}的信访统计`} onRetry={statistics.reload} />
      )}
      {statistics.error && data && (
        <Alert type="error" showIcon title="没有刷新出来" description={statistics.error.message} />
      )}
      {!data && !statistics.error && <Loading />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {`${periodLabel(data.period)}，统计至${chineseDate(data.asOf)}。来访按批次和人次分别统计，来信按件；各项按事件发生的日期计入本期：收到按收到日期，接访领导的处理意见按决定日期，受理、答复、办结按各自的日期。比率保留一位小数，无可计算的件时显示“—”。`}
          </Typography.Text>
          <StatisticsTables statistics={data} />
        </>
      )}
    </Flex>
  );
}
