// 统计期间 [月度|季度|年度] ‹ 2026年第四季度 ›: the county's picker, as the township's statistics
// screens have it (renderer/common/ReportControls.tsx; the county page may import only shared/):
// a month, a quarter or a year, none after today's; changing the kind keeps the day the figures
// are taken on (October → the fourth quarter → 2026).
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
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

const STEP_WORDS: Record<ReportPeriodKind, [string, string]> = {
  month: ['上个月', '下个月'],
  quarter: ['上一季度', '下一季度'],
  year: ['上一年', '下一年'],
};

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
