import { Form, Switch } from 'antd';
import type { UserRecord } from '../../shared/auth/api';
import type { Role } from '../../shared/auth/roles';
import { call } from '../api/client';
import { DisplayNameField } from '../common/accountFields';
import { FormDialog } from '../common/FormDialog';
import { RolesField } from './roleOptions';

interface Values {
  displayName: string;
  roles: Role[];
  active: boolean;
}

export function UserEditDialog({
  user,
  onClose,
  onSaved,
}: {
  user: UserRecord | null;
  onClose: () => void;
  onSaved: (user: UserRecord) => void;
}) {
  return (
    <FormDialog<Values>
      open={user !== null}
      title={user ? `修改用户：${user.username}` : ''}
      okText="保存"
      name="editUser"
      initialValues={user ? { displayName: user.displayName, roles: user.roles, active: user.active } : undefined}
      fields={['displayName', 'roles', 'active']}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!user) return;
        onSaved(await call('users.update', { id: user.id, version: user.version, ...values }));
      }}
    >
      {(server) => (
        <>
          <DisplayNameField server={server} autoFocus />
          <RolesField server={server} />
          <Form.Item
            name="active"
            label="启用"
            valuePropName="checked"
            extra="停用后该用户不能再登录，已登录的也会被退出"
            {...server.fieldStatus('active')}
          >
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
