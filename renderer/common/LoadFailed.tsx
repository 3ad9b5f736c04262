import { Button, Result } from 'antd';
import type { ApiCallError } from '../api/client';

interface Props {
  error: ApiCallError;
  /** What was being loaded, e.g. “居民信息”. */
  what: string;
  onRetry?: () => void;
}

/** Never a blank page: what failed, the backend's reason, and a way to try again. */
export function LoadFailed({ error, what, onRetry }: Props) {
  const notFound = error.code === 'NOT_FOUND';
  const forbidden = error.code === 'FORBIDDEN';
  return (
    <Result
      status={notFound ? '404' : forbidden ? '403' : 'error'}
      title={notFound ? `找不到${what}` : forbidden ? `您没有查看${what}的权限` : `${what}没有加载出来`}
      subTitle={error.message}
      extra={
        onRetry && !notFound && !forbidden ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
