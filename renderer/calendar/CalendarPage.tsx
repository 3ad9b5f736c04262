import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { CalendarYearRecord, DeadlineAdjustment } from '../../shared/calendar/api';
import { DeadlineAdjustmentsTable } from './DeadlineAdjustments';
import { chineseDateWithWeekday } from '../../shared/calendar/dates';
import type { CalendarYear } from '../../shared/calendar/workingCalendar';
import { call, errorMessage, isApiCallError } from '../api/client';
import { useQuery } from '../api/useQuery';
import { enterMovesFocus } from '../common/enterMovesFocus';
import { FormErrorAlert } from '../common/FormErrorAlert';
import { ImportJsonButton } from '../common/ImportJsonButton';
import { downloadJson } from '../common/jsonFiles';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { useServerErrors } from '../common/useServerErrors';
import { useFormLeaveGuard } from '../common/leaveGuard';

interface YearForm {
  source?: string;
  holidays: { name: string; from: Dayjs | null; to: Dayjs | null }[];
  makeUpWorkdays: { date: Dayjs | null; for?: string }[];
}

const day = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : '');

function toForm(arrangement: CalendarYear): YearForm {
  return {
    source: arrangement.source,
    holidays: arrangement.holidays.map((h) => ({ name: h.name, from: dayjs(h.from), to: dayjs(h.to) })),
    makeUpWorkdays: arrangement.makeUpWorkdays.map((m) => ({ date: dayjs(m.date), for: m.for })),
  };
}

function fromForm(year: number, values: YearForm): CalendarYear {
  return {
    year,
    ...(values.source?.trim() ? { source: values.source.trim() } : {}),
    holidays: (values.holidays ?? []).map((h) => ({ name: h.name ?? '', from: day(h.from), to: day(h.to) })),
    makeUpWorkdays: (values.makeUpWorkdays ?? []).map((m) => ({
      date: day(m.date),
      ...(m.for?.trim() ? { for: m.for.trim() } : {}),
    })),
  };
}

/** The years a refused import names for confirmation (`details.confirmWithdraw`), or null. */
function yearsToConfirm(details: Record<string, unknown>): number[] | null {
  const years = details.confirmWithdraw;
  return Array.isArray(years) && years.length > 0 && years.every((y) => typeof y === 'number') ? years : null;
}

/**
 * 工作日历: each year's holidays and make-up working days, as the State Council publishes them.
 * Deadlines (承诺时限, 信访期限) are counted on it; a year missing here is counted on the
 * statutory holidays alone, marked 暂定, until its arrangement is saved here or arrives.
 */
