import { Form, Input, Radio, Typography } from 'antd';
import {
  RATING_CHANNEL_LABELS,
  RATING_CHANNELS,
  type RatingChannel,
  type RatingLevel,
} from '../../../shared/counter/casesApi';
import { FormDialog } from '../../common/FormDialog';
import { RatingButtons } from '../RatingButtons';
import type { CaseStepProps } from './caseStep';

export function RateDialog({ send, onClose }: CaseStepProps<'rate'>) {
  return (
    <FormDialog<{ level?: RatingLevel; channel: RatingChannel; comment?: string }>
      open
      title="请群众评价本次办事"
      okText="提交评价"
      name="case-rate"
      width={760}
      fields={['level', 'channel', 'comment']}
      initialValues={{ channel: 'resident' }}
      onSubmit={(values) =>
        send({
          level: values.level!,
          channel: values.channel,
          comment: values.comment?.trim() || undefined,
        })
      }
      onClose={onClose}
    >
      {(server) => (
        <>
          <Form.Item
            name="level"
            label="您对这次办事满意吗？请点选一项"
            rules={[{ required: true, message: '请群众选择一个评价等级' }]}
            {...server.fieldStatus('level')}
          >
            <RatingButtons />
          </Form.Item>
          <Form.Item name="channel" label="评价渠道" {...server.fieldStatus('channel')}>
            <Radio.Group
              options={RATING_CHANNELS.map((channel) => ({
                value: channel,
                label: RATING_CHANNEL_LABELS[channel],
              }))}
            />
          </Form.Item>
          <Form.Item name="comment" label="评价意见（可不填）" {...server.fieldStatus('comment')}>
            <Input.TextArea rows={2} maxLength={300} showCount />
          </Form.Item>
          <Typography.Text type="secondary">选择“不满意”或“非常不满意”时，系统会生成差评整改回访任务。</Typography.Text>
        </>
      )}
    </FormDialog>
  );
}
