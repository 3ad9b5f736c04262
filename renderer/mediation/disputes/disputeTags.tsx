import { Tag, Tooltip } from 'antd';
import type { DisputeSummary } from '../../../shared/mediation/disputesApi';
import { DISPUTE_STATUS_LABELS, type DisputeStatus } from '../../../shared/mediation/disputes';
import { DEADLINE_TAG_COLOURS } from '../../common/DeadlineTag';
import { chineseDate } from '../../common/dates';

const STATUS_COLOURS: Record<DisputeStatus, string> = {
  registered: 'orange',
  refused: 'default',
  accepted: 'processing',
  settled: 'green',
  terminated: 'red',
  closed: 'default',
};

export function DisputeStatusTag({ status }: { status: DisputeStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{DISPUTE_STATUS_LABELS[status]}</Tag>;
}

export type Norm = NonNullable<DisputeSummary['norm']>;

/** 剩余12天 / 今日到期 / 已超期3天, and the due date (一般在一个月内调结). */
export function normText(norm: Norm): string {
  const due = `${chineseDate(norm.dueDate)}到期`;
  if (norm.daysLeft < 0) return `已超期${-norm.daysLeft}天（${due}）`;
  if (norm.daysLeft === 0) return `今日到期`;
  return `剩余${norm.daysLeft}天（${due}）`;
}

/** The one-month norm of a dispute being mediated: green, yellow (five days left) or red. */
export function NormTag({ norm }: { norm: Norm | null }) {
  if (!norm) return null;
  return (
    <Tooltip title={`一般在一个月内调结：应于${chineseDate(norm.dueDate)}前调结`}>
      <Tag color={DEADLINE_TAG_COLOURS[norm.colour]}>{normText(norm)}</Tag>
    </Tooltip>
  );
}

export function RiskTag({ risky }: { risky: boolean }) {
  return risky ? <Tag color="magenta">防激化</Tag> : null;
}
