import { App, Button } from 'antd';
import type { ApiCallError } from '../api/client';
import { href, paths } from '../common/router';

/** The way out of a refused save: open the resident already registered, or load the newer version. */
export function SaveErrorAction({ error, onReload }: { error: ApiCallError | null; onReload?: () => void }) {
  const { modal } = App.useApp();
  if (error?.code === 'DUPLICATE') {
    const existing = error.details.existingResidentId;
    return typeof existing === 'string' ? <a href={href(paths.resident(existing))}>打开已登记的居民</a> : null;
  }
  if (error?.code === 'STALE' && onReload) {
    return (
      <Button
        onClick={() =>
          modal.confirm({
            title: '重新载入最新信息？',
            content: '您在这里的修改将被放弃，请在重新载入后再改一遍。',
            okText: '重新载入',
            cancelText: '取消',
            onOk: onReload,
          })
        }
      >
        重新载入最新信息
      </Button>
    );
  }
  return null;
}
