import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { formatPercentage } from '../../../shared/counter/statistics';
import {
  CONCLUDED_RATE_DEFINITION,
  formatYuan,
  SUCCESS_RATE_DEFINITION,
  type CommitteeFigures,
  type MediationFigures,
  type MediationStatistics,
} from '../../../shared/mediation/statisticsApi';
import { monthlyTrend, type ChartTable } from '../../../shared/charts/chartTable';
import { ChartWithTable } from '../../common/charts/ChartWithTable';

interface FigureRow {
  key: string;
  label: string;
  value: string;
  /** How it is counted. */
  how: string;
}

/** The figures the county asks for, each with how it is counted (the PDF and Excel say the same). */
function figureRows(t: MediationFigures): FigureRow[] {
  return [
    { key: 'sweeps', label: '排查次数', value: `${t.sweeps} 次`, how: '本期开展的矛盾纠纷排查' },
    { key: 'found', label: '排查发现纠纷', value: `${t.found} 件`, how: '本期登记的排查发现纠纷' },
    { key: 'accepted', label: '受理纠纷', value: `${t.accepted} 件`, how: '本期受理' },
    {
      key: 'settled',
      label: '调解成功',
      value: `${t.settled} 件`,
      how: `本期达成协议：书面协议 ${t.written} 件，口头协议 ${t.oral} 件`,
    },
    { key: 'terminated', label: '调解终止', value: `${t.terminated} 件`, how: '本期终止调解' },
    {
      key: 'successRate',
      label: '调解成功率',
      value: formatPercentage(t.successRate),
      how: `调解成功 ${t.settled} ÷ 受理 ${t.accepted}（上级统计口径），保留一位小数`,
    },
    {
      key: 'concludedSuccessRate',
      label: '调结成功率',
      value: formatPercentage(t.concludedSuccessRate),
      how: `调解成功 ${t.settled} ÷（调解成功 ${t.settled} + 调解终止 ${t.terminated}），保留一位小数`,
    },
    {
      key: 'acceptedAmount',
      label: '受理纠纷涉及金额',
      value: `${formatYuan(t.acceptedAmountFen)} 元`,
      how: '本期受理纠纷的涉及金额之和',
    },
    {
      key: 'settledAmount',
      label: '调解成功涉及金额',
      value: `${formatYuan(t.settledAmountFen)} 元`,
      how: '本期调解成功纠纷的涉及金额之和',
    },
    { key: 'courtApplied', label: '申请司法确认', value: `${t.courtApplied} 件`, how: '本期当事人申请司法确认' },
    {
      key: 'courtConfirmed',
      label: '司法确认',
      value: `${t.courtConfirmed} 件`,
      how: '本期人民法院裁定确认调解协议有效',
    },
    { key: 'followUps', label: '回访', value: `${t.followUpsDone} 次`, how: '本期完成的回访' },
    {
      key: 'risky',
      label: '防止激化',
      value: `${t.riskyDefused} 件`,
      how: `本期调解成功的可能激化纠纷；本期受理防激化重点纠纷 ${t.riskyAccepted} 件`,
    },
    { key: 'referrals', label: '三调联动移入', value: `${t.referralsIn} 件`, how: '本期登记的交办、委派、移送纠纷' },
    {
      key: 'referralsOut',
      label: '三调联动移出',
      value: `${t.referralsOut} 件`,
      how: '本期不予受理或终止调解时移送、引导至其他单位的纠纷',
    },
  ];
}

const figureColumns: ColumnsType<FigureRow> = [
  { title: '指标', dataIndex: 'label', key: 'label', width: 150 },
  { title: '数值', dataIndex: 'value', key: 'value', align: 'right', width: 140 },
  { title: '统计口径', dataIndex: 'how', key: 'how' },
];

/** Each month of the trend: accepted and settled (bars), both success rates (lines). */
export function mediationTrendChart(statistics: MediationStatistics): ChartTable {
  return monthlyTrend(statistics.period, statistics.trend, [
    { name: '受理', kind: 'count', value: (m) => m.accepted },
    { name: '调解成功', kind: 'count', value: (m) => m.settled },
    { name: '调解成功率', kind: 'rate', value: (m) => m.successRate },
    { name: '调结成功率', kind: 'rate', value: (m) => m.concludedSuccessRate },
  ]);
}

/** Accepted and settled by category of dispute, with the period's totals under the table. */
export function mediationCategoryChart(statistics: MediationStatistics): ChartTable {
  const rows = statistics.byCategory;
  return {
    title: '按纠纷类别',
    categoryTitle: '纠纷类别',
    categories: rows.map((c) => c.label),
    series: [
      { name: '受理', kind: 'count', values: rows.map((c) => c.accepted) },
      { name: '调解成功', kind: 'count', values: rows.map((c) => c.settled) },
    ],
    horizontal: true,
    total: [statistics.totals.accepted, statistics.totals.settled],
  };
}

/**
 * The headline success rate as the upper levels report it (settled ÷ accepted), with its
 * definition, and the rate of the concluded disputes labelled beside it.
 */
