import { Form, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { SATISFACTION_LABELS, SATISFACTIONS, type Satisfaction } from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

export function SatisfactionDialog({ record, today, send, onClose }: PetitionStepProps<'satisfaction'>) {
  return (
    <FormDialog<{ value?: Satisfaction; on?: Dayjs | null }>
      open
      title="信访人满意度"
      okText="保存"
      name="petition-satisfaction"
      fields={['value', 'on']}
      initialValues={{ on: todayValue(today) }}
      onSubmit={(values) => send({ value: values.value!, on: toDateString(values.on) })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="value"
            label="对答复的评价"
            rules={[{ required: true, message: '请选择信访人的评价' }]}
            {...server.fieldStatus('value')}
          >
            <Radio.Group
              optionType="button"
              options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))}
            />
          </Form.Item>
          <StepDateField
            name="on"
            label="回访日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'satisfaction', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
