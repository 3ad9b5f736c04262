import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { recall, remember } from '../../common/sessionMemory';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

/** The 承办单位 named last (the same few units recur). */
const UNIT_KEY = 'petitions.lastHandlingUnit';

export function AcceptDialog({ record, today, send, onClose }: PetitionStepProps<'accept'>) {
  return (
    <FormDialog<{ acceptedOn?: Dayjs | null; handlingUnit: string }>
      open
      title="受理信访事项"
      okText="受理并出具告知书"
      name="petition-accept"
      fields={['acceptedOn', 'handlingUnit']}
      initialValues={{ acceptedOn: todayValue(today), handlingUnit: recall<string>(UNIT_KEY) ?? '' }}
      intro={
        <Typography.Paragraph>
          {`受理后出具《受理告知书》，请送交信访人。办理期限自受理之日起60日。受理告知期限至${chineseDate(record.acceptanceDueOn)}。`}
        </Typography.Paragraph>
      }
      onSubmit={async (values) => {
        await send({ acceptedOn: toDateString(values.acceptedOn), handlingUnit: values.handlingUnit });
        remember(UNIT_KEY, values.handlingUnit.trim());
      }}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="handlingUnit"
            label="承办单位"
            rules={[{ required: true, whitespace: true, message: '请填写承办单位' }]}
            {...server.fieldStatus('handlingUnit')}
          >
            <Input maxLength={60} autoFocus placeholder="如 镇司法所、镇自然资源所" />
          </Form.Item>
          <StepDateField
            name="acceptedOn"
            label="受理日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'accept', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
