// 提交统筹: the residents' matters the townships escalated to the county, read from what they
// synced — the counterpart of 交办督办 (an instruction goes down, an escalated matter comes up).
// The county filters them by township and status, sees how many each township still has open,
// and sends a township a 交办 about one, through the same form as on the 交办督办 tab.
import { App, Button, Card, Flex, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import {
  MATTER_CATEGORY_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_TYPE_LABELS,
  type MatterCategory,
  type MatterStatus,
  type MatterType,
} from '../../shared/matters/matters';
import {
  COUNTY_PATHS,
  escalationListed,
  ESCALATION_STATUS_FILTER_LABELS,
  ESCALATION_STATUS_FILTERS,
  type EscalatedMatterRow,
  type EscalationStatusFilter,
  type TownshipRow,
} from '../../shared/sync/countyApi';
import { useCounty } from './countyContext';
import { formatTime } from './format';
import { IssueForm, type InstructionPrefill } from './InstructionsTab';
import { LoadError } from './LoadError';
import { useLoad } from './useLoad';

const STATUS_COLORS: Partial<Record<MatterStatus, string>> = {
  escalated: 'orange',
  replied: 'blue',
  closed: 'green',
  voided: 'default',
};

const isOpen = (row: EscalatedMatterRow) => escalationListed(row.status, 'open');
const typeLabel = (type: string) => MATTER_TYPE_LABELS[type as MatterType] ?? type;
const categoryLabel = (category: string) => MATTER_CATEGORY_LABELS[category as MatterCategory] ?? category;

/** The 交办 the county sends about an escalated matter, for the county to complete (the deadline) and send. */
export function assignmentAbout(row: EscalatedMatterRow): InstructionPrefill {
  const place = [row.villageName, `${typeLabel(row.type)} · ${categoryLabel(row.category)}`].filter(Boolean).join('，');
  return {
    title: `关于诉求 ${row.number} 的统筹办理`,
    body: [
      `${row.townshipName}于 ${row.escalatedOn} 提交统筹的群众诉求 ${row.number}（${place}），提交至${row.escalatedTo}。`,
      `提交原因：${row.escalationReason}`,
      '请会同有关部门办理，按期将办理情况反馈县级平台，并答复群众（件件有回复）。',
    ].join('\n'),
    nodeIds: [row.nodeId],
    // The 交办 points at the matter itself: the township shows it on that matter's page.
    about: { kind: 'matter', number: row.number },
  };
}

export function EscalationsTab() {
  const client = useCounty();
  const { message } = App.useApp();
  // Every minute: a township's reply arrives with its next sync.
  const escalations = useLoad(() => client.get<EscalatedMatterRow[]>(COUNTY_PATHS.escalations), 60_000);
  const townships = useLoad(() => client.get<TownshipRow[]>(COUNTY_PATHS.townships));
  const [township, setTownship] = useState<string | null>(null);
  const [status, setStatus] = useState<EscalationStatusFilter | 'all'>('all');
  const [assigning, setAssigning] = useState<EscalatedMatterRow | null>(null);

  const all = useMemo(() => escalations.data ?? [], [escalations.data]);
  const perTownship = useMemo(() => {
    const counts = new Map<string, { nodeId: string; townshipName: string; open: number }>();
    for (const row of all) {
      const count = counts.get(row.nodeId) ?? { nodeId: row.nodeId, townshipName: row.townshipName, open: 0 };
      if (isOpen(row)) count.open++;
      counts.set(row.nodeId, count);
    }
    return [...counts.values()].sort(
      (a, b) => b.open - a.open || a.townshipName.localeCompare(b.townshipName, 'zh-CN'),
    );
  }, [all]);
  const shown = all.filter(
    (row) =>
      (township === null || row.nodeId === township) &&
      escalationListed(row.status, status === 'all' ? undefined : status),
  );
  const revoked = new Set((townships.data ?? []).filter((t) => t.status === 'revoked').map((t) => t.nodeId));

  const columns: ColumnsType<EscalatedMatterRow> = [
    { title: '提交日期', dataIndex: 'escalatedOn', width: 104 },
    { title: '乡镇', dataIndex: 'townshipName', width: 96 },
    {
      title: '诉求编号',
      key: 'number',
      width: 150,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{row.number}</Typography.Text>
          {row.villageNodeId && (
            <Tooltip title={`由村级节点收集，经乡镇转报（节点 ${row.villageNodeId}）`}>
              <Tag color="purple">村级节点</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '村（社区）',
      key: 'village',
      width: 104,
      render: (_, row) =>
        row.villageName ?? (
          <Tooltip title="乡镇的村（社区）名单尚未同步到县级平台">
            <Typography.Text type="secondary">未同步村名</Typography.Text>
          </Tooltip>
        ),
    },
    {
      title: '类别',
      key: 'category',
      width: 96,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{categoryLabel(row.category)}</span>
          <Typography.Text type="secondary">{typeLabel(row.type)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '诉求内容',
      key: 'description',
      render: (_, row) => (
        <>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
            {row.description}
          </Typography.Paragraph>
          <Typography.Text type="secondary">群众：{row.residentName}</Typography.Text>
        </>
      ),
    },
    {
      title: '提交至 / 原因',
      key: 'escalation',
      width: 220,
      render: (_, row) => (
        <>
          <Typography.Text strong>{row.escalatedTo}</Typography.Text>
          <Typography.Paragraph
            type="secondary"
            style={{ margin: 0 }}
            ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
          >
            {row.escalationReason}
          </Typography.Paragraph>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 140,
      render: (_, row) => (
        <Tooltip title={statusNote(row)}>
          <Space orientation="vertical" size={0}>
            <Tag color={STATUS_COLORS[row.status]}>{MATTER_STATUS_LABELS[row.status] ?? row.status}</Tag>
            {row.closedOn ? (
              <Typography.Text type="secondary">{row.closedOn} 办结</Typography.Text>
            ) : row.repliedOn ? (
              <Typography.Text type="secondary">{row.repliedOn} 答复</Typography.Text>
            ) : null}
          </Space>
        </Tooltip>
      ),
    },
    {
      title: '交办',
      key: 'assign',
      width: 150,
      render: (_, row) => (
        <Space orientation="vertical" size={4}>
          {row.instructions.map((i) => (
            <Tooltip
              key={i.id}
              title={`${i.title}；${formatTime(i.issuedAt)} 下发${i.repliedAt ? '，乡镇已反馈' : i.acknowledgedAt ? '，乡镇已签收' : ''}`}
            >
              <Tag color={i.repliedAt ? 'green' : i.kind === 'supervise' ? 'magenta' : 'blue'}>
                {i.kind === 'supervise' ? '已督办' : '已交办'}
                {i.dueOn ? `（${i.dueOn.slice(5)}前）` : ''}
              </Tag>
            </Tooltip>
          ))}
          {revoked.has(row.nodeId) ? (
            <Tooltip title="该乡镇节点已吊销，交办无法送达">
              <Button size="small" disabled>
                交办
              </Button>
            </Tooltip>
          ) : (
            <Button
              size="small"
              onClick={() => setAssigning(row)}
              aria-label={`交办 ${row.townshipName} ${row.number}`}
            >
              交办
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="各乡镇未办结">
        <LoadError error={escalations.error} />
        {perTownship.length === 0 ? (
          <Typography.Text type="secondary">还没有乡镇提交统筹的群众诉求</Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {perTownship.map((t) => (
              <Button
                key={t.nodeId}
                type={township === t.nodeId ? 'primary' : 'default'}
                danger={t.open > 0 && township !== t.nodeId}
                aria-pressed={township === t.nodeId}
                onClick={() => setTownship(township === t.nodeId ? null : t.nodeId)}
              >
                {t.townshipName}：未办结 {t.open} 件
              </Button>
            ))}
          </Flex>
        )}
      </Card>
      <Card
        size="small"
        title="提交统筹的群众诉求"
        extra={
          <Button size="small" onClick={() => void escalations.reload()} loading={escalations.loading}>
            刷新
          </Button>
        }
      >
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label="乡镇"
            style={{ width: 180 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部乡镇"
            value={township ?? undefined}
            onChange={(value: string | undefined) => setTownship(value ?? null)}
            options={perTownship.map((t) => ({ value: t.nodeId, label: t.townshipName }))}
          />
          <Select
            aria-label="状态"
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: '全部状态' },
              ...ESCALATION_STATUS_FILTERS.map((s) => ({ value: s, label: ESCALATION_STATUS_FILTER_LABELS[s] })),
            ]}
          />
          <Typography.Text type="secondary">
            共 {shown.length} 件。乡镇每次同步后更新；只列出跟进所需的信息（群众姓名，不含证件号码、电话）。
          </Typography.Text>
        </Flex>
        <Table<EscalatedMatterRow>
          rowKey={(row) => `${row.nodeId}/${row.matterId}`}
          size="small"
          bordered
          tableLayout="fixed"
          columns={columns}
          dataSource={shown}
          loading={escalations.loading && !escalations.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1180 }}
          locale={{ emptyText: all.length ? '没有符合条件的诉求' : '还没有乡镇提交统筹的群众诉求' }}
        />
      </Card>
      <Modal
        open={assigning !== null}
        title={assigning ? `交办：${assigning.townshipName} ${assigning.number}` : ''}
        footer={null}
        width={820}
        style={{ top: 24 }}
        destroyOnHidden
        onCancel={() => setAssigning(null)}
      >
        {assigning && (
          <IssueForm
            townships={townships.data ?? []}
            assignments={[]}
            prefill={assignmentAbout(assigning)}
            onIssued={(instruction) => {
              setAssigning(null);
              void message.success(`已向${assigning.townshipName}下发交办“${instruction.title}”，乡镇下次联系时收到`);
              void escalations.reload();
            }}
          />
        )}
      </Modal>
    </Space>
  );
}

function statusNote(row: EscalatedMatterRow): string {
  const parts = [`乡镇最近更新：${formatTime(row.changedAt)}`];
  if (row.reply) parts.push(`答复：${row.reply}`);
  if (row.voidedOn) parts.push(`${row.voidedOn} 作废`);
  return parts.join('；');
}
