import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Typography } from 'antd';
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
import { committeeOptionLabel } from '../labels';
import { StatisticsTables } from './StatisticsTables';

const MEMORY_KEY = 'mediation.statistics';
/** The committee select's value for the whole township. */
const ALL = 'all';

interface Choice {
  period: ReportPeriod | null;
  committeeId: string | null;
}

/** 统计: a month's, quarter's or year's mediation figures for the township (each committee in a row) or one committee. */
export function MediationStatisticsTab() {
  const today = useToday();
  const [choice, setChoice] = useState<Choice>(() => recall<Choice>(MEMORY_KEY) ?? { period: null, committeeId: null });
  const period = choice.period ?? today.slice(0, 7);
  const committeeId = choice.committeeId;
  const committees = useQuery('mediation.committees', { includeInactive: true });
  const input = committeeId ? { period, committeeId } : { period };
  const statistics = useQuery('mediation.statistics', input);
  // Another period's or committee's figures are never shown under this choice's name.
  const data =
    statistics.data?.period === period && statistics.data.committeeId === committeeId ? statistics.data : undefined;

  function choose(next: Partial<Choice>) {
    const value = { period, committeeId, ...next };
    setChoice(value);
    remember(MEMORY_KEY, value);
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <PeriodPicker
            id="mediation-statistics-period"
            period={period}
            today={today}
            onChange={(next) => choose({ period: next })}
          />
          <Select
            aria-label="调委会"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 300 }}
            value={committeeId ?? ALL}
            onChange={(id: string) => choose({ committeeId: id === ALL ? null : id })}
            options={[
              { value: ALL, label: '全部（全镇及各调委会）' },
              ...(committees.data?.committees ?? []).map((c) => ({ value: c.id, label: committeeOptionLabel(c) })),
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={statistics.reload} loading={statistics.loading}>
            刷新
          </Button>
        </Flex>
        <ExportButtons
          what="统计表"
          pdfLabel="打印/导出 PDF"
          pdfIcon={<PrinterOutlined />}
          fileUrl={async (format) => (await call('mediation.exportStatistics', { ...input, format })).file.fileUrl}
        />
      </Flex>
      {statistics.error && !data && (
        <LoadFailed error={statistics.error} what={`${periodLabel(period)}的调解统计`} onRetry={statistics.reload} />
      )}
      {statistics.error && data && (
        <Alert type="error" showIcon title="没有刷新出来" description={statistics.error.message} />
      )}
      {!data && !statistics.error && <Loading />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {`${periodLabel(data.period)}，统计至${chineseDate(data.asOf)}。各项按事件发生的日期计入本期：受理按受理日期，调解成功和终止按达成协议或终止的日期，司法确认按申请和裁定日期，回访按回访日期；三调联动移入按登记日期，移出按不予受理或终止调解的日期。成功率保留一位小数，无可计算的纠纷时显示“—”。`}
          </Typography.Text>
          <StatisticsTables statistics={data} />
        </>
      )}
    </Flex>
  );
}
