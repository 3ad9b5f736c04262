import { App, Button, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { COUNTY_PATHS, NODE_STATUS_LABELS, type TownshipRow } from '../../shared/sync/countyApi';
import { SUITE_GUOMI, SUITE_LABELS, SUITE_SHORT_LABELS } from '../../shared/sync/suiteIds';
import { useCounty } from './countyContext';
import { saveBlob } from './files';
import { currentMonth, formatAgo, formatTime } from './format';
import { LoadError } from './LoadError';
import { NewNodeDialog } from './NewNodeDialog';
import { RevokeDialog } from './RevokeDialog';
import { useLoad } from './useLoad';

const STATUS_COLORS = { pending: 'gold', active: 'green', revoked: 'red' } as const;

export function TownshipsTab() {
  const client = useCounty();
  const { message } = App.useApp();
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships), 30_000);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TownshipRow | null>(null);
  const month = currentMonth();

  async function downloadReply(row: TownshipRow) {
    try {
      const { blob, fileName } = await client.download(COUNTY_PATHS.replyFile(row.nodeId));
      saveBlob(blob, fileName ?? `${row.townshipName}-回执文件.tdsync`);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '下载失败');
    }
  }

  /** Figures of another month than this one are shown with their month: stale, but not hidden. */
  const monthNote = (row: TownshipRow) =>
    row.figures && row.figures.month !== month ? (
      <Typography.Text type="secondary"> （{row.figures.month}）</Typography.Text>
    ) : null;

  const columns: ColumnsType<TownshipRow> = [
    { title: '乡镇', dataIndex: 'townshipName', fixed: 'left' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (status: TownshipRow['status']) => <Tag color={STATUS_COLORS[status]}>{NODE_STATUS_LABELS[status]}</Tag>,
    },
    {
      title: '加密算法',
      dataIndex: 'suite',
      render: (suite: TownshipRow['suite']) => (
        <Tooltip title={SUITE_LABELS[suite]}>
          <Tag color={suite === SUITE_GUOMI ? 'volcano' : 'blue'}>{SUITE_SHORT_LABELS[suite]}</Tag>
        </Tooltip>
      ),
    },
    {
      title: '最近联系',
      dataIndex: 'lastContactAt',
      render: (at: string | null) => <Tooltip title={formatTime(at, true)}>{formatAgo(at)}</Tooltip>,
    },
    { title: '已接收至', dataIndex: 'appliedThrough', align: 'right', render: (n: number) => `第 ${n} 条` },
    {
      title: '积压',
      dataIndex: 'backlog',
      align: 'right',
      render: (backlog: number | null) =>
        backlog === null ? '—' : backlog > 0 ? <Typography.Text type="warning">{backlog}</Typography.Text> : 0,
    },
    {
      title: '最近错误',
      dataIndex: 'lastError',
      render: (error: TownshipRow['lastError']) =>
        error ? (
          <Tooltip title={`${formatTime(error.at, true)} ${error.code}`}>
            <Typography.Text type="danger">{error.message}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: '本月窗口 受理/办结/逾期',
      key: 'counter',
      align: 'right',
      render: (_, row) =>
        row.figures ? (
          <>
            {row.figures.counter.received} / {row.figures.counter.completed} /{' '}
            <Typography.Text type={row.figures.counter.overdue > 0 ? 'danger' : undefined}>
              {row.figures.counter.overdue}
            </Typography.Text>
            {monthNote(row)}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '本月调解 受理/成功/成功率',
      key: 'mediation',
      align: 'right',
      render: (_, row) =>
        row.figures ? (
          <>
            {row.figures.mediation.accepted} / {row.figures.mediation.successful} /{' '}
            {row.figures.mediation.successRate === null ? '—' : `${row.figures.mediation.successRate.toFixed(1)}%`}
            {monthNote(row)}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '本月信访 件次/人次/集体访/超期',
      key: 'petitions',
      align: 'right',
      render: (_, row) =>
        row.figures?.petitions ? (
          <>
            {row.figures.petitions.received} / {row.figures.petitions.visitPeople} / {row.figures.petitions.groupVisits}{' '}
            /{' '}
            <Typography.Text type={row.figures.petitions.overdue > 0 ? 'danger' : undefined}>
              {row.figures.petitions.overdue}
            </Typography.Text>
            {monthNote(row)}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, row) => (
        <Space size="small">
          <Button size="small" onClick={() => void downloadReply(row)} disabled={row.status !== 'active'}>
            下载回执文件
          </Button>
          <Button size="small" danger onClick={() => setRevoking(row)} disabled={row.status === 'revoked'}>
            吊销
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Space>
          <Button type="primary" onClick={() => setCreating(true)}>
            新建节点
          </Button>
          <Button onClick={() => void townships.reload()} loading={townships.loading}>
            刷新
          </Button>
        </Space>
        <Typography.Text type="secondary">每 30 秒自动刷新；月度数字取自各乡镇最近一次上报</Typography.Text>
      </Flex>
      <LoadError error={townships.error} />
      <Table<TownshipRow>
        rowKey="nodeId"
        size="middle"
        columns={columns}
        dataSource={townships.data ?? []}
        loading={townships.loading && !townships.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '还没有乡镇节点：请点“新建节点”为乡镇生成入网文件' }}
      />
      <NewNodeDialog open={creating} onClose={() => setCreating(false)} onCreated={() => void townships.reload()} />
      <RevokeDialog township={revoking} onClose={() => setRevoking(null)} onRevoked={() => void townships.reload()} />
    </>
  );
}
