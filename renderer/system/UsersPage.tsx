import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { UserRecord } from '../../shared/auth/api';
import { ROLE_LABELS } from '../../shared/auth/roles';
import { useQuery } from '../api/useQuery';
import { LoadFailed } from '../common/LoadFailed';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserCreateDialog } from './UserCreateDialog';
import { UserEditDialog } from './UserEditDialog';

function status(user: UserRecord) {
  if (!user.active) return <Tag>已停用</Tag>;
  if (user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs()))
    return <Tag color="red">锁定至 {dayjs(user.lockedUntil).format('HH:mm')}</Tag>;
  return <Tag color="green">启用</Tag>;
}

export function UsersPage() {
  const users = useQuery('users.list', {});
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRecord | null>(null);
  const [resetting, setResetting] = useState<UserRecord | null>(null);

  if (users.error) return <LoadFailed error={users.error} what="用户列表" onRetry={users.reload} />;

  const columns: ColumnsType<UserRecord> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '角色',
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: UserRecord['roles']) => roles.map((role) => <Tag key={role}>{ROLE_LABELS[role]}</Tag>),
    },
    { title: '状态', key: 'status', render: (_, user) => status(user) },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, user) => (
        <Space>
          <Button size="small" onClick={() => setEditing(user)} aria-label={`修改用户 ${user.username}`}>
            修改
          </Button>
          <Button size="small" onClick={() => setResetting(user)} aria-label={`重设 ${user.username} 的密码`}>
            重设密码
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建用户
        </Button>
      </Flex>
      <Table<UserRecord>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.loading}
        pagination={false}
        size="middle"
      />
      <UserCreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          message.success(`已创建用户 ${user.username}，首次登录时须修改密码`);
          users.reload();
        }}
      />
      <UserEditDialog
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          message.success(`已保存用户 ${user.username}`);
          users.reload();
        }}
      />
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          message.success(`已重设 ${user.username} 的密码`);
          users.reload();
        }}
      />
    </>
  );
}
