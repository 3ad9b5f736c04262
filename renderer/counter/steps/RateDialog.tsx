import { Form, Input, Radio, Typography } from 'antd';
import { CLERK_RATING_CHANNELS, RATING_CHANNEL_LABELS, type RatingLevel } from '../../../shared/counter/casesApi';
import { FormDialog } from '../../common/FormDialog';
import { RatingButtons } from '../RatingButtons';
import type { CaseStepProps } from './caseStep';

type ClerkChannel = (typeof CLERK_RATING_CHANNELS)[number];

/**
 * A rating the clerk records (the resident said it aloud, or the agent passed it on): recorded
 * as such. The resident's own rating is tapped on the window's rating pad (请群众评价).
 */
export function RateDialog({ send, onClose }: CaseStepProps<'rate'>) {
  return (
    <FormDialog<{ level?: RatingLevel; channel: ClerkChannel; comment?: string }>
      open
      title="记录评价（工作人员代为记录）"
      okText="提交评价"
      name="case-rate"
      width={760}
      fields={['level', 'channel', 'comment']}
      initialValues={{ channel: 'clerk' }}
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
            label="群众对这次办事的评价"
            rules={[{ required: true, message: '请选择一个评价等级' }]}
            {...server.fieldStatus('level')}
          >
            <RatingButtons />
          </Form.Item>
          <Form.Item name="channel" label="评价渠道" {...server.fieldStatus('channel')}>
            <Radio.Group
              options={CLERK_RATING_CHANNELS.map((channel) => ({
                value: channel,
                label: RATING_CHANNEL_LABELS[channel],
              }))}
            />
          </Form.Item>
          <Form.Item name="comment" label="评价意见（可不填）" {...server.fieldStatus('comment')}>
            <Input.TextArea rows={2} maxLength={300} showCount />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            群众本人的评价请用本窗口的评价器（办件页“请群众评价”）；此处的评价记为“工作人员代为记录”或“代办员转达”。
            选择“不满意”或“非常不满意”时，系统会生成差评整改回访任务。
          </Typography.Paragraph>
        </>
      )}
    </FormDialog>
  );
}
