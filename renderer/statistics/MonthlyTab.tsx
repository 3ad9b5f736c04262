import { FileExcelOutlined, FilePdfOutlined, LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { recall, remember } from '../common/sessionMemory';
import { chineseDate } from '../counter/dates';
import { useToday } from '../counter/useToday';
import { downloadFile, openPdf } from './fileDownload';
import { SummaryFigures } from './SummaryFigures';
import { SummaryTables } from './SummaryTables';

const MONTH_KEY = 'statistics.month';

/** `2026-10` → `2026年10月` */
function monthLabel(month: string): string {
  return dayjs(`${month}-01`).format('YYYY年M月');
}

/** 月度统计: one month's figures as the county reports them, exported as PDF or Excel. */
export function MonthlyTab() {
  const { message, modal } = App.useApp();
  const today = useToday();
  const [chosen, setChosen] = useState<string | null>(() => recall<string>(MONTH_KEY) ?? null);
  const month = chosen ?? today.slice(0, 7);
  const summary = useQuery('counter.monthlySummary', { month });
  // Another month's figures are never shown under this month's name.
  const data = summary.data?.month === month ? summary.data : undefined;
  const [exporting, setExporting] = useState<'pdf' | 'xlsx' | null>(null);

  function choose(next: string) {
    setChosen(next);
    remember(MONTH_KEY, next);
  }
  const shift = (months: number) => choose(dayjs(`${month}-01`).add(months, 'month').format('YYYY-MM'));
  const isCurrent = month >= today.slice(0, 7);

  async function exportAs(format: 'pdf' | 'xlsx') {
    setExporting(format);
    try {
      const fetchUrl = async () => (await call('counter.exportMonthlySummary', { month, format })).file.fileUrl;
      if (format === 'pdf') {
        const how = await openPdf(fetchUrl);
        void message.success(how === 'opened' ? '月度统计表已在新标签页打开' : '月度统计表（PDF）已开始下载');
      } else {
        downloadFile(await fetchUrl());
        void message.success('月度统计表（Excel）已开始下载');
      }
    } catch (error) {
      modal.error({ title: '没有导出', content: errorMessage(error) });
    } finally {
      setExporting(null);
    }
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex gap={8} align="center" wrap>
          <label htmlFor="statistics-month">统计月份</label>
          <Button icon={<LeftOutlined />} aria-label="上个月" onClick={() => shift(-1)} />
          <DatePicker
            id="statistics-month"
            picker="month"
            allowClear={false}
            format="YYYY年M月"
            value={dayjs(`${month}-01`)}
            disabledDate={(date: Dayjs) => date.isAfter(dayjs(today), 'month')}
            onChange={(value: Dayjs | null) => value && choose(value.format('YYYY-MM'))}
          />
          <Button icon={<RightOutlined />} aria-label="下个月" disabled={isCurrent} onClick={() => shift(1)} />
          <Button icon={<ReloadOutlined />} onClick={summary.reload} loading={summary.loading}>
            刷新
          </Button>
        </Flex>
        <Flex gap={8} wrap>
          <Button
            icon={<FilePdfOutlined />}
            loading={exporting === 'pdf'}
            disabled={exporting !== null}
            onClick={() => void exportAs('pdf')}
          >
            导出 PDF
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting === 'xlsx'}
            disabled={exporting !== null}
            onClick={() => void exportAs('xlsx')}
          >
            导出 Excel
          </Button>
        </Flex>
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
