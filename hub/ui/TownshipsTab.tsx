import { App, Button, Flex, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  COUNTY_PATHS,
  NODE_STATUS_LABELS,
  canAuthorizeReplacement,
  canExportRebuildFile,
  type TownshipRow,
} from '../../shared/sync/countyApi';
import { SUITE_GUOMI, SUITE_LABELS, SUITE_SHORT_LABELS } from '../../shared/sync/suiteIds';
import { useCounty } from './countyContext';
import { saveBlob } from './files';
import { currentMonth, formatAgo, formatTime } from './format';
import { LoadError } from './LoadError';
import { NewNodeDialog } from './NewNodeDialog';
import { ReplacementDialog } from './ReplacementDialog';
import { RevokeDialog } from './RevokeDialog';
import { useLoad } from './useLoad';

const STATUS_COLORS = { pending: 'gold', active: 'green', revoked: 'red' } as const;

export function TownshipsTab() {
  const client = useCounty();
  const { message } = App.useApp();
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships), 30_000);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TownshipRow | null>(null);
  const [replacing, setReplacing] = useState<TownshipRow | null>(null);
  const month = currentMonth();

  async function downloadRebuildFile(row: TownshipRow) {
    try {
      const { blob, fileName } = await client.download(COUNTY_PATHS.rebuildFile(row.nodeId));
      saveBlob(blob, fileName ?? `${row.townshipName}-重建文件.tdsync`);
      void townships.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '下载失败');
    }
  }

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
      title: '更换电脑',
      key: 'rebuild',
      render: (_, row) => (
        <Space direction="vertical" size={4}>
          <RebuildState township={row} />
          {canExportRebuildFile(row) && (
            <Tooltip title="新电脑没有网络时：把它的登记文件在“导入文件”中导入后，在此导出重建文件，用 U 盘带给新电脑">
              <Button size="small" onClick={() => void downloadRebuildFile(row)}>
                导出重建文件
              </Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
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
          <Button size="small" onClick={() => setReplacing(row)} disabled={!canAuthorizeReplacement(row)}>
            授权更换电脑
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
      <ReplacementDialog
        township={replacing}
        onClose={() => setReplacing(null)}
        onAuthorized={() => void townships.reload()}
      />
    </>
  );
}

/** Where a replacement PC's rebuild from the county stands: waiting, downloading, done. */
function RebuildState({ township }: { township: TownshipRow }) {
  const rebuild = township.rebuild;
  if (!rebuild) return <Typography.Text type="secondary">—</Typography.Text>;
  if (rebuild.finishedAt)
    return (
      <Tooltip title={`授权于 ${formatTime(rebuild.authorizedAt, true)}`}>
        <Tag color="green">已于 {formatTime(rebuild.finishedAt)} 重建完成</Tag>
      </Tooltip>
    );
  if (township.status === 'pending') return <Tag color="gold">已授权，待新电脑入网</Tag>;
  const total = township.appliedThrough;
  const through = rebuild.through ?? 0;
  return (
    <Space direction="vertical" size={0}>
      <Progress percent={total ? Math.floor((through / total) * 100) : 100} size="small" style={{ width: 160 }} />
      <Typography.Text type="secondary">
        变更 {through}/{total} 条，附件 {rebuild.files} 个
      </Typography.Text>
    </Space>
  );
}
