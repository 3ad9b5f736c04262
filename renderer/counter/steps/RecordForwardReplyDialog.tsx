import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { caseKind } from '../../../shared/counter/caseKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { CaseStepProps } from './caseStep';

export function RecordForwardReplyDialog({ record, today, send, onClose }: CaseStepProps<'recordForwardReply'>) {
  return (
    <FormDialog<{ reply: string; repliedOn?: Dayjs | null }>
      open
      title="登记转报回复"
      okText="登记"
      name="case-reply"
      fields={['reply', 'repliedOn']}
      initialValues={{ repliedOn: todayValue(today) }}
      intro={
        record.forward && (
          <Typography.Paragraph type="secondary">
            {chineseDate(record.forward.sentOn)}转报{record.forward.department}。登记回复后，该件回到“办理中”。
          </Typography.Paragraph>
        )
      }
      onSubmit={(values) =>
        send({
          reply: values.reply,
          repliedOn: toDateString(values.repliedOn),
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <RequiredTextField
            name="reply"
            label="回复内容"
            message="请填写县级部门的回复"
            server={server}
            maxLength={500}
          />
          <StepDateField
            name="repliedOn"
            label="回复日期"
            server={server}
            today={today}
            earliest={earliestStepDate(caseKind, 'recordForwardReply', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
