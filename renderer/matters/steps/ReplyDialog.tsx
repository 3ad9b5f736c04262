import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { matterKind } from '../../../shared/matters/matterKind';
import type { ReplyMethod } from '../../../shared/matters/matters';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { MatterStepProps } from './matterStep';
import { ReplyFields } from './ReplyFields';

interface Values {
  repliedOn?: Dayjs | null;
  reply: string;
  replyMethod: ReplyMethod;
}

/** 答复群众 (件件有回复): required before the matter can be closed. */
export function ReplyDialog({ record, today, send, onClose }: MatterStepProps<'reply'>) {
  return (
    <FormDialog<Values>
      open
      title="答复群众"
      okText="登记答复"
      name="matter-reply"
      width={640}
      fields={['repliedOn', 'reply', 'replyMethod']}
      initialValues={{ repliedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          {record.dueOn
            ? `办理期限至${chineseDate(record.dueOn)}。答复后由乡镇办结；期限到办结时为止。`
            : '件件有回复：登记给群众的答复后，才能办结。'}
        </Typography.Paragraph>
      }
      onSubmit={(values) =>
        send({ repliedOn: toDateString(values.repliedOn), reply: values.reply, replyMethod: values.replyMethod })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <ReplyFields server={server} />
          <StepDateField
            name="repliedOn"
            label="答复日期"
            server={server}
            today={today}
            earliest={earliestStepDate(matterKind, 'reply', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
