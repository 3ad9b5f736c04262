import { Alert } from 'antd';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import type { CaseStepProps } from './caseStep';

export function VoidDialog({ send, onClose }: CaseStepProps<'void'>) {
  return (
    <FormDialog<{ reason: string }>
      open
      title="作废办件"
      okText="作废"
      name="case-void"
      fields={['reason']}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="作废后该件不再办理；记录和已出具的文书保留，不会删除。"
        />
      }
      onSubmit={(values) => send({ reason: values.reason })}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField name="reason" label="作废原因" message="请写明作废原因" server={server} maxLength={200} />
      )}
    </FormDialog>
  );
}
