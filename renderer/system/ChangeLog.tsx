import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ChangeEntry } from '../../shared/audit/api';
import { call } from '../api/client';
import { entityLabel, opLabel } from '../../shared/audit/labels';
import { PagedTable, timeColumn } from '../common/PagedTable';
import { PAGE_SIZE, usePagedLog } from '../common/usePagedLog';

const columns: ColumnsType<ChangeEntry> = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
  timeColumn<ChangeEntry>('时间', 'at'),
  { title: '操作人', dataIndex: 'actorName', key: 'actorName', width: 120 },
  { title: '对象', dataIndex: 'entity', key: 'entity', width: 110, render: entityLabel },
  { title: '操作', dataIndex: 'op', key: 'op', width: 100, render: opLabel },
  {
    title: '对象编号',
    dataIndex: 'entityId',
    key: 'entityId',
    render: (id: string) => (
      <Typography.Text code copyable={{ text: id, tooltips: ['复制', '已复制'] }}>
        {id.slice(-12)}
      </Typography.Text>
    ),
  },
];

/** Every write, newest first: the audit trail and the source of upward sync. Rows expand to the data written. */
export function ChangeLog() {
  const log = usePagedLog<ChangeEntry>('all', (last) =>
    call('audit.changes', { limit: PAGE_SIZE, ...(last ? { beforeSeq: last.seq } : {}) }),
  );
  return (
    <PagedTable<ChangeEntry>
      rowKey="seq"
      columns={columns}
      log={log}
      emptyText="没有记录"
      expandable={{
        expandedRowRender: (entry) => (
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 13 }}>
            {JSON.stringify(entry.data, null, 2)}
          </pre>
        ),
        rowExpandable: (entry) => entry.data !== undefined && entry.data !== null,
      }}
    />
  );
}
