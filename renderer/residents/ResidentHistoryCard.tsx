// “我的件办到哪了”: everything the person brought to the township — counter cases, errands,
// disputes as a party, petitions as a petitioner or a member of a group — newest first, each
// with its status and deadline colour, and only what the viewer's role may open (the rest is
// left out; a note says which kinds the role does not see).
import { Alert, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { GROUP_LABELS, type RecordLine } from '../../shared/search/api';
import { newestFirst } from '../../shared/search/lines';
import { useQuery } from '../api/useQuery';
import { chineseDate } from '../common/dates';
import { LoadFailed } from '../common/LoadFailed';
import { LineDeadlineTag, LineStatusTag, linePath } from '../common/RecordLineTags';
import { href } from '../common/router';
import { useSession } from '../common/session';

export function ResidentHistoryCard({ residentId }: { residentId: string }) {
  const roles = useSession().info.user.roles;
  const history = useQuery('search.residentHistory', { residentId });
  const data = history.data;
  const lines = data ? [...data.cases, ...data.errands, ...data.disputes, ...data.petitions].sort(newestFirst) : [];

  const columns: TableColumnsType<RecordLine> = [
    { title: '类别', key: 'kind', width: 84, render: (_, line) => GROUP_LABELS[line.kind] },
    {
      title: '编号',
      key: 'number',
      width: 200,
      render: (_, line) => (
        <a href={href(linePath(line, roles))}>{line.number ?? (line.kind === 'errand' ? '查看代办' : '（未编号）')}</a>
      ),
    },
    { title: '事项', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '日期', key: 'on', width: 124, render: (_, line) => chineseDate(line.on) },
    { title: '状态', key: 'status', width: 150, render: (_, line) => <LineStatusTag line={line} /> },
    { title: '期限', key: 'deadline', width: 190, render: (_, line) => <LineDeadlineTag deadline={line.deadline} /> },
  ];

  return (
    <Card title="办事记录" size="small" style={{ marginTop: 16 }} aria-label="办事记录">
      {history.error ? (
        <LoadFailed error={history.error} what="办事记录" onRetry={history.reload} />
      ) : (
        <>
          <Table<RecordLine>
            rowKey={(line) => `${line.kind}-${line.id}`}
            size="small"
            columns={columns}
            dataSource={lines}
            loading={history.loading}
            pagination={lines.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: history.loading ? '正在读取……' : '没有您有权查看的办事记录' }}
          />
          {data && data.truncated.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {data.truncated.map((kind) => GROUP_LABELS[kind]).join('、')}只列出最近的 100 件
            </Typography.Text>
          )}
          {data && data.coverage.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon
              title={data.coverage.map((note) => note.note).join('；')}
            />
          )}
        </>
      )}
    </Card>
  );
}
