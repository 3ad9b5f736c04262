import { Flex, Tag, Typography } from 'antd';
import { useQuery } from '../../api/useQuery';
import { href, paths } from '../../common/router';
import { useToday } from '../../common/useToday';

/**
 * On the home page's 统计 card: the cases overdue today, from the statistics of the running month
 * — by the one definition (shared/counter/overdue.ts) the same number the worklist shows red.
 */
export function OverdueToday() {
  const today = useToday();
  const summary = useQuery('counter.summary', { period: today.slice(0, 7) });
  if (summary.error) {
    return (
      <Typography.Paragraph type="secondary">
        今日超期件数暂时没有加载出来：{summary.error.message}
      </Typography.Paragraph>
    );
  }
  if (!summary.data) return null;
  const { overdue } = summary.data;
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">窗口办件：</Typography.Text>
      <a href={href(paths.statistics())} aria-label={`今日在办超期 ${overdue} 件，打开统计报表`}>
        <Tag color={overdue > 0 ? 'red' : 'default'} style={{ cursor: 'pointer' }}>
          {`今日在办超期 ${overdue} 件`}
        </Tag>
      </a>
    </Flex>
  );
}
