import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import {
  PERFORMANCE_LEVEL_LABELS,
  PERFORMANCE_LEVELS,
  type PerformanceLevel,
} from '../../../shared/mediation/disputes';
import { earliestStepBound } from '../../../shared/workflow/kind';
import { aheadDateRules, chineseDate, pastDateRules } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

interface FollowUpValues {
  plannedOn?: Dayjs | null;
  doneOn?: Dayjs | null;
  byName?: string;
  performance?: PerformanceLevel;
  notes?: string;
  nextVisitOn?: Dayjs | null;
}

type FollowUpStep = 'planFollowUp' | 'recordFollowUp';

const date = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** 回访: a planned visit (date, by whom) or one done (performance, notes, the next visit). */
function FollowUpDialog({
  step,
  detail,
  followUp,
  today,
  send,
  onClose,
}: DisputeStepProps<FollowUpStep> & { step: FollowUpStep }) {
  const dispute = detail.dispute;
  const plan = step === 'planFollowUp';
  const lead = dispute.mediators.find((m) => m.lead)?.name ?? dispute.mediators[0]?.name ?? '';
  const title = plan
    ? '计划回访'
    : followUp?.plannedOn
      ? `登记回访（原计划${chineseDate(followUp.plannedOn)}）`
      : '登记回访';
  const bound = earliestStepBound(disputeKind, step, dispute);
  return (
    <FormDialog<FollowUpValues>
      open
      title={title}
      okText={plan ? '保存计划' : '登记回访'}
      name="dispute-follow-up"
      width={640}
      fields={['plannedOn', 'doneOn', 'byName', 'performance', 'notes', 'nextVisitOn']}
      initialValues={
        plan
          ? { plannedOn: followUp?.plannedOn ? dayjs(followUp.plannedOn) : null, byName: followUp?.byName || lead }
          : {
              doneOn: todayValue(today),
              byName: followUp?.byName || lead,
              performance: 'full',
              notes: followUp?.notes ?? '',
              nextVisitOn: null,
            }
      }
      onSubmit={(values) =>
        send({
          ...(followUp ? { followUpId: followUp.id } : {}),
          ...(plan
            ? { plannedOn: date(values.plannedOn), byName: values.byName ?? '' }
            : {
                // A visit not planned beforehand has no planned day.
                ...(followUp ? {} : { plannedOn: null }),
                doneOn: date(values.doneOn),
                byName: values.byName ?? '',
                performance: values.performance ?? null,
                notes: values.notes ?? '',
                nextVisitOn: date(values.nextVisitOn),
              }),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          {plan ? (
            <Form.Item
              name="plannedOn"
              label="计划回访日期"
              rules={[{ required: true, message: '请选择计划回访的日期' }, ...aheadDateRules('计划回访日期', today)]}
              {...server.fieldStatus('plannedOn')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
            </Form.Item>
          ) : (
            <Form.Item
              name="doneOn"
              label="回访日期"
              rules={[{ required: true, message: '请选择回访日期' }, ...pastDateRules('回访日期', today, bound)]}
              {...server.fieldStatus('doneOn')}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item name="byName" label="回访人" {...server.fieldStatus('byName')}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
          {!plan && (
            <>
              <Form.Item
                name="performance"
                label="履行情况"
                rules={[{ required: true, message: '请选择协议的履行情况' }]}
                {...server.fieldStatus('performance')}
              >
                <Radio.Group
                  optionType="button"
                  options={PERFORMANCE_LEVELS.map((p) => ({ value: p, label: PERFORMANCE_LEVEL_LABELS[p] }))}
                />
              </Form.Item>
              <Form.Item name="notes" label="回访情况" {...server.fieldStatus('notes')}>
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  showCount
                  placeholder="如 被申请人已按约拆除围墙，双方无异议"
                />
              </Form.Item>
              <Form.Item
                name="nextVisitOn"
                label="下次回访日期"
                extra="协议尚未全部履行的，可约定下次回访"
                rules={aheadDateRules('下次回访日期', today)}
                {...server.fieldStatus('nextVisitOn')}
              >
                <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}

export function PlanFollowUpDialog(props: DisputeStepProps<'planFollowUp'>) {
  return <FollowUpDialog step="planFollowUp" {...props} />;
}

export function RecordFollowUpDialog(props: DisputeStepProps<'recordFollowUp'>) {
  return <FollowUpDialog step="recordFollowUp" {...props} />;
}
