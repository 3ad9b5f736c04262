import { Typography } from 'antd';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import type { CaseStepProps } from './caseStep';

export function CloseFollowUpDialog({ record, send, onClose }: CaseStepProps<'closeFollowUp'>) {
  return (
    <FormDialog<{ actionTaken: string }>
      open
      title="差评整改办结"
      okText="整改办结"
      name="case-follow-up"
      fields={['actionTaken']}
      intro={
        record.rating && (
          <Typography.Paragraph>
            群众评价：{record.rating.comment || '（未写意见）'}。请写明采取的整改措施和回访情况。
          </Typography.Paragraph>
        )
      }
      onSubmit={(values) => send({ actionTaken: values.actionTaken })}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField
          name="actionTaken"
          label="整改情况"
          message="请写明整改情况"
          server={server}
          maxLength={500}
          rows={4}
        />
      )}
    </FormDialog>
  );
}
