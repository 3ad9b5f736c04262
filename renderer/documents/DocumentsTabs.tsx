import { Tabs, Typography } from 'antd';
import { navigate, paths } from '../common/router';

/** The documents section: the archive and the verification screen, each its own route. */
export function DocumentsTabs({ active }: { active: 'archive' | 'verify' }) {
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        文书
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key === 'verify' ? paths.verifyDocument : paths.documents)}
        items={[
          { key: 'archive', label: '文书存档' },
          { key: 'verify', label: '核验文书' },
        ]}
      />
    </>
  );
}
