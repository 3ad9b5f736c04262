import { Typography } from 'antd';
import type { SearchAnswer } from './useResidentSearch';

/** Says how the query was read and how many matched, so a clerk can tell a typo from “nobody”. */
export function SearchSummary({ answer }: { answer: SearchAnswer }) {
  const count = answer.totalIsLowerBound ? `超过 ${answer.total} 人，请输入更多关键词` : `共 ${answer.total} 人`;
  const shown =
    !answer.totalIsLowerBound && answer.total > answer.items.length
      ? `，下面列出前 ${answer.items.length} 人，可输入更多关键词缩小范围`
      : '';
  return (
    <Typography.Paragraph style={{ marginBottom: 8 }} aria-live="polite">
      <Typography.Text type="secondary">{answer.interpretedAs}：</Typography.Text>
      <Typography.Text strong>{count}</Typography.Text>
      {shown && <Typography.Text type="secondary">{shown}</Typography.Text>}
    </Typography.Paragraph>
  );
}
