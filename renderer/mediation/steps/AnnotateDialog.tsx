import { Typography } from 'antd';
import { FormDialog } from '../../common/FormDialog';
import { RequiredTextField } from '../../common/RequiredTextField';
import type { DisputeStepProps } from './disputeStep';

/** 批注: a note on the dispute, closed or not; what was registered stays as it was. */
export function AnnotateDialog({ send, onClose }: DisputeStepProps<'annotate'>) {
  return (
    <FormDialog<{ text: string }>
      open
      title="加批注"
      okText="保存批注"
      name="dispute-annotate"
      fields={['text']}
      intro={
        <Typography.Paragraph type="secondary">
          批注记在纠纷上，注明时间和批注人，不改变已登记的内容；已结案的纠纷也可以批注。
        </Typography.Paragraph>
      }
      onSubmit={(values) => send({ text: values.text })}
      onClose={onClose}
    >
      {(server) => (
        <RequiredTextField name="text" label="批注" message="请填写批注内容" server={server} maxLength={1000} />
      )}
    </FormDialog>
  );
}
