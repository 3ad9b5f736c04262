import { Form, Input, Typography } from 'antd';
import { chineseDate } from '../../common/dates';
import { FormDialog } from '../../common/FormDialog';
import type { DisputeStepProps } from './disputeStep';
import { lastCourt, rememberCourt } from './lastCourt';

/** 准备司法确认申请书: the application the parties sign and take to the court together. */
export function CourtFormDialog({ detail, send, onClose }: DisputeStepProps<'courtForm'>) {
  const court = detail.dispute.court;
  return (
    <FormDialog<{ court: string }>
      open
      title="准备司法确认申请书"
      okText="出具申请书"
      name="dispute-court-form"
      fields={['court']}
      initialValues={{ court: court?.court || lastCourt() }}
      intro={
        court && (
          <Typography.Paragraph>
            协议于{chineseDate(court.effectiveOn)}生效，双方当事人可在{chineseDate(court.closesOn)}
            前共同向人民法院申请司法确认（人民调解法第三十三条）。申请书打印后由各方当事人签名。
          </Typography.Paragraph>
        )
      }
      onSubmit={async (values) => {
        await send({ court: values.court });
        rememberCourt(values.court);
      }}
      onClose={onClose}
    >
      {(server) => (
        <Form.Item
          name="court"
          label="受理法院"
          rules={[{ required: true, whitespace: true, message: '请填写受理申请的人民法院' }]}
          {...server.fieldStatus('court')}
        >
          <Input maxLength={60} autoFocus placeholder="如 某县人民法院" />
        </Form.Item>
      )}
    </FormDialog>
  );
}
