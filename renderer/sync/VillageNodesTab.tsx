import { ExportOutlined, FileAddOutlined, ReloadOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { SYNC_ADMINS } from '../../shared/sync/api';
import { VILLAGE_NODE_STATUS_LABELS, type VillageNodeRecord } from '../../shared/sync/villageNodesApi';
import { call, errorMessage } from '../api/client';
import { minuteTime } from '../common/dates';
import { downloadFile } from '../common/fileDownload';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { useHasRole, useSession } from '../common/session';
import { usePolledQuery } from '../common/usePolledQuery';
import { HallNetworkLink, IssueVillageFileDialog } from './IssueVillageFileDialog';
import { RetireVillageNodeDialog } from './RetireVillageNodeDialog';
import { VillageFileImport } from './VillageFileImport';

/** Last contacts move as villages sync: read again every 15 seconds while the page is open. */
const POLL_MS = 15_000;

/** Entries the township received from the node but has not merged into its own records. */
const notTakenIn = (node: VillageNodeRecord) => Math.max(0, node.receivedThrough - node.takenInThrough);

/**
 * 村级节点: the township's village nodes (a village committee's PC, an agent's laptop), each
 * enrolled with a file issued here and syncing through the hall's 大厅网络 (or U 盘 files): when
 * it last reached the township, how many of its entries arrived and how many were merged into
 * the township's records (a gap is a warning: the log says why). The administrator issues the
 * files, carries USB files both ways and retires a node; a leader may look.
 */
export function VillageNodesTab() {
  const { screenLocked } = useSession();
  const isAdmin = useHasRole(SYNC_ADMINS);
  const { modal } = App.useApp();
  const list = usePolledQuery('villageNodes.list', {}, () => POLL_MS, !screenLocked);
  const [issuing, setIssuing] = useState(false);
  const [retiring, setRetiring] = useState<VillageNodeRecord | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);

  if (!list.data) {
    return list.error ? <LoadFailed error={list.error} what="村级节点" onRetry={list.refresh} /> : <Loading />;
  }
  const { nodes, lanUrl } = list.data;
  const names = new Map(nodes.map((n) => [n.id, `${n.villageName} · ${n.name}`]));
  const behind = nodes.filter((n) => notTakenIn(n) > 0);

  async function exportReply(node: VillageNodeRecord) {
    setExporting(node.id);
    try {
      const file = await call('villageNodes.replyFile', { id: node.id });
      downloadFile(file.fileUrl);
      modal.success({
        title: '回执文件已导出',
        content: `“${file.fileName}”已开始下载：请拷贝到 U 盘带回${node.villageName}，在村里电脑的“同步 → 导入回执文件”导入。`,
      });
    } catch (error) {
      modal.error({ title: '没有导出', content: errorMessage(error) });
    } finally {
      setExporting(null);
    }
  }

  const columns: ColumnsType<VillageNodeRecord> = [
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', width: 110 },
    { title: '节点名称', dataIndex: 'name', key: 'name' },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, node) =>
        node.status === 'active' ? (
          <Tag color="green">{VILLAGE_NODE_STATUS_LABELS.active}</Tag>
        ) : (
          <Flex vertical gap={2} align="flex-start">
            <Tag>{VILLAGE_NODE_STATUS_LABELS.retired}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {minuteTime(node.retiredAt)}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: '登记',
      key: 'registered',
      width: 90,
      render: (_, node) => (node.registered ? <Tag color="green">已登记</Tag> : <Tag color="gold">未登记</Tag>),
    },
    {
      title: '最近联系',
      key: 'lastContact',
      width: 150,
      render: (_, node) =>
        node.lastContactAt ? minuteTime(node.lastContactAt) : <Typography.Text type="secondary">从未</Typography.Text>,
    },
    {
      title: '记录',
      key: 'entries',
      width: 220,
      render: (_, node) => {
        const gap = notTakenIn(node);
        return (
          <Flex vertical gap={2}>
            <span>
              已接收 {node.receivedThrough} 条 · 已并入 {node.takenInThrough} 条
            </span>
            {gap > 0 && (
              <Typography.Text type="warning">
                <WarningOutlined /> 尚有 {gap} 条未并入
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: '发放',
      key: 'created',
      width: 140,
      render: (_, node) => (
        <Flex vertical>
          <span>{minuteTime(node.createdAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {node.createdByName}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, node) =>
        node.status === 'active' && (
          <Flex gap={6} wrap>
            {node.registered && (
              <Button
                size="small"
                icon={<ExportOutlined />}
                loading={exporting === node.id}
                aria-label={`导出给“${node.name}”的回执文件（U 盘）`}
                onClick={() => void exportReply(node)}
              >
                回执文件
              </Button>
            )}
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              aria-label={`停用“${node.name}”`}
              onClick={() => setRetiring(node)}
            >
              停用
            </Button>
          </Flex>
        ),
    });
  }

  return (
    <Flex vertical gap={16}>
      {list.error && <Alert type="warning" showIcon title={`村级节点没有刷新：${list.error.message}`} />}
      {lanUrl === null ? (
        <Alert
          type="warning"
          showIcon
          title="大厅网络未开放"
          description="村级节点经大厅网络与乡镇同步，入网文件要写明它的地址和证书：发放入网文件前，请先开放大厅网络（没有网络的村以后可改用 U 盘文件）。"
          action={isAdmin && <HallNetworkLink />}
        />
      ) : (
        <Typography.Text type="secondary">
          村级节点经大厅网络（{lanUrl}）与乡镇同步；没有网络的村用 U 盘带同步文件来导入，再把回执文件带回。
        </Typography.Text>
      )}
      {behind.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="有村里发来的记录尚未并入乡镇"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {behind.map((n) => (
                <li key={n.id}>
                  {n.villageName} · {n.name}：已接收 {n.receivedThrough} 条，已并入 {n.takenInThrough} 条，尚有{' '}
                  {notTakenIn(n)} 条未并入（原因见系统日志；下次同步时再试）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {isAdmin ? (
        <Flex gap={8} wrap align="center">
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setIssuing(true)}>
            发放入网文件
          </Button>
          <VillageFileImport names={names} onDone={list.refresh} />
          <Button icon={<ReloadOutlined />} onClick={list.refresh}>
            刷新
          </Button>
        </Flex>
      ) : (
        <Typography.Text type="secondary">村级节点由系统管理员管理，这里可以查看。</Typography.Text>
      )}
      <Table<VillageNodeRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={nodes}
        pagination={nodes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: '还没有为村（社区）发放过入网文件' }}
      />
      <IssueVillageFileDialog open={issuing} nodes={nodes} onClose={() => setIssuing(false)} onDone={list.refresh} />
      <RetireVillageNodeDialog node={retiring} onClose={() => setRetiring(null)} onDone={list.refresh} />
    </Flex>
  );
}
