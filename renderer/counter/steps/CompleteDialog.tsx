import { Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '../../../shared/counter/casesApi';
import { caseKind } from '../../../shared/counter/caseKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function CompleteDialog({ record, today, send, onClose }: CaseStepProps<'complete'>) {
  return (
    <FormDialog<{ result: Outcome; note?: string; completedOn?: Dayjs | null }>
      open
      title="办结"
      okText="办结并出具通知书"
      name="case-complete"
      fields={['result', 'note', 'completedOn']}
      initialValues={{ result: 'approved', completedOn: todayValue(today) }}
      onSubmit={(values) =>
        send({
          result: values.result,
          note: values.note?.trim() || undefined,
          completedOn: toDateString(values.completedOn),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item name="result" label="办理结果" {...server.fieldStatus('result')}>
            <Radio.Group
              optionType="button"
              options={OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label="结果说明"
            extra="不予批准时写明理由；准予办理时可写领取事项"
            {...server.fieldStatus('note')}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <StepDateField
            name="completedOn"
            label="办结日期"
            server={server}
            today={today}
            earliest={earliestStepDate(caseKind, 'complete', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
