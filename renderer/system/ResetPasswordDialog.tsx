import { Alert, Form, Input } from 'antd';
import type { UserRecord } from '../../shared/auth/api';
import { call } from '../api/client';
import { newPasswordRules } from '../common/passwordRules';
import { FormDialog } from '../common/FormDialog';

export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserRecord | null;
  onClose: () => void;
  onDone: (user: UserRecord) => void;
}) {
  return (
    <FormDialog<{ password: string }>
      open={user !== null}
      title={user ? `重设密码：${user.displayName}（${user.username}）` : ''}
      okText="重设密码"
      name="resetPassword"
      fields={['password']}
      onClose={onClose}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="重设后请把新密码当面告诉该用户；该用户下次登录时须改成自己的密码。账号如被锁定，也会一并解锁。"
        />
      }
      onSubmit={async ({ password }) => {
        if (!user) return;
        await call('users.resetPassword', { id: user.id, password });
        onDone(user);
      }}
    >
      {(server) => (
        <Form.Item name="password" label="新密码" rules={newPasswordRules} {...server.fieldStatus('password')}>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
      )}
    </FormDialog>
  );
}
