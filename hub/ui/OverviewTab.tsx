// 总览: the county's dashboard of a month, a quarter or a year (default: the running month) — a row
// per township with its last contact, red flags and figures by desk, the total; the ranking for
// the quarterly appraisal and a figure's monthly trend; every count opens the records behind it;
// and the period's report (月度汇报 / 季度考评 / 年终总评) to download as PDF or Excel.
// The figures come from the hub (`/county/api/figures`, kept as batches arrive: hub/figures/).
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { periodKind, type ReportPeriod } from '../../shared/documents/reportPeriods';
import { COUNTY_FIGURE_PATHS, COUNTY_REPORT_TITLES, type CountyFigures } from '../../shared/sync/countyFiguresApi';
import { missingTownshipsSentence } from '../../shared/sync/countyReports';
import { useCounty } from './countyContext';
import { saveBlob } from './files';
import { currentMonth } from './format';
import { LoadError } from './LoadError';
import { OverviewTable, type FigureOpened } from './overview/OverviewTable';
import { RankingCard } from './overview/RankingCard';
import { RecordsDrawer } from './overview/RecordsDrawer';
import { TrendCard } from './overview/TrendCard';
import { useFetched } from './overview/useFetched';
import { PeriodPicker } from './PeriodPicker';

type ReportFormat = 'pdf' | 'xlsx';

function ReportButtons({ period }: { period: ReportPeriod }) {
  const client = useCounty();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const title = COUNTY_REPORT_TITLES[periodKind(period)];
  async function download(format: ReportFormat) {
    setBusy(format);
    try {
      const query = new URLSearchParams({ period, format });
      const { blob, fileName } = await client.download(`${COUNTY_FIGURE_PATHS.reportFile}?${query}`);
      const name = fileName ?? `${title}-${period}.${format}`;
      saveBlob(blob, name);
      void message.success(`已下载“${name}”`);
    } catch (error) {
      modal.error({ title: `${title}没有生成`, content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  }
  return (
    <Space wrap>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        disabled={busy !== null}
        onClick={() => void download('pdf')}
      >
        {title} PDF
      </Button>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'xlsx'}
        disabled={busy !== null}
        onClick={() => void download('xlsx')}
      >
        {title} Excel
      </Button>
    </Space>
  );
}

export function OverviewTab() {
  const [period, setPeriod] = useState<ReportPeriod>(() => currentMonth());
  const [opened, setOpened] = useState<FigureOpened | null>(null);
  // Every minute: red flags change as townships sync and deadlines pass.
  const figures = useFetched<CountyFigures>(`${COUNTY_FIGURE_PATHS.overview}?period=${period}`, 60_000);
  const data = figures.data;
  const today = data?.today ?? dayjs().format('YYYY-MM-DD');
  const missing = data ? missingTownshipsSentence(data.missing) : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={8} align="center" wrap>
          <PeriodPicker id="overview-period" period={period} today={today} onChange={setPeriod} />
          {data && (
            <Typography.Text type="secondary">
              数据截至 {data.asOf}
              {figures.loading ? '（正在刷新……）' : ''}
            </Typography.Text>
          )}
        </Flex>
        <ReportButtons period={period} />
      </Flex>
      <LoadError error={figures.error} />
      {missing && <Alert type="warning" showIcon title={missing} />}
      <Card size="small" title={`各乡镇汇总（${data?.periodLabel ?? '…'}）`}>
        {data ? (
          <section aria-label="各乡镇汇总">
            <OverviewTable figures={data} onOpen={setOpened} />
          </section>
        ) : (
          <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Card>
      {data && data.townships.length > 0 && (
        <>
          <RankingCard figures={data} />
          <TrendCard period={period} figures={data} />
        </>
      )}
      <RecordsDrawer period={period} opened={opened} onClose={() => setOpened(null)} />
    </Space>
  );
}
