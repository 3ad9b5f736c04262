import { CloudDownloadOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { isNewVersionAvailable } from '../../shared/updates/bridge';
import { useHasRole } from '../common/session';
import { navigate, paths } from '../common/router';
import { useUpdateStatus } from './desktopUpdates';

/** 新版本可用 in the header, for administrators in the desktop app; a click opens 系统管理 → 软件更新. */
export function UpdateHeaderTag() {
  const administrator = useHasRole(['administrator']);
  const status = useUpdateStatus();
  if (!administrator || !isNewVersionAvailable(status)) return null;
  const waiting = status!.phase === 'waitingForForms';
  return (
    <Tooltip title={waiting ? '等待未保存的内容保存或关闭后安装' : '已下载并通过县级更新签名验证，点击查看并安装'}>
      <Tag
        color={waiting ? 'gold' : 'green'}
        icon={<CloudDownloadOutlined />}
        style={{ cursor: 'pointer' }}
        role="link"
        tabIndex={0}
        data-testid="update-available"
        onClick={() => navigate(paths.system('updates'))}
        onKeyDown={(event) => {
          if (event.key === 'Enter') navigate(paths.system('updates'));
        }}
      >
        新版本可用 {status!.version}
      </Tag>
    </Tooltip>
  );
}