function SuccessRates({ totals }: { totals: MediationFigures }) {
  const rates = [
    {
      label: '调解成功率',
      value: formatPercentage(totals.successRate),
      how: `${SUCCESS_RATE_DEFINITION}：${totals.settled} ÷ ${totals.accepted}`,
    },
    {
      label: '调结成功率',
      value: formatPercentage(totals.concludedSuccessRate),
      how: `${CONCLUDED_RATE_DEFINITION}：${totals.settled} ÷（${totals.settled} + ${totals.terminated}）`,
    },
  ];
  return (
    <Flex gap={12} wrap>
      {rates.map((rate, i) => (
        <Card key={rate.label} size="small" style={{ flex: '1 1 260px' }}>
          <section aria-label={rate.label}>
            <Statistic title={rate.label} value={rate.value} styles={{ content: { fontSize: i === 0 ? 30 : 22 } }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {rate.how}
            </Typography.Text>
          </section>
        </Card>
      ))}
    </Flex>
  );
}

type Referral = MediationStatistics['referralsIn'][number];
/** A counterpart a row: referrals in and out side by side (both lists follow HANDOVER_KINDS). */
interface ReferralRow {
  kind: Referral['kind'];
  in: Referral;
  out: Referral;
}
const referralColumns: ColumnsType<ReferralRow> = [
  { title: '移入来源', key: 'inLabel', render: (_, row) => row.in.label },
  { title: '移入', key: 'inCount', align: 'right', render: (_, row) => row.in.count },
  { title: '移出去向', key: 'outLabel', render: (_, row) => row.out.label },
  { title: '移出', key: 'outCount', align: 'right', render: (_, row) => row.out.count },
];

const count = (key: keyof MediationFigures, title: string) => ({
  title,
  dataIndex: key,
  key,
  align: 'right' as const,
});

const committeeColumns: ColumnsType<CommitteeFigures> = [
  { title: '调委会', dataIndex: 'committeeName', key: 'committeeName', fixed: 'left', width: 200 },
  count('sweeps', '排查'),
  count('found', '排查发现'),
  count('accepted', '受理'),
  count('settled', '调解成功'),
  count('terminated', '调解终止'),
  {
    title: '成功率',
    key: 'successRate',
    align: 'right',
    render: (_, row) => formatPercentage(row.successRate),
  },
  {
    title: '调结成功率',
    key: 'concludedSuccessRate',
    align: 'right',
    render: (_, row) => formatPercentage(row.concludedSuccessRate),
  },
  count('written', '书面协议'),
  count('oral', '口头协议'),
  {
    title: '涉及金额（元）',
    key: 'acceptedAmountFen',
    align: 'right',
    render: (_, row) => formatYuan(row.acceptedAmountFen),
  },
  count('courtApplied', '申请司法确认'),
  count('courtConfirmed', '司法确认'),
  count('followUpsDone', '回访'),
  count('riskyDefused', '防止激化'),
  count('referralsIn', '移入'),
  count('referralsOut', '移出'),
];

/** The month's figures, by category, referrals in and out by counterpart and — for the township — each committee. */
export function StatisticsTables({ statistics }: { statistics: MediationStatistics }) {
  const { totals } = statistics;
  const trend = useMemo(() => mediationTrendChart(statistics), [statistics]);
  const categories = useMemo(() => mediationCategoryChart(statistics), [statistics]);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <SuccessRates totals={totals} />
      </Col>
      <Col span={24}>
        <ChartWithTable data={trend} emptyText="本期还没有月份可统计" />
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={`主要指标（${statistics.scopeName}）`}>
          <Table<FigureRow>
            rowKey="key"
            size="small"
            columns={figureColumns}
            dataSource={figureRows(totals)}
            pagination={false}
          />
        </Card>
        <Card size="small" title="三调联动：移入与移出（件）" style={{ marginTop: 16 }}>
          <Table<ReferralRow>
            rowKey="kind"
            size="small"
            columns={referralColumns}
            dataSource={statistics.referralsIn.map((r, i) => ({
              kind: r.kind,
              in: r,
              out: statistics.referralsOut[i]!,
            }))}
            pagination={false}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.referralsIn}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {totals.referralsOut}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <ChartWithTable data={categories} height={520} />
      </Col>
      {statistics.committeeId === null && (
        <Col span={24}>
          <Card size="small" title="各人民调解委员会（件）">
            <Table<CommitteeFigures>
              rowKey="committeeId"
              size="small"
              columns={committeeColumns}
              dataSource={statistics.committees}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '还没有调委会' }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {committeeColumns.slice(1).map((column, i) => (
                    <Table.Summary.Cell key={String(column.key)} index={i + 1} align="right">
                      {column.key === 'successRate'
                        ? formatPercentage(totals.successRate)
                        : column.key === 'concludedSuccessRate'
                          ? formatPercentage(totals.concludedSuccessRate)
                          : column.key === 'acceptedAmountFen'
                            ? formatYuan(totals.acceptedAmountFen)
                            : totals[column.key as keyof MediationFigures]}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}
