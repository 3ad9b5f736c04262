import { Alert, Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { MAX_EXTENSION_DAYS } from '../../../shared/petitions/periods';
import { petitionKind } from '../../../shared/petitions/petitionKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { PetitionStepProps } from './petitionStep';

export function ExtendDialog({ record, today, send, onClose }: PetitionStepProps<'extend'>) {
  return (
    <FormDialog<{ extendedOn?: Dayjs | null; days: number; reason: string }>
      open
      title="延长办理期限"
      okText="延期并出具告知书"
      name="petition-extend"
      fields={['extendedOn', 'days', 'reason']}
      initialValues={{ extendedOn: todayValue(today), days: MAX_EXTENSION_DAYS }}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`办理期限现为${chineseDate(record.handlingDueOn)}。情况复杂的，可以延长一次，不超过${MAX_EXTENSION_DAYS}日，并告知信访人延期理由。`}
        />
      }
      onSubmit={(values) =>
        send({ extendedOn: toDateString(values.extendedOn), days: values.days, reason: values.reason })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="days"
            label="延长天数"
            rules={[{ required: true, message: '请填写延长的天数' }]}
            extra={`1至${MAX_EXTENSION_DAYS}日`}
            {...server.fieldStatus('days')}
          >
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 120 }} suffix="日" />
          </Form.Item>
          <RequiredTextField
            name="reason"
            label="延期理由"
            message="请写明延期的理由"
            server={server}
            maxLength={500}
            rows={3}
            autoFocus={false}
            placeholder="如 涉及多个部门，需进一步调查核实"
          />
          <StepDateField
            name="extendedOn"
            label="延期决定日期"
            server={server}
            today={today}
            earliest={earliestStepDate(petitionKind, 'extend', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
