import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { periodLabel, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import { call } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { LoadFailed } from '../../common/LoadFailed';
import { Loading } from '../../common/Loading';
import { recall, remember } from '../../common/sessionMemory';
import { chineseDate } from '../../common/dates';
import { useToday } from '../../common/useToday';
import { ExportButtons, PeriodPicker } from '../../common/ReportControls';
import { SummaryCharts } from './SummaryCharts';
import { SummaryFigures } from './SummaryFigures';
import { SummaryTables } from './SummaryTables';

const PERIOD_KEY = 'statistics.period';

/** 统计报表: a month's, a quarter's or a year's figures as the county reports them, exported as PDF or Excel. */
export function SummaryTab() {
  const today = useToday();
  const [chosen, setChosen] = useState<ReportPeriod | null>(() => recall<ReportPeriod>(PERIOD_KEY) ?? null);
  const period = chosen ?? today.slice(0, 7);
  const summary = useQuery('counter.summary', { period });
  // Another period's figures are never shown under this period's name.
  const data = summary.data?.period === period ? summary.data : undefined;

  function choose(next: ReportPeriod) {
    setChosen(next);
    remember(PERIOD_KEY, next);
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <PeriodPicker id="statistics-period" period={period} today={today} onChange={choose} />
          <Button icon={<ReloadOutlined />} onClick={summary.reload} loading={summary.loading}>
            刷新
          </Button>
        </Flex>
        <ExportButtons
          what="统计表"
          fileUrl={async (format) => (await call('counter.exportSummary', { period, format })).file.fileUrl}
        />
      </Flex>
      {summary.error && !data && (
        <LoadFailed error={summary.error} what={`${periodLabel(period)}的统计`} onRetry={summary.reload} />
      )}
      {summary.error && data && (
        <Alert type="error" showIcon title="没有刷新出来" description={summary.error.message} />
      )}
      {!data && !summary.error && <Loading />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {`${periodLabel(data.period)}受理的件，按${chineseDate(data.asOf)}的状态计；超期为${chineseDate(data.asOf)}仍未办结、已过承诺办结日期的全部在办件（与工作台红色预警同一口径，不论何时受理）。比率保留一位小数，无可计算的件时显示“—”。`}
          </Typography.Text>
          <SummaryFigures summary={data} />
          <SummaryCharts summary={data} />
          <SummaryTables summary={data} />
        </>
      )}
    </Flex>
  );
}
