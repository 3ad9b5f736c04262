import { Button, Result } from 'antd';

export function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Result
      status="error"
      title="乡镇一站通暂时无法使用"
      subTitle={message}
      extra={
        <Button type="primary" onClick={onRetry} autoFocus>
          重试
        </Button>
      }
    />
  );
}
