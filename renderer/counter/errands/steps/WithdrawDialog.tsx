import { Typography } from 'antd';
import { FormDialog } from '../../../common/FormDialog';
import { RequiredTextField } from '../../../common/RequiredTextField';
import { errandLabel, type ErrandStepProps } from './errandStep';

export function WithdrawDialog({ errand, send, onClose }: ErrandStepProps<'withdraw'>) {
  return (
    <FormDialog<{ reason: string }>
      open
      title={`撤回代办：${errandLabel(errand)}`}
      okText="撤回"
      name="errand-withdraw"
      fields={['reason']}
      intro={
        <Typography.Paragraph type="secondary">
          居民不再委托，或事项无法代办时撤回。撤回后这项代办不再交接，记录保留。
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ reason: values.reason })}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField
          name="reason"
          label="撤回原因"
          message="请写明撤回原因"
          server={server}
          maxLength={200}
          rows={3}
        />
      )}
    </FormDialog>
  );
}
