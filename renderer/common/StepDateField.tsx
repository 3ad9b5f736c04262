import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { pastDateRules } from './dates';
import type { ServerErrors } from './useServerErrors';

interface Props {
  name: string;
  label: string;
  server: ServerErrors;
  today: string;
  /** The case's last step: no later step may be dated before it. */
  earliest: string;
}

/**
 * The date of a step: today unless changed, never before the last step, never in the future. A
 * date out of range is answered beside the field and stays as typed (the backend refuses it with
 * the same words).
 */
export function StepDateField({ name, label, server, today, earliest }: Props) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={`不填即为今天；可选 ${earliest} 至 ${today}`}
      rules={pastDateRules(label, today, earliest ? { on: earliest, what: '上一环节的日期' } : null)}
      {...server.fieldStatus(name)}
    >
      <DatePicker format="YYYY-MM-DD" placeholder="如 2026-01-31" style={{ width: 200 }} />
    </Form.Item>
  );
}

/** The initial value of a step date: today. */
export function todayValue(today: string): Dayjs {
  return dayjs(today);
}
