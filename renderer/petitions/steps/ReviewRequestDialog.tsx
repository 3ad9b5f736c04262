// 复查请求 and 复核请求: one form; the step decides the level, and with it the words and dates.
import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { REVIEW_LEVEL_LABELS } from '../../../shared/petitions/petitions';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { useQuery } from '../../api/useQuery';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import { PETITION_STEP_FIXED, type PetitionStepProps } from './petitionStep';

type RequestStep = 'requestReview' | 'requestReReview';

/** 复查 or 复核 requested by the petitioner: the day and the body that reviews. */
function ReviewRequestForm({
  step,
  record,
  today,
  send,
  onClose,
}: PetitionStepProps<RequestStep> & { step: RequestStep }) {
  const settings = useQuery('petitions.settings', {});
  const { level } = PETITION_STEP_FIXED[step];
  const words = REVIEW_LEVEL_LABELS[level];
  const dueOn = level === 'review' ? record.reviewRequestDueOn : record.reReviewRequestDueOn;
  return (
    <FormDialog<{ requestedOn?: Dayjs | null; body?: string }>
      open
      title={`登记${words}请求`}
      okText="登记"
      name={`petition-${level}-request`}
      fields={['requestedOn', 'body', 'level']}
      initialValues={{ requestedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          {`信访人对${level === 'review' ? '答复意见' : '复查意见'}不服的，可以自收到之日起30日内请求${words}（${dueOn ? `期限至${chineseDate(dueOn)}` : '送达尚未登记，请求在期限内'}）。${words}机关自收到请求之日起30日内提出${words}意见。`}
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ requestedOn: toDateString(values.requestedOn), body: values.body ?? '' })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="body"
            label={`${words}机关`}
            extra={settings.data?.reviewBody ? `不填即为设置中的复查机关：${settings.data.reviewBody}` : undefined}
            {...server.fieldStatus('body')}
          >
            <Input maxLength={40} autoFocus placeholder={settings.data?.reviewBody || '如 某某县人民政府'} />
          </Form.Item>
          <StepDateField
            name="requestedOn"
            label="请求日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, step, record)}
          />
        </>
      )}
    </FormDialog>
  );
}

export function RequestReviewDialog(props: PetitionStepProps<'requestReview'>) {
  return <ReviewRequestForm step="requestReview" {...props} />;
}

export function RequestReReviewDialog(props: PetitionStepProps<'requestReReview'>) {
  return <ReviewRequestForm step="requestReReview" {...props} />;
}
