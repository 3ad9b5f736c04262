import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

export function CloseDialog({ record, today, send, onClose }: PetitionStepProps<'close'>) {
  return (
    <FormDialog<{ closedOn?: Dayjs | null }>
      open
      title="办结"
      okText="办结"
      name="petition-close"
      fields={['closedOn']}
      initialValues={{ closedOn: todayValue(today) }}
      // The declaration offers 办结 only after the written reply (件件有回复).
      intro={
        record.reply && (
          <Typography.Paragraph>
            {`已于${chineseDate(record.reply.repliedOn)}书面答复。办结后，信访人在期限内请求复查或复核的，可以重新打开。`}
          </Typography.Paragraph>
        )
      }
      onSubmit={(values) => send({ closedOn: toDateString(values.closedOn) })}
      onClose={onClose}
    >
      {(server) => (
        <StepDateField
          name="closedOn"
          label="办结日期"
          server={server}
          today={today}
          earliest={earliestStepDate(petitionKind, 'close', record)}
        />
      )}
    </FormDialog>
  );
}
