import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ChangeEntry } from '../../shared/audit/api';
import { call } from '../api/client';
import { entityLabel, opLabel } from '../../shared/audit/labels';
import { LoadMore } from './LoadMore';
import { PAGE_SIZE, usePagedLog } from './usePagedLog';

const columns: ColumnsType<ChangeEntry> = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
  {
    title: '时间',
    dataIndex: 'at',
    key: 'at',
    width: 170,
    render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
  },
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
    <>
      <Table<ChangeEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={log.items}
        loading={log.loading && log.items.length === 0}
        pagination={false}
        locale={{ emptyText: '没有记录' }}
        expandable={{
          expandedRowRender: (entry) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 13 }}>
              {JSON.stringify(entry.data, null, 2)}
            </pre>
          ),
          rowExpandable: (entry) => entry.data !== undefined && entry.data !== null,
        }}
      />
      <LoadMore log={log} />
    </>
  );
}
