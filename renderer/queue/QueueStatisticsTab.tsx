import { Alert, Card, DatePicker, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { periodLabel, periodOf, type ReportPeriod } from '../../shared/documents/reportPeriods';
import type { DurationFigures, QueueFigures } from '../../shared/queue/api';
import { useQuery } from '../api/useQuery';
import { chineseDate } from '../common/dates';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { PeriodPicker } from '../common/ReportControls';
import { recall, remember } from '../common/sessionMemory';
import { useToday } from '../common/useToday';

const MEMORY_KEY = 'queue.statisticsPeriod';
type Span = 'day' | 'period';

/** 12分05秒; — when no ticket has the time. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return minutes ? `${minutes}分${String(rest).padStart(2, '0')}秒` : `${rest}秒`;
}

interface Row extends QueueFigures {
  key: string;
  name: string;
}

function durationColumns(title: string, pick: (row: Row) => DurationFigures): ColumnsType<Row> {
  return [
    {
      title,
      children: [
        { title: '平均', key: `${title}-avg`, align: 'right', render: (_, r) => duration(pick(r).averageSeconds) },
        { title: '中位数', key: `${title}-median`, align: 'right', render: (_, r) => duration(pick(r).medianSeconds) },
        { title: '最长', key: `${title}-max`, align: 'right', render: (_, r) => duration(pick(r).maxSeconds) },
      ],
    },
  ];
}

function columns(first: string, withTaken: boolean): ColumnsType<Row> {
  const count = (title: string, pick: (row: Row) => number | null): ColumnsType<Row>[number] => ({
    title,
    key: title,
    align: 'right',
    render: (_, r) => pick(r) ?? '—',
  });
  return [
    { title: first, dataIndex: 'name', key: 'name' },
    ...(withTaken ? [count('取号', (r) => r.taken)] : []),
    count('叫号', (r) => r.called),
    count('办结', (r) => r.served),
    count('过号', (r) => r.skipped),
    count('转窗口', (r) => r.transferred),
    ...durationColumns('等候时长', (r) => r.waiting),
    ...durationColumns('办理时长', (r) => r.service),
  ];
}

/** 统计 → 排队统计: per window and per category, for a day or a month, quarter or year. */
export function QueueStatisticsTab() {
  const today = useToday();
  const [span, setSpan] = useState<Span>(() => recall<{ span: Span }>(MEMORY_KEY)?.span ?? 'day');
  const [day, setDay] = useState<string>(() => recall<{ day: string }>(MEMORY_KEY)?.day ?? today);
  const [period, setPeriod] = useState<ReportPeriod>(
    () => recall<{ period: ReportPeriod }>(MEMORY_KEY)?.period ?? periodOf('month', today),
  );
  const keep = (next: Partial<{ span: Span; day: string; period: ReportPeriod }>) =>
    remember(MEMORY_KEY, { span, day, period, ...next });
  const asked = span === 'day' ? day : period;
  const statistics = useQuery('queue.statistics', { period: asked });

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <Segmented<Span>
          aria-label="统计范围"
          value={span}
          options={[
            { value: 'day', label: '按日' },
            { value: 'period', label: '按月、季度、年度' },
          ]}
          onChange={(next) => {
            setSpan(next);
            keep({ span: next });
          }}
        />
        {span === 'day' ? (
          <>
            <label htmlFor="queue-statistics-day">统计日期</label>
            <DatePicker
              id="queue-statistics-day"
              allowClear={false}
              format="YYYY年M月D日"
              value={dayjs(day)}
              disabledDate={(date: Dayjs) => date.isAfter(dayjs(today), 'day')}
              onChange={(value: Dayjs | null) => {
                if (!value) return;
                setDay(value.format('YYYY-MM-DD'));
                keep({ day: value.format('YYYY-MM-DD') });
              }}
            />
          </>
        ) : (
          <PeriodPicker
            id="queue-statistics-period"
            period={period}
            today={today}
            onChange={(next) => {
              setPeriod(next);
              keep({ period: next });
            }}
          />
        )}
      </Flex>
      <Typography.Text type="secondary">
        等候时长：取号到第一次叫号；办理时长：办结窗口叫到该号（最后一次叫号，重呼不算）到办结。各窗口按首次叫号的窗口计等候、按办结的窗口计办理，合计与全厅一致。
      </Typography.Text>
      <Figures asked={asked} statistics={statistics} />
    </Flex>
  );
}

function Figures({
  asked,
  statistics,
}: {
  asked: string;
  statistics: ReturnType<typeof useQuery<'queue.statistics'>>;
}) {
  if (statistics.error && !statistics.data)
    return <LoadFailed error={statistics.error} what="排队统计" onRetry={statistics.reload} />;
  const data = statistics.data;
  if (!data || data.period !== asked) return <Loading />;
  const label = /^\d{4}-\d{2}-\d{2}$/.test(data.period) ? chineseDate(data.period) : periodLabel(data.period);
  const hall: Row = { key: 'hall', name: '全厅合计', ...data.hall };
  const windows: Row[] = data.byWindow.map((w) => ({ key: w.windowId, name: w.windowName, ...w }));
  const categories: Row[] = data.byCategory.map((c) => ({
    key: c.categoryId,
    name: `${c.prefix} ${c.categoryName}`,
    ...c,
  }));
  return (
    <>
      {data.hall.taken === 0 && <Alert type="info" showIcon title={`${label}没有取号`} />}
      <Card size="small" title={`${label} 各窗口`}>
        <Table<Row>
          size="small"
          bordered
          pagination={false}
          aria-label="各窗口"
          columns={columns('窗口', false)}
          dataSource={[...windows, { ...hall, taken: null }]}
          rowClassName={(r) => (r.key === 'hall' ? 'ant-table-row-selected' : '')}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card size="small" title={`${label} 各类别`}>
        <Table<Row>
          size="small"
          bordered
          pagination={false}
          aria-label="各类别"
          columns={columns('类别', true)}
          dataSource={[...categories, hall]}
          rowClassName={(r) => (r.key === 'hall' ? 'ant-table-row-selected' : '')}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
