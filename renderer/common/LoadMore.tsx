import { Alert, Button, Flex, Typography } from 'antd';
import type { PagedLog } from './usePagedLog';

/** Under a log table: the next page, the end, or why the page did not load. */
export function LoadMore<T>({ log }: { log: PagedLog<T> }) {
  if (log.error) {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginTop: 12 }}
        title="没有加载出来"
        description={log.error.message}
        action={<Button onClick={log.loadMore}>重试</Button>}
      />
    );
  }
  return (
    <Flex justify="center" style={{ marginTop: 12 }}>
      {log.hasMore ? (
        <Button onClick={log.loadMore} loading={log.loading}>
          加载更多
        </Button>
      ) : (
        log.items.length > 0 && <Typography.Text type="secondary">已经到底，共 {log.items.length} 条</Typography.Text>
      )}
    </Flex>
  );
}
