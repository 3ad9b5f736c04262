import { Form, Input } from 'antd';
import { PASSWORD_MIN_LENGTH, type UserRecord } from '../../shared/auth/api';
import type { Role } from '../../shared/auth/roles';
import { call } from '../api/client';
import { newPasswordRules } from '../common/passwordRules';
import { DisplayNameField, UsernameField } from '../common/accountFields';
import { FormDialog } from '../common/FormDialog';
import { RolesField } from './roleOptions';

interface Values {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
}

export function UserCreateDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserRecord) => void;
}) {
  return (
    <FormDialog<Values>
      open={open}
      title="新建用户"
      okText="创建"
      name="createUser"
      initialValues={{ roles: ['counterClerk'] }}
      fields={['username', 'displayName', 'roles', 'password']}
      onClose={onClose}
      onSubmit={async (values) => onCreated(await call('users.create', values))}
    >
      {(server) => (
        <>
          <UsernameField server={server} autoFocus />
          <DisplayNameField server={server} />
          <RolesField server={server} />
          <Form.Item
            name="password"
            label="初始密码"
            extra={`至少 ${PASSWORD_MIN_LENGTH} 位，须同时包含字母和数字；用户首次登录时须改成自己的密码`}
            rules={newPasswordRules}
            {...server.fieldStatus('password')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
