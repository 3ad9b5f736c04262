import { Checkbox, Form } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { ROLE_LABELS, ROLES } from '../../shared/auth/roles';
import type { ServerErrors } from '../common/useServerErrors';

const OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** All roles in view at once: an administrator ticks them, no dropdown to open. */
export function RoleCheckboxes(props: CheckboxGroupProps) {
  return (
    <Checkbox.Group
      {...props}
      options={OPTIONS}
      role="group"
      aria-label="角色"
      style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 6 }}
    />
  );
}

/** The 角色 field of the user dialogs: at least one role. */
export function RolesField({ server }: { server: ServerErrors }) {
  return (
    <Form.Item
      name="roles"
      label="角色"
      rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
      {...server.fieldStatus('roles')}
    >
      <RoleCheckboxes />
    </Form.Item>
  );
}
