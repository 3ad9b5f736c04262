// The tags a petition carries in lists and on its page: its status, the deadline running and the
// flags the statistics count (集体访, 重复访, 越级访).
import { Tag, Tooltip } from 'antd';
import type { PetitionSummary } from '../../shared/petitions/api';
import { PERIOD_SHORT_LABELS, PETITION_WARNING_DAYS } from '../../shared/petitions/periods';
import { PETITION_STATUS_LABELS, SKIPPED_LEVEL_LABELS, type PetitionStatus } from '../../shared/petitions/petitions';
import { DEADLINE_TAG_COLOURS, ProvisionalMark } from '../common/DeadlineTag';
import { chineseDate } from '../common/dates';

const STATUS_COLOURS: Record<PetitionStatus, string> = {
  registered: 'orange',
  accepted: 'processing',
  notAccepted: 'default',
  replied: 'cyan',
  underReview: 'purple',
  reviewed: 'cyan',
  underReReview: 'purple',
  reReviewed: 'cyan',
  closed: 'default',
};

export function PetitionStatusTag({ status }: { status: PetitionStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{PETITION_STATUS_LABELS[status]}</Tag>;
}

export type PetitionDeadlineState = NonNullable<PetitionSummary['deadline']>;

/** 剩余12天 / 今日到期 / 已超期3天. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft < 0) return `已超期${-daysLeft}天`;
  if (daysLeft === 0) return '今日到期';
  return `剩余${daysLeft}天`;
}

/** 办理期限 2026年8月4日 剩余60天, green / yellow (five days left) / red. */
export function PetitionDeadlineTag({ deadline }: { deadline: PetitionDeadlineState | null }) {
  if (!deadline) return null;
  const period = PERIOD_SHORT_LABELS[deadline.period];
  return (
    <Tooltip
      title={`${period}至${chineseDate(deadline.dueOn)}；剩余${PETITION_WARNING_DAYS}天起显示黄色，超期显示红色`}
    >
      <span>
        <Tag color={DEADLINE_TAG_COLOURS[deadline.colour]}>
          {`${period} ${chineseDate(deadline.dueOn)} ${daysLeftText(deadline.daysLeft)}`}
        </Tag>
        <ProvisionalMark provisional={deadline.provisional} />
      </span>
    </Tooltip>
  );
}

/** 集体访, 重复访, 越级到县 …: nothing when the petition carries none. */
export function PetitionFlags({
  petition,
}: {
  petition: Pick<PetitionSummary, 'groupVisit' | 'repeat' | 'skippedTo'>;
}) {
  return (
    <>
      {petition.groupVisit && <Tag color="magenta">集体访</Tag>}
      {petition.repeat && <Tag color="volcano">重复访</Tag>}
      {petition.skippedTo && (
        <Tooltip title={SKIPPED_LEVEL_LABELS[petition.skippedTo]}>
          <Tag color="red">越级访</Tag>
        </Tooltip>
      )}
    </>
  );
}
