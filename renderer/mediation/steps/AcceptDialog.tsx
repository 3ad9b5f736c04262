import { Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { DisputeStepProps } from './disputeStep';

/** 受理: the case number is drawn and the notice of rights and duties issued. */
export function AcceptDialog({ detail, today, send, onClose }: DisputeStepProps<'accept'>) {
  return (
    <FormDialog<{ acceptedOn?: Dayjs | null }>
      open
      title="受理纠纷"
      okText="受理并出具告知书"
      name="dispute-accept"
      fields={['acceptedOn']}
      initialValues={{ acceptedOn: todayValue(today) }}
      intro={
        <Typography.Paragraph>
          受理后按调委会和年度编出案号，并出具《人民调解权利义务告知书》，请打印后交当事人签收。自受理之日起一般在一个月内调结。
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ acceptedOn: toDateString(values.acceptedOn) })}
      onClose={onClose}
    >
      {(server) => (
        <StepDateField
          name="acceptedOn"
          label="受理日期"
          server={server}
          today={today}
          earliest={earliestStepDate(disputeKind, 'accept', detail.dispute)}
        />
      )}
    </FormDialog>
  );
}
