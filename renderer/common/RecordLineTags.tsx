// A record of any desk as one line of a list that spans the desks (the one search, a
// resident's history): its status and how close its deadline is, coloured as on its own desk.
import { Tag, Tooltip } from 'antd';
import type { LineDeadline, RecordLine } from '../../shared/search/api';
import { scopesOf } from '../../shared/workflow/access';
import { recordAccess } from '../../shared/api/records';
import type { Role } from '../../shared/auth/roles';
import { chineseDate } from './dates';
import { DEADLINE_TAG_COLOURS, DeadlineTag, ProvisionalMark } from './DeadlineTag';
import { paths } from './router';

/** 剩余12天 / 今日到期 / 已超期3天. */
function daysLeftText(daysLeft: number): string {
  if (daysLeft < 0) return `已超期${-daysLeft}天`;
  if (daysLeft === 0) return '今日到期';
  return `剩余${daysLeft}天`;
}

/** A case's working days through the common DeadlineTag; a dispute's norm or a petition's period in days. */
export function LineDeadlineTag({ deadline }: { deadline: LineDeadline | null }) {
  if (!deadline) return null;
  if (deadline.unit === 'workingDays') return <DeadlineTag deadline={deadline.state} paused={deadline.paused} />;
  return (
    <>
      <Tooltip title={`${deadline.label}至${chineseDate(deadline.dueOn)}`}>
        <Tag color={DEADLINE_TAG_COLOURS[deadline.colour]}>
          {`${deadline.label} ${daysLeftText(deadline.daysLeft)}`}
        </Tag>
      </Tooltip>
      <ProvisionalMark provisional={deadline.provisional} />
    </>
  );
}

export function LineStatusTag({ line }: { line: Pick<RecordLine, 'statusLabel' | 'closed'> }) {
  return <Tag color={line.closed ? 'default' : 'processing'}>{line.statusLabel}</Tag>;
}

/** Whether a user with `roles` reads counter cases at all (an errand then opens its case). */
export function readsCases(roles: readonly Role[]): boolean {
  return scopesOf(recordAccess.counterCase.read, { roles }).length > 0;
}

/**
 * Where a line opens: the record's page. An errand has no page of its own: the case it became
 * for those who read cases, else the errands the user works with.
 */
export function linePath(line: Pick<RecordLine, 'kind' | 'id' | 'caseId'>, roles: readonly Role[]): string {
  switch (line.kind) {
    case 'counterCase':
      return paths.counterCase(line.id);
    case 'dispute':
      return paths.dispute(line.id);
    case 'petition':
      return paths.petition(line.id);
    case 'errand':
      return line.caseId && readsCases(roles) ? paths.counterCase(line.caseId) : paths.errands();
  }
}
