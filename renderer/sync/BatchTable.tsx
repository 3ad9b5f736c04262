import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SyncBatchRecord } from '../../shared/sync/api';
import { minuteTime } from '../common/dates';
import { formatBytes } from '../common/formatBytes';

const VIA_LABELS: Record<NonNullable<SyncBatchRecord['via']>, string> = { link: '网络', file: 'U 盘' };

/** 批次记录: each sealed batch, when it was made, sent and confirmed by the county, and how. */
export function BatchTable({ batches }: { batches: readonly SyncBatchRecord[] }) {
  const columns: ColumnsType<SyncBatchRecord> = [
    {
      title: '序号范围',
      key: 'range',
      render: (_, b) => (b.first === b.last ? `${b.first}` : `${b.first}–${b.last}`),
    },
    { title: '条目', dataIndex: 'entries', key: 'entries', align: 'right' },
    { title: '字节', key: 'bytes', align: 'right', render: (_, b) => formatBytes(b.bytes) },
    { title: '生成', key: 'createdAt', render: (_, b) => minuteTime(b.createdAt) },
    {
      title: '发送',
      key: 'sentAt',
      render: (_, b) => (b.sentAt ? minuteTime(b.sentAt) : <Typography.Text type="secondary">未发送</Typography.Text>),
    },
    {
      title: '确认',
      key: 'acknowledgedAt',
      render: (_, b) => (b.acknowledgedAt ? minuteTime(b.acknowledgedAt) : <Tag color="gold">待确认</Tag>),
    },
    {
      title: '方式',
      key: 'via',
      render: (_, b) => (b.via ? VIA_LABELS[b.via] : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];
  return (
    <Table<SyncBatchRecord>
      rowKey={(b) => `${b.first}-${b.hash}`}
      columns={columns}
      dataSource={batches as SyncBatchRecord[]}
      pagination={batches.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      size="small"
      locale={{ emptyText: '还没有生成过批次' }}
    />
  );
}
