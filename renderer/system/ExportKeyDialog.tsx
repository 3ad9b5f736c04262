import { Alert, Form, Input } from 'antd';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';
import { downloadFile } from '../common/fileDownload';

/**
 * 导出恢复密钥: the database key as a file, after the administrator's own password again. Without
 * it an encrypted backup cannot be restored on another PC (the desktop app's key lives in this
 * PC's keychain).
 */
export function ExportKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <FormDialog<{ password: string }>
      open={open}
      title="导出数据库恢复密钥"
      okText="导出"
      name="exportKey"
      fields={['password']}
      onClose={onClose}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="备份是加密的：在另一台电脑上恢复时需要这个密钥。得到密钥和备份的人就能读出全部台账——请打印或存入离线介质锁好，不要和备份放在一起。"
        />
      }
      onSubmit={async ({ password }) => {
        const file = await call('backup.exportKey', { password });
        downloadFile(file.fileUrl);
        onClose();
      }}
    >
      {(server) => (
        <Form.Item
          name="password"
          label="您的登录密码"
          htmlFor="export-key-password"
          rules={[{ required: true, message: '请输入您的登录密码' }]}
          {...server.fieldStatus('password')}
        >
          <Input.Password id="export-key-password" autoComplete="current-password" />
        </Form.Item>
      )}
    </FormDialog>
  );
}
