import { Alert, Button, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../shared/auth/roles';
import type { InstructionRecord } from '../../shared/sync/api';
import { INSTRUCTION_KIND_LABELS } from '../../shared/sync/protocol';
import { describeAbout, type InstructionRecordKind } from '../../shared/sync/instructionAbout';
import { href, paths } from '../common/router';
import { useSession } from '../common/session';
import { LoadFailed } from '../common/LoadFailed';
import { Loading } from '../common/Loading';
import { chineseDate, minuteTime } from '../common/dates';
import { useToday } from '../common/useToday';
import { onInstructionsChanged } from '../common/instructions/instructionEvents';
import { DueTag, InstructionKindTag, InstructionStateTag } from '../common/instructions/instructionTags';
import { ReplyDialog } from './ReplyDialog';
import { useAcknowledge } from './useAcknowledge';
import { usePolledQuery } from '../common/usePolledQuery';

/**
 * 县级交办督办: what the county sent down, newest first. Each desk sees the matters of its
 * roles (the administrator and the leader see all); 签收 at once, 反馈 when handled. Read
 * again every 30 seconds and whenever the banner or a sync changes them.
 */
export function InstructionsTab() {
  const { screenLocked } = useSession();
  const today = useToday();
  const [onlyOpen, setOnlyOpen] = useState(false);
  const list = usePolledQuery('instructions.list', { onlyOpen }, () => 30_000, !screenLocked);
  useEffect(() => onInstructionsChanged(list.refresh), [list.refresh]);
  const { acknowledge, busyId } = useAcknowledge();
  const [replying, setReplying] = useState<{ record: InstructionRecord; open: boolean } | null>(null);

  if (!list.data) {
    return list.error ? <LoadFailed error={list.error} what="县级交办督办事项" onRetry={list.refresh} /> : <Loading />;
  }
  const records = list.data.instructions;
  const titleOf = (id: string | null) => records.find((r) => r.instruction.id === id)?.instruction.title;

  const columns: ColumnsType<InstructionRecord> = [
    {
      title: '类型',
      key: 'kind',
      width: 72,
      render: (_, r) => <InstructionKindTag kind={r.instruction.kind} />,
    },
    {
      title: '标题',
      key: 'title',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{r.instruction.title}</Typography.Text>
          <AboutRecordLink record={r} />
        </Flex>
      ),
    },
    {
      title: '负责',
      key: 'role',
      width: 110,
      render: (_, r) => ROLE_LABELS[r.instruction.responsibleRole],
    },
    {
      title: '期限',
      key: 'dueOn',
      width: 170,
      render: (_, r) => <DueTag dueOn={r.instruction.dueOn} today={today} closed={r.state === 'replied'} />,
    },
    { title: '到达', key: 'arrivedAt', width: 135, render: (_, r) => minuteTime(r.arrivedAt) },
    {
      title: '签收',
      key: 'acknowledged',
      width: 150,
      render: (_, r) =>
        r.acknowledgedAt ? (
          <span>
            {minuteTime(r.acknowledgedAt)}
            <br />
            <Typography.Text type="secondary">{r.acknowledgedBy}</Typography.Text>
          </span>
        ) : (
          <Button
            type="primary"
            danger
            size="small"
            loading={busyId === r.instruction.id}
            aria-label={`签收“${r.instruction.title}”`}
            onClick={() => void acknowledge(r)}
          >
            签收
          </Button>
        ),
    },
    {
      title: '反馈',
      key: 'reply',
      width: 200,
      render: (_, r) =>
        r.reply !== null ? (
          <span>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.reply }} style={{ margin: 0 }}>
              {r.reply}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {minuteTime(r.repliedAt)} {r.repliedBy}
            </Typography.Text>{' '}
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              aria-label={`修改对“${r.instruction.title}”的反馈`}
              onClick={() => setReplying({ record: r, open: true })}
            >
              修改
            </Button>
          </span>
        ) : (
          // Answering acknowledges too, if nobody has yet.
          <Button
            size="small"
            aria-label={`反馈“${r.instruction.title}”`}
            onClick={() => setReplying({ record: r, open: true })}
          >
            反馈
          </Button>
        ),
    },
    { title: '状态', key: 'state', width: 125, render: (_, r) => <InstructionStateTag state={r.state} /> },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Segmented<'all' | 'open'>
          aria-label="显示范围"
          value={onlyOpen ? 'open' : 'all'}
          onChange={(value) => setOnlyOpen(value === 'open')}
          options={[
            { value: 'all', label: '全部' },
            { value: 'open', label: '未办结' },
          ]}
        />
        <Typography.Text type="secondary">
          县级平台下发的事项随同步到达；签收和反馈保存在本机，随下次同步报送县级平台。
        </Typography.Text>
      </Flex>
      {list.error && (
        <Alert type="warning" showIcon title={`列表没有刷新：${list.error.message}`} style={{ marginBottom: 0 }} />
      )}
      <Table<InstructionRecord>
        rowKey={(r) => r.instruction.id}
        columns={columns}
        dataSource={records}
        pagination={records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        size="middle"
        scroll={{ x: 1150 }}
        locale={{ emptyText: onlyOpen ? '没有未办结的交办、督办事项' : '县级平台还没有下发交办、督办事项' }}
        expandable={{
          expandedRowRender: (r) => <InstructionDetails record={r} referredTitle={titleOf(r.instruction.refersTo)} />,
        }}
      />
      <ReplyDialog
        record={replying?.record ?? null}
        open={replying?.open ?? false}
        onClose={() => setReplying((current) => current && { ...current, open: false })}
      />
    </Flex>
  );
}

function InstructionDetails({ record, referredTitle }: { record: InstructionRecord; referredTitle?: string }) {
  const { instruction } = record;
  return (
    <Flex vertical gap={4} style={{ maxWidth: 900 }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{instruction.body}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {instruction.issuedBy} 于 {minuteTime(instruction.issuedAt)} {INSTRUCTION_KIND_LABELS[instruction.kind]}
        {instruction.dueOn ? `，期限 ${chineseDate(instruction.dueOn)}` : ''}
      </Typography.Text>
      {instruction.refersTo && (
        <Typography.Text type="secondary">督办的交办事项：{referredTitle ?? instruction.refersTo}</Typography.Text>
      )}
    </Flex>
  );
}

const RECORD_PATHS: Record<InstructionRecordKind, (id: string) => string> = {
  matter: paths.matter,
  petition: paths.petition,
  dispute: paths.dispute,
  counterCase: paths.counterCase,
};

/** `关于 群众诉求 SQ-2026-000001`, a link to that record when this township has it. */
function AboutRecordLink({ record }: { record: InstructionRecord }) {
  const { about } = record.instruction;
  if (!about) return null;
  const words = `关于 ${describeAbout(about)}`;
  return record.aboutRecordId ? (
    <Typography.Link href={href(RECORD_PATHS[about.kind](record.aboutRecordId))}>{words}</Typography.Link>
  ) : (
    <Typography.Text type="secondary">{words}（未能按编号对应到本乡镇的记录）</Typography.Text>
  );
}
