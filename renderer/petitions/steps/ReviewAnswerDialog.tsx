// 复查意见 and 复核意见: one form; the step decides the level, and with it the words.
import { Form, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { REVIEW_LEVEL_LABELS } from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import { PETITION_STEP_FIXED, type PetitionStepProps } from './petitionStep';

type AnswerStep = 'recordReview' | 'recordReReview';

function ReviewAnswerForm({
  step,
  record,
  today,
  send,
  onClose,
}: PetitionStepProps<AnswerStep> & { step: AnswerStep }) {
  const { level } = PETITION_STEP_FIXED[step];
  const words = REVIEW_LEVEL_LABELS[level];
  return (
    <FormDialog<{ answeredOn?: Dayjs | null; outcome?: 'upheld' | 'changed'; opinion: string }>
      open
      title={`登记${words}意见`}
      okText="保存"
      name={`petition-${level}-answer`}
      width={640}
      fields={['answeredOn', 'outcome', 'opinion']}
      initialValues={{ answeredOn: todayValue(today) }}
      onSubmit={(values) =>
        send({ answeredOn: toDateString(values.answeredOn), outcome: values.outcome!, opinion: values.opinion })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="outcome"
            label="结论"
            rules={[{ required: true, message: `请选择${words}结论` }]}
            {...server.fieldStatus('outcome')}
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 'upheld', label: '维持原处理意见' },
                { value: 'changed', label: '变更原处理意见' },
              ]}
            />
          </Form.Item>
          <RequiredTextField
            name="opinion"
            label={`${words}意见`}
            message={`请填写${words}意见`}
            server={server}
            maxLength={4000}
            rows={4}
            autoFocus={false}
          />
          <StepDateField
            name="answeredOn"
            label="意见日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, step, record)}
          />
        </>
      )}
    </FormDialog>
  );
}

export function RecordReviewDialog(props: PetitionStepProps<'recordReview'>) {
  return <ReviewAnswerForm step="recordReview" {...props} />;
}

export function RecordReReviewDialog(props: PetitionStepProps<'recordReReview'>) {
  return <ReviewAnswerForm step="recordReReview" {...props} />;
}
