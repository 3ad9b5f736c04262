import { App, Typography } from 'antd';
import type { InstructionRecord } from '../../shared/sync/api';
import { INSTRUCTION_KIND_LABELS } from '../../shared/sync/protocol';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import { RequiredTextField } from '../common/RequiredTextField';
import { instructionsChanged } from '../common/instructions/instructionEvents';

interface Props {
  /** The instruction answered; kept after closing so the dialog's content stays while it fades. */
  record: InstructionRecord | null;
  open: boolean;
  onClose: () => void;
}

/**
 * 反馈: how the matter was handled, in words; it travels up with the next sync and closes the
 * loop. Answering acknowledges the instruction too if nobody has; a later answer replaces the
 * earlier one (the county sees the latest).
 */
export function ReplyDialog({ record, open, onClose }: Props) {
  const { message } = App.useApp();
  if (!record) return null;
  const { instruction } = record;
  return (
    <FormDialog<{ reply: string }>
      open={open}
      title={`反馈${INSTRUCTION_KIND_LABELS[instruction.kind]}事项：${instruction.title}`}
      okText="提交反馈"
      name="instruction-reply"
      width={640}
      fields={['reply', 'id']}
      initialValues={{ reply: record.reply ?? '' }}
      intro={
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {instruction.body}
        </Typography.Paragraph>
      }
      onSubmit={async (values) => {
        await call('instructions.reply', { id: instruction.id, reply: values.reply });
        void message.success('反馈已保存，将在下次同步时报送县级平台');
        instructionsChanged();
      }}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField
          name="reply"
          label="反馈内容"
          message="请填写反馈内容"
          server={server}
          maxLength={4000}
          rows={6}
          placeholder="办理情况、结果、仍需县级协调的问题"
        />
      )}
    </FormDialog>
  );
}
