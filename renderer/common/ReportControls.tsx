// The controls every report shares: the period picker (月度 / 季度 / 年度, ‹ period ›), the month
// stepper of a monthly list (‹ month ›) and the two export buttons, with one way of opening a PDF
// and downloading a workbook.
import { FileExcelOutlined, FilePdfOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import {
  isFuturePeriod,
  periodAsOf,
  periodKind,
  periodLabel,
  periodOf,
  periodSpan,
  REPORT_PERIOD_KIND_LABELS,
  REPORT_PERIOD_KINDS,
  shiftPeriod,
  type ReportPeriod,
  type ReportPeriodKind,
} from '../../shared/documents/reportPeriods';
import { errorMessage } from '../api/client';
import { downloadFile, openPdf } from './fileDownload';

/** `2026-10` → `2026年10月` */
export function monthLabel(month: string): string {
  return dayjs(`${month}-01`).format('YYYY年M月');
}

/** 统计月份 ‹ 2026年10月 ›: no month after today's (unless `allowFuture`: a rota is planned ahead). */
export function MonthStepper(props: {
  id: string;
  month: string;
  today: string;
  onChange: (month: string) => void;
  label?: string;
  allowFuture?: boolean;
}) {
  const { id, month, today, onChange, label = '统计月份', allowFuture = false } = props;
  const shift = (months: number) => onChange(dayjs(`${month}-01`).add(months, 'month').format('YYYY-MM'));
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <Button icon={<LeftOutlined />} aria-label="上个月" onClick={() => shift(-1)} />
      <DatePicker
        id={id}
        picker="month"
        allowClear={false}
        format="YYYY年M月"
        value={dayjs(`${month}-01`)}
        disabledDate={(date: Dayjs) => !allowFuture && date.isAfter(dayjs(today), 'month')}
        onChange={(value: Dayjs | null) => value && onChange(value.format('YYYY-MM'))}
      />
      <Button
        icon={<RightOutlined />}
        aria-label="下个月"
        disabled={!allowFuture && month >= today.slice(0, 7)}
        onClick={() => shift(1)}
      />
    </>
  );
}

/** The ‹ and › buttons' names. */
const STEP_WORDS: Record<ReportPeriodKind, [string, string]> = {
  month: ['上个月', '下个月'],
  quarter: ['上一季度', '下一季度'],
  year: ['上一年', '下一年'],
};

/**
 * 统计期间 [月度|季度|年度] ‹ 2026年第四季度 ›: a month, a quarter or a year, none after today's.
 * Changing the kind keeps the day the figures are taken on (October → the fourth quarter → 2026).
 */
export function PeriodPicker(props: {
  id: string;
  period: ReportPeriod;
  today: string;
  onChange: (period: ReportPeriod) => void;
}) {
  const { id, period, today, onChange } = props;
  const kind = periodKind(period);
  const [previous, next] = STEP_WORDS[kind];
  return (
    <>
      <label htmlFor={id}>统计期间</label>
      <Segmented<ReportPeriodKind>
        aria-label="统计期间类型"
        value={kind}
        options={REPORT_PERIOD_KINDS.map((k) => ({ value: k, label: REPORT_PERIOD_KIND_LABELS[k] }))}
        onChange={(chosen) => onChange(periodOf(chosen, periodAsOf(period, today)))}
      />
      <Button icon={<LeftOutlined />} aria-label={previous} onClick={() => onChange(shiftPeriod(period, -1))} />
      <DatePicker
        id={id}
        picker={kind}
        allowClear={false}
        inputReadOnly
        format={() => periodLabel(period)}
        style={{ width: kind === 'quarter' ? 150 : 130 }}
        value={dayjs(periodSpan(period).from)}
        disabledDate={(date: Dayjs) => isFuturePeriod(periodOf(kind, date.format('YYYY-MM-DD')), today)}
        onChange={(value: Dayjs | null) => value && onChange(periodOf(kind, value.format('YYYY-MM-DD')))}
      />
      <Button
        icon={<RightOutlined />}
        aria-label={next}
        disabled={isFuturePeriod(shiftPeriod(period, 1), today)}
        onClick={() => onChange(shiftPeriod(period, 1))}
      />
    </>
  );
}

export type ReportFormat = 'pdf' | 'xlsx';

/**
 * 导出 PDF / 导出 Excel. `fileUrl` asks the backend for the file; `what` names it in the
 * messages (统计表). A failure says why in a dialog; nothing on screen changes.
 */
export function ExportButtons(props: {
  what: string;
  fileUrl: (format: ReportFormat) => Promise<string>;
  pdfLabel?: string;
  pdfIcon?: ReactNode;
}) {
  const { message, modal } = App.useApp();
  const [exporting, setExporting] = useState<ReportFormat | null>(null);
  async function exportAs(format: ReportFormat) {
    setExporting(format);
    try {
      if (format === 'pdf') {
        const how = await openPdf(() => props.fileUrl('pdf'));
        void message.success(
          how === 'opened' ? `${props.what}已在新标签页打开，可在其中打印` : `${props.what}（PDF）已开始下载`,
        );
      } else {
        downloadFile(await props.fileUrl('xlsx'));
        void message.success(`${props.what}（Excel）已开始下载`);
      }
    } catch (error) {
      modal.error({ title: '没有导出', content: errorMessage(error) });
    } finally {
      setExporting(null);
    }
  }
  return (
    <Flex gap={8} wrap>
      <Button
        icon={props.pdfIcon ?? <FilePdfOutlined />}
        loading={exporting === 'pdf'}
        disabled={exporting !== null}
        onClick={() => void exportAs('pdf')}
      >
        {props.pdfLabel ?? '导出 PDF'}
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
  );
}
