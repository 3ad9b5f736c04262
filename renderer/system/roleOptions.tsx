import { Checkbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { ROLE_LABELS, ROLES } from '../../shared/auth/roles';

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
