import { Typography } from 'antd';
import { useQuery } from '../api/useQuery';

/**
 * One line naming the app's version and the database schema: on the sync screen, where the
 * county's staff ask for it when a township's batches look wrong.
 */
export function VersionLine() {
  const about = useQuery('about.info', {});
  if (!about.data) return null;
  return (
    <Typography.Text type="secondary" data-testid="version-line">
      程序版本 {about.data.appVersion} · 数据库结构 {about.data.schemaVersion}
    </Typography.Text>
  );
}
