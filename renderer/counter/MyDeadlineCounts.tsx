import { Typography } from 'antd';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { DeadlineCounts } from '../common/DeadlineCounts';

/** On the home page's 窗口受理 card: the clerk's own open cases by colour, linking to the worklist. */
export function MyDeadlineCounts() {
  const worklist = useQuery('counter.worklist', { mine: true });
  if (worklist.error) {
    return (
      <Typography.Paragraph type="secondary">
        本人在办件的时限预警暂时没有加载出来：{worklist.error.message}
      </Typography.Paragraph>
    );
  }
  if (!worklist.data) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
        本人受理的在办件：
      </Typography.Text>
      <a
        href={href(paths.counter)}
        aria-label="打开工作台查看本人在办件"
        style={{ display: 'block', color: 'inherit' }}
      >
        <DeadlineCounts counts={worklist.data.counts} size="small" />
      </a>
    </div>
  );
}
