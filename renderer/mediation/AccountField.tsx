import { Form, Select, Typography } from 'antd';
import type { UserRecord } from '../../shared/auth/api';
import { hasAnyRole, ROLE_LABELS, type Role } from '../../shared/auth/roles';
import type { MediatorRecord } from '../../shared/mediation/committees';
import { useQuery } from '../api/useQuery';
import type { ServerErrors } from '../common/useServerErrors';

interface Props {
  /** Only the administrator may list the user accounts. */
  canLink: boolean;
  mediator: MediatorRecord | null;
  server: ServerErrors;
}

/** The backend links only accounts that mediate. */
const MEDIATING_ROLES: readonly Role[] = ['mediator', 'committeeHead'];

function userLabel(user: UserRecord): string {
  const roles = user.roles.map((role) => ROLE_LABELS[role]).join('、');
  return `${user.displayName}（${user.username}，${roles}${user.active ? '' : '，已停用'}）`;
}

/** 登录账号: the account the mediator signs in with; a choice for the administrator, a fact for others. */
export function AccountField({ canLink, mediator, server }: Props) {
  const users = useQuery('users.list', canLink ? {} : null);
  if (!canLink) {
    return (
      <Form.Item label="登录账号" extra="登录账号由系统管理员关联">
        <Typography.Text type={mediator?.userName ? undefined : 'secondary'}>
          {mediator?.userName ?? '未关联'}
        </Typography.Text>
      </Form.Item>
    );
  }
  // A stopped account stays listed only while it is the one linked.
  const options = (users.data?.items ?? [])
    .filter((user) => user.id === mediator?.userId || (user.active && hasAnyRole(user.roles, MEDIATING_ROLES)))
    .map((user) => ({ value: user.id, label: userLabel(user) }));
  return (
    <Form.Item
      name="userId"
      label="登录账号"
      extra={
        users.error
          ? `用户列表没有加载出来：${users.error.message}`
          : '可选有“人民调解员”或“调委会主任”角色的账号；不登录本系统的调解员不关联'
      }
      {...server.fieldStatus('userId')}
    >
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={users.loading}
        placeholder="不关联"
        options={options}
        // Before the list arrives, the linked account shows by name rather than by id.
        labelRender={({ value, label }) => label ?? (value === mediator?.userId ? mediator?.userName : value)}
      />
    </Form.Item>
  );
}
