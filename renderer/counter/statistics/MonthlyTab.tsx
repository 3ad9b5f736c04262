import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { LoadFailed } from '../../common/LoadFailed';
import { Loading } from '../../common/Loading';
import { recall, remember } from '../../common/sessionMemory';
import { chineseDate } from '../../common/dates';
import { useToday } from '../../common/useToday';
import { ExportButtons, monthLabel, MonthStepper } from '../../common/ReportControls';
import { SummaryFigures } from './SummaryFigures';
import { SummaryTables } from './SummaryTables';

const MONTH_KEY = 'statistics.month';

/** 月度统计: one month's figures as the county reports them, exported as PDF or Excel. */
export function MonthlyTab() {
  const today = useToday();
  const [chosen, setChosen] = useState<string | null>(() => recall<string>(MONTH_KEY) ?? null);
  const month = chosen ?? today.slice(0, 7);
  const summary = useQuery('counter.monthlySummary', { month });
  // Another month's figures are never shown under this month's name.
  const data = summary.data?.month === month ? summary.data : undefined;

  function choose(next: string) {
    setChosen(next);
    remember(MONTH_KEY, next);
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <MonthStepper id="statistics-month" month={month} today={today} onChange={choose} />
          <Button icon={<ReloadOutlined />} onClick={summary.reload} loading={summary.loading}>
            刷新
          </Button>
        </Flex>
        <ExportButtons
          what="月度统计表"
          fileUrl={async (format) => (await call('counter.exportMonthlySummary', { month, format })).file.fileUrl}
        />
      </Flex>
      {summary.error && !data && (
        <LoadFailed error={summary.error} what={`${monthLabel(month)}的统计`} onRetry={summary.reload} />
      )}
      {summary.error && data && (
        <Alert type="error" showIcon title="没有刷新出来" description={summary.error.message} />
      )}
      {!data && !summary.error && <Loading />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {`${monthLabel(data.month)}受理的件；在办、超期按${chineseDate(data.asOf)}的状态计。比率保留一位小数，无可计算的件时显示“—”。`}
          </Typography.Text>
          <SummaryFigures summary={data} />
          <SummaryTables summary={data} />
        </>
      )}
    </Flex>
  );
}
