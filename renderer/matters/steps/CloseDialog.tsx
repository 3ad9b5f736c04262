import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { matterKind } from '../../../shared/matters/matterKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import { chineseDate, toDateString } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import { StepDateField, todayValue } from '../../common/StepDateField';
import type { MatterStepProps } from './matterStep';

export function CloseDialog({ record, today, send, onClose }: MatterStepProps<'close'>) {
  return (
    <FormDialog<{ closedOn?: Dayjs | null; result?: string }>
      open
      title="办结"
      okText="办结"
      name="matter-close"
      fields={['closedOn', 'result']}
      initialValues={{ closedOn: todayValue(today) }}
      intro={
        record.reply && (
          <Typography.Paragraph>{`已于${chineseDate(record.reply.repliedOn)}答复群众：${record.reply.text}`}</Typography.Paragraph>
        )
      }
      onSubmit={(values) => send({ closedOn: toDateString(values.closedOn), result: values.result ?? '' })}
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item name="result" label="办理结果" {...server.fieldStatus('result')}>
            <Input.TextArea rows={2} maxLength={1000} showCount autoFocus placeholder="可不填，如 已更换路灯两盏" />
          </Form.Item>
          <StepDateField
            name="closedOn"
            label="办结日期"
            server={server}
            today={today}
            earliest={earliestStepDate(matterKind, 'close', record)}
          />
        </>
      )}
    </FormDialog>
  );
}
