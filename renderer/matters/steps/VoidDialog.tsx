import { Typography } from 'antd';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import type { MatterStepProps } from './matterStep';

/** 作废: a registration made by mistake; kept for the record, counted nowhere. */
export function VoidDialog({ send, onClose }: MatterStepProps<'void'>) {
  return (
    <FormDialog<{ reason: string }>
      open
      title="作废"
      okText="作废"
      name="matter-void"
      fields={['reason']}
      intro={<Typography.Paragraph>作废的诉求不计入统计，记录保留备查，不能恢复。</Typography.Paragraph>}
      onSubmit={(values) => send({ reason: values.reason })}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField
          name="reason"
          label="作废理由"
          message="请写明作废理由"
          server={server}
          maxLength={200}
          rows={2}
          placeholder="如 与SQ-2026-000012重复登记"
        />
      )}
    </FormDialog>
  );
}
