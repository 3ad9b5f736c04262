import { App, Typography } from 'antd';
import { ApiCallError, call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import { PassphraseField } from './PassphraseFields';

/** 解锁密钥: after the hall host restarts, the private keys wait for the passphrase set at enrollment. */
export function UnlockDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  return (
    <FormDialog<{ passphrase: string }>
      open={open}
      title="解锁密钥"
      okText="解锁"
      name="sync-unlock"
      fields={['passphrase']}
      intro={
        <Typography.Paragraph type="secondary">
          大厅主机重启后，本节点的私钥处于锁定状态。请输入入网时设置的密钥口令，解锁后才能同步或导出同步文件。
        </Typography.Paragraph>
      }
      onSubmit={async ({ passphrase }) => {
        const answer = await call('sync.unlock', { passphrase });
        if (!answer.unlocked) {
          throw new ApiCallError('sync.unlock', {
            code: 'VALIDATION',
            message: '密钥没有解锁：密钥口令不正确',
            fieldErrors: { passphrase: '密钥口令不正确' },
          });
        }
        void message.success('密钥已解锁，可以同步了');
        onDone();
      }}
      onClose={onClose}
    >
      {(server) => <PassphraseField server={server} autoFocus />}
    </FormDialog>
  );
}
