import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

/** 口头协议: the parties need no written agreement; the mediator records what they agreed. */
export function OralAgreementDialog({ detail, today, send, onClose }: DisputeStepProps<'oral'>) {
  return (
    <FormDialog<{ content: string; agreedOn?: Dayjs | null }>
      open
      title="记录口头调解协议"
      okText="记录，调解成功"
      name="dispute-oral"
      width={640}
      fields={['content', 'agreedOn']}
      initialValues={{ agreedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph type="secondary">
          当事人认为无需制作调解协议书的，可以采取口头协议方式，由调解员记录协议内容（人民调解法第二十八条）；口头协议自达成之日起生效。
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ content: values.content, agreedOn: toDateString(values.agreedOn) })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <RequiredTextField
            name="content"
            label="口头协议内容"
            message="请记录口头协议的内容"
            server={server}
            maxLength={4000}
            rows={5}
          />
          <StepDateField
            name="agreedOn"
            label="达成日期"
            server={server}
            today={today}
            earliest={earliestStepDate(disputeKind, 'oral', detail.dispute)}
          />
        </>
      )}
    </FormDialog>
  );
}
