import { Typography } from 'antd';
import { FormDialog } from '../../common/FormDialog';
import type { CaseStepProps } from './caseStep';

export function StartHandlingDialog({ record, send, onClose }: CaseStepProps<'startHandling'>) {
  return (
    <FormDialog<object>
      open
      title="开始办理"
      okText="开始办理"
      name="case-start"
      fields={[]}
      intro={<Typography.Paragraph>确认开始办理“{record.itemName}”？</Typography.Paragraph>}
      onSubmit={() => send({})}
      onClose={onClose}
    >
      {() => null}
    </FormDialog>
  );
}
