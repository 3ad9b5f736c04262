// Following instructions to the end on the county page (issue 21): the counts on top of the
// 交办督办 list, which filter it, and the marks of each township's row — not acknowledged within
// 5 or within 30 minutes, late to reply, the automatic 督办 sent. Each mark is the hub's
// (hub/county.ts): the page only counts and colours them.
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { AUTO_SUPERVISION_ISSUER, type InstructionStatusRow } from '../../shared/sync/countyApi';
import { describeAbout } from '../../shared/sync/instructionAbout';
import type { Instruction } from '../../shared/sync/protocol';
import { formatTime } from './format';

export const TRACKING_FILTERS = ['all', 'late5', 'late30', 'overdue', 'auto'] as const;
export type TrackingFilter = (typeof TRACKING_FILTERS)[number];

const FILTERS: Record<TrackingFilter, { label: string; shows: (row: InstructionStatusRow) => boolean }> = {
  all: { label: '全部', shows: () => true },
  late5: { label: '5分钟内未签收', shows: (row) => row.ackWithin5Min === false },
  late30: { label: '30分钟未签收', shows: (row) => row.unacknowledgedAfter30Min },
  overdue: { label: '逾期未反馈', shows: (row) => row.replyOverdue },
  auto: { label: '已自动督办', shows: (row) => row.autoSupervision !== null },
};

export function filterRows(rows: InstructionStatusRow[], filter: TrackingFilter): InstructionStatusRow[] {
  return rows.filter(FILTERS[filter].shows);
}

/**
 * The counts, in townships (one instruction to three townships late at two counts two), each a
 * button that shows only those rows; pressed again, all.
 */
export function TrackingCounts({
  rows,
  filter,
  onFilter,
}: {
  rows: InstructionStatusRow[];
  filter: TrackingFilter;
  onFilter: (filter: TrackingFilter) => void;
}) {
  const instructions = new Set(rows.map((row) => row.instruction.id)).size;
  const waiting = rows.filter((row) => row.acknowledgedAt === null).length;
  return (
    <Flex wrap gap={8} align="center" role="group" aria-label="跟踪统计">
      <Typography.Text>
        共 {instructions} 件、{rows.length} 个乡镇次，未签收 {waiting}：
      </Typography.Text>
      {TRACKING_FILTERS.filter((f) => f !== 'all').map((f) => {
        const count = rows.filter(FILTERS[f].shows).length;
        const pressed = filter === f;
        return (
          <Button
            key={f}
            size="small"
            type={pressed ? 'primary' : 'default'}
            danger={count > 0 && f !== 'auto' && !pressed}
            aria-pressed={pressed}
            onClick={() => onFilter(pressed ? 'all' : f)}
          >
            {FILTERS[f].label}：{count}
          </Button>
        );
      })}
      {filter !== 'all' && (
        <Button size="small" type="link" onClick={() => onFilter('all')}>
          显示全部
        </Button>
      )}
    </Flex>
  );
}

/** The acknowledgement's mark: 30 minutes (never arrived, when so), 5 minutes, or in time. */
export function AcknowledgementTag({ row }: { row: InstructionStatusRow }) {
  if (row.unacknowledgedAfter30Min) {
    return row.arrivedAt === null ? (
      <Tooltip title="下发 30 分钟后仍未到达乡镇（乡镇可能断网或未同步），请电话联系">
        <Tag color="red">30分钟未签收（未到达）</Tag>
      </Tooltip>
    ) : (
      <Tag color="red">30分钟未签收</Tag>
    );
  }
  if (row.ackWithin5Min === false) return <Tag color="volcano">5分钟内未签收</Tag>;
  if (row.ackWithin5Min === true) return <Tag color="green">按时签收</Tag>;
  return null;
}

/** Late to reply, and the automatic 督办 that chased it. */
export function ReplyTags({ row }: { row: InstructionStatusRow }) {
  return (
    <>
      {row.replyOverdue && <Tag color="red">逾期未反馈</Tag>}
      {row.autoSupervision && (
        <Tooltip title={`期限过后平台自动下发的督办，${formatTime(row.autoSupervision.issuedAt)}`}>
          <Tag color="purple">已自动督办 {formatTime(row.autoSupervision.issuedAt).slice(5)}</Tag>
        </Tooltip>
      )}
    </>
  );
}

/** 自动督办 beside a 督办 the hub sent by itself. */
export function isAutomatic(instruction: Instruction): boolean {
  return instruction.kind === 'supervise' && instruction.issuedBy === AUTO_SUPERVISION_ISSUER;
}

/** `关于 群众诉求 SQ-2026-000001` under an instruction's title. */
export function AboutLine({ instruction }: { instruction: Instruction }) {
  if (!instruction.about) return null;
  return <Typography.Text type="secondary">关于 {describeAbout(instruction.about)}</Typography.Text>;
}
