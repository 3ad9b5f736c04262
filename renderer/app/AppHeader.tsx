import { KeyOutlined, LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Space, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '../../shared/auth/roles';
import { confirmLeave } from '../common/leaveGuard';
import { AboutButton } from '../about/AboutButton';
import { useSession } from '../common/session';
import { villageNodeTitle } from '../common/villageNode';
import { GlobalSearch } from '../search/GlobalSearch';
import { UpdateHeaderTag } from '../updates/UpdateHeaderTag';

export function AppHeader() {
  const { info, system, openChangePassword, lockScreen, signOut } = useSession();
  return (
    <Layout.Header
      style={{
        background: '#fff',
        borderBottom: '1px solid #e5e7eb',
        paddingInline: 20,
        height: 56,
        lineHeight: '56px',
      }}
    >
      <Flex justify="space-between" align="center" gap={16} style={{ height: '100%' }}>
        {/* A village node's longer name a size smaller: the header fits 1366 px either way. */}
        <Typography.Title level={system.villageNode ? 5 : 4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          {system.villageNode ? villageNodeTitle(system.villageNode) : `${system.townshipName} · 乡镇一站通`}
        </Typography.Title>
        <GlobalSearch />
        <Space size="middle" wrap={false}>
          <UpdateHeaderTag />
          <span style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text strong>{info.user.displayName}</Typography.Text>
            <span style={{ marginInlineStart: 8 }}>
              {info.user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {ROLE_LABELS[role]}
                </Tag>
              ))}
            </span>
          </span>
          <AboutButton />
          <Button icon={<KeyOutlined />} onClick={openChangePassword}>
            修改密码
          </Button>
          <Button icon={<LockOutlined />} onClick={lockScreen}>
            锁定屏幕
          </Button>
          {/* Unsaved input on screen: asks first (an Enter that reached this button by Tab included). */}
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void confirmLeave('signOut').then((leave) => leave && signOut())}
          >
            退出
          </Button>
        </Space>
      </Flex>
    </Layout.Header>
  );
}
