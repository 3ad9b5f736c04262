import { App, Typography } from 'antd';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import type { LevelAbove } from './levelAbove';
import { PassphraseField } from './PassphraseFields';

/**
 * 更换密钥: new key pairs, announced to the county signed with the current key. Done when a
 * key may have been exposed, or on the county's request.
 */
export function RotateKeysDialog({
  open,
  above,
  onClose,
  onDone,
}: {
  open: boolean;
  above: LevelAbove;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message, modal } = App.useApp();
  return (
    <FormDialog<{ passphrase: string }>
      open={open}
      title="更换密钥"
      okText="更换密钥"
      name="sync-rotate"
      fields={['passphrase']}
      intro={
        <Typography.Paragraph type="secondary">
          {`本机将生成新的签名和加密密钥，用现有密钥签名后向${above.name}登记，此后的数据改用新密钥。新密钥沿用现有的密钥口令保护，请输入现用口令确认。`}
        </Typography.Paragraph>
      }
      onSubmit={async ({ passphrase }) => {
        const answer = await call('sync.rotateKeys', { passphrase });
        onDone();
        if (answer.registered) void message.success(`密钥已更换，新的签名密钥编号 ${answer.signingKeyId}`);
        else
          modal.info({
            title: `新密钥已生成，尚未在${above.name}登记`,
            content: `联网后点“立即同步”即可登记；无网络时请导出同步文件带到${above.name}导入，再导入${above.name}的回执文件。${above.name}确认之前不能再次更换。`,
          });
      }}
      onClose={onClose}
    >
      {(server) => <PassphraseField server={server} label="现用密钥口令" autoFocus />}
    </FormDialog>
  );
}
