import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { COUNTY_PATHS, type RejectionRow, type TownshipRow } from '../../shared/sync/countyApi';
import { SYNC_REJECT_LABELS, type SyncRejectCode } from '../../shared/sync/protocol';
import { useCounty } from './countyContext';
import { formatBytes, formatTime } from './format';
import { LoadError } from './LoadError';
import { useLoad } from './useLoad';

const KIND_LABELS: Record<string, string> = {
  batch: '变更批次',
  file: '附件',
  registration: '入网登记',
  rotation: '密钥更换',
  state: '进度查询',
  // Refusals from one address beyond its share of the log, counted and summed up in one row.
  suppressed: '限流汇总',
};

/** Everything the hub refused, newest first, with its reason: the county's first stop when a township says "it did not go". */
export function RejectionsTab() {
  const client = useCounty();
  const rejections = useLoad(() => client.get<RejectionRow[]>(COUNTY_PATHS.rejections));
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships));
  const names = useMemo(() => new Map((townships.data ?? []).map((t) => [t.nodeId, t.townshipName])), [townships.data]);

  const columns: ColumnsType<RejectionRow> = [
    { title: '时间', dataIndex: 'at', render: (at: string) => formatTime(at, true) },
    {
      title: '乡镇',
      dataIndex: 'nodeId',
      render: (id: string | null) =>
        id ? (names.get(id) ?? id) : <Typography.Text type="secondary">不明</Typography.Text>,
    },
    { title: '内容', dataIndex: 'kind', render: (kind: string | null) => (kind ? (KIND_LABELS[kind] ?? kind) : '—') },
    {
      title: '原因',
      dataIndex: 'code',
      render: (code: string) => <Tag color="red">{SYNC_REJECT_LABELS[code as SyncRejectCode] ?? code}</Tag>,
    },
    { title: '详情', dataIndex: 'reason' },
    {
      title: '条目范围',
      key: 'range',
      render: (_, row) => (row.first !== null && row.last !== null ? `${row.first}–${row.last}` : '—'),
    },
    { title: '大小', dataIndex: 'bytes', align: 'right', render: (bytes: number | null) => formatBytes(bytes) },
    {
      title: '途径',
      dataIndex: 'via',
      render: (via: string) => (via === 'file' ? 'U盘文件' : via === 'link' ? '网络' : via),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button onClick={() => void rejections.reload()} loading={rejections.loading}>
          刷新
        </Button>
      </Flex>
      <LoadError error={rejections.error} />
      <Table<RejectionRow>
        rowKey={(row) => row.id ?? `${row.at}/${row.nodeId ?? ''}/${row.code}/${row.first ?? ''}/${row.reason}`}
        size="small"
        columns={columns}
        dataSource={rejections.data ?? []}
        loading={rejections.loading && !rejections.data}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有拒收记录' }}
      />
    </>
  );
}