export function CalendarPage() {
  const calendar = useQuery('calendar.get', {});
  const { message, modal } = App.useApp();
  const [year, setYear] = useState<number | null>(null);

  if (calendar.error) return <LoadFailed error={calendar.error} what="工作日历" onRetry={calendar.reload} />;
  if (!calendar.data) return <Loading />;
  const years = calendar.data.years;
  const shown = year ?? years[years.length - 1]?.arrangement.year ?? new Date().getFullYear();
  const record = years.find((y) => y.arrangement.year === shown) ?? null;
  const nextYear = (years[years.length - 1]?.arrangement.year ?? new Date().getFullYear() - 1) + 1;

  /** After a save or import: the open deadlines it moved, for the administrator to pass on. */
  function showAdjustments(adjustments: DeadlineAdjustment[]) {
    if (adjustments.length === 0) return;
    modal.info({
      title: `${adjustments.length} 个未办结的期限已按正式安排重算`,
      width: 760,
      content: (
        <>
          <Typography.Paragraph>
            各窗口在首页也能看到本岗位的变化；已出具的回执和告知书不会自动改变，需告知群众新的日期。
          </Typography.Paragraph>
          <DeadlineAdjustmentsTable adjustments={adjustments} />
        </>
      ),
      okText: '知道了',
    });
  }

  async function exportFile() {
    try {
      const file = await call('calendar.exportFile', {});
      downloadJson(`工作日历-${file.years.map((y) => y.year).join('-')}.json`, file);
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  /** Sends the file; `confirmWithdraw` names the years the administrator agreed to withdraw. */
  async function sendFile(data: unknown, confirmWithdraw?: number[]) {
    try {
      const input = { ...(data as object), ...(confirmWithdraw ? { confirmWithdraw } : {}) };
      const answer = await call('calendar.importFile', input as never);
      const withdrawn = answer.withdrawnYears.length > 0 ? `，删除了 ${answer.withdrawnYears.join('、')} 年的安排` : '';
      message.success(`已导入 ${answer.years.join('、')} 年的工作日历${withdrawn}`);
      showAdjustments(answer.adjustments);
      calendar.reload();
    } catch (error) {
      const years = isApiCallError(error) && error.code === 'CONFLICT' ? yearsToConfirm(error.details) : null;
      if (years && !confirmWithdraw) {
        // The file leaves out the current year or one that open deadlines count on: the backend
        // said which and why; only the administrator's explicit word withdraws them.
        modal.confirm({
          title: `确认删除 ${years.join('、')} 年的节假日安排？`,
          content: error instanceof Error ? error.message : '',
          width: 560,
          okText: `删除 ${years.join('、')} 年并导入`,
          okButtonProps: { danger: true },
          cancelText: '不导入',
          onOk: () => sendFile(data, years),
        });
        return;
      }
      modal.error({ title: '没有导入', content: errorMessage(error) });
    }
  }

  function importFile(data: unknown) {
    modal.confirm({
      title: '以文件整体替换工作日历？',
      content: '已有年份以文件为准；文件中没有的年份将被删除（本年度和有未办结期限的年份会先请您确认）。',
      okText: '替换',
      cancelText: '取消',
      onOk: () => sendFile(data),
    });
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <label htmlFor="calendar-year">年份</label>
        <Select<number>
          id="calendar-year"
          style={{ width: 140 }}
          value={shown}
          onChange={setYear}
          options={[
            ...years.map((y) => ({ value: y.arrangement.year, label: `${y.arrangement.year} 年` })),
            { value: nextYear, label: `${nextYear} 年（新增）` },
          ]}
        />
        <Button icon={<DownloadOutlined />} onClick={() => void exportFile()}>
          导出文件
        </Button>
        <ImportJsonButton onData={importFile}>导入文件（整体替换）</ImportJsonButton>
      </Flex>
      {!record && (
        <Alert
          type="warning"
          showIcon
          title={`还没有 ${shown} 年的节假日安排`}
          description={`国务院办公厅每年 11 月前后公布下一年的安排；县里下发文件后可直接导入，也可在下面照通知录入。导入之前，${shown} 年暂按《全国年节及纪念日放假办法》的法定节假日（元旦、春节四天、清明、劳动节两天、端午、中秋、国庆三天）加周末计算，不含调休，相关期限标注“暂定”；导入后未办结的期限自动重算并列出。`}
        />
      )}
      <YearEditor
        key={shown}
        year={shown}
        record={record}
        onSaved={(adjustments) => {
          message.success(`${shown} 年的工作日历已保存`);
          showAdjustments(adjustments);
          calendar.reload();
        }}
      />
    </Flex>
  );
}

function YearEditor({
  year,
  record,
  onSaved,
}: {
  year: number;
  record: CalendarYearRecord | null;
  onSaved: (adjustments: DeadlineAdjustment[]) => void;
}) {
  const [form] = Form.useForm<YearForm>();
  const [saving, setSaving] = useState(false);
  const errors = useServerErrors();
  const guard = useFormLeaveGuard(form);

  useEffect(() => {
    form.setFieldsValue(record ? toForm(record.arrangement) : { holidays: [], makeUpWorkdays: [] });
  }, [form, record]);

  async function save(values: YearForm) {
    setSaving(true);
    errors.clear();
    try {
      const saved = await call('calendar.saveYear', fromForm(year, values));
      guard.saved();
      onSaved(saved.adjustments);
    } catch (error) {
      errors.setError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div onKeyDownCapture={enterMovesFocus}>
      <Form<YearForm>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        onValuesChange={(changed) => errors.clearChanged(changed)}
        initialValues={{ holidays: [], makeUpWorkdays: [] }}
        style={{ maxWidth: 760 }}
      >
        <FormErrorAlert error={errors.error} />
        {record && (
          <Typography.Text type="secondary">
            最后修改：{dayjs(record.updatedAt).format('YYYY-MM-DD HH:mm')}（{record.updatedByName}）
          </Typography.Text>
        )}
        <Form.Item label="依据" name="source" {...errors.fieldStatus('source')}>
          <Input placeholder={`如：国务院办公厅关于${year}年部分节假日安排的通知`} maxLength={200} />
        </Form.Item>
        <Typography.Title level={5}>法定节假日（放假期间）</Typography.Title>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, message: '请填写假日名称' }]}
                    {...errors.fieldStatus(`holidays.${i}.name`)}
                  >
                    <Input aria-label={`第 ${i + 1} 个假日的名称`} placeholder="如 国庆节" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'from']}
                    rules={[{ required: true, message: '请选择开始日期' }]}
                    {...errors.fieldStatus(`holidays.${i}.from`)}
                  >
                    <DatePicker aria-label={`第 ${i + 1} 个假日的开始日期`} placeholder="放假开始" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'to']}
                    rules={[{ required: true, message: '请选择结束日期' }]}
                    {...errors.fieldStatus(`holidays.${i}.to`)}
                  >
                    <DatePicker aria-label={`第 ${i + 1} 个假日的结束日期`} placeholder="放假结束" />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={`删除第 ${i + 1} 个假日`}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', from: null, to: null })}>
                添加假日
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          调休上班日（周末上班）
        </Typography.Title>
        <Form.List name="makeUpWorkdays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'date']}
                    rules={[{ required: true, message: '请选择日期' }]}
                    {...errors.fieldStatus(`makeUpWorkdays.${i}.date`)}
                  >
                    <DatePicker aria-label={`第 ${i + 1} 个调休上班日`} placeholder="上班日期" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'for']} {...errors.fieldStatus(`makeUpWorkdays.${i}.for`)}>
                    <Input aria-label={`第 ${i + 1} 个调休上班日对应的假日`} placeholder="对应假日（可不填）" />
                  </Form.Item>
                  <MakeUpDayNote form={form} index={i} />
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={`删除第 ${i + 1} 个调休上班日`}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ date: null })}>
                添加调休上班日
              </Button>
            </>
          )}
        </Form.List>
        <Flex style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存 {year} 年
          </Button>
        </Flex>
      </Form>
    </div>
  );
}

/** The weekday beside a make-up date: it must be a Saturday or Sunday. */
function MakeUpDayNote({ form, index }: { form: ReturnType<typeof Form.useForm<YearForm>>[0]; index: number }) {
  const value = Form.useWatch(['makeUpWorkdays', index, 'date'], form) as Dayjs | null | undefined;
  if (!value) return null;
  return (
    <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
      {chineseDateWithWeekday(value.format('YYYY-MM-DD')).replace(/^.*（/, '（')}
    </Typography.Text>
  );
}
