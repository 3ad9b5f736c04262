import { Tag, Tooltip } from 'antd';
import type { CaseSummary } from '../../shared/counter/casesApi';
import { DEADLINE_COLOUR_LABELS, type DeadlineColour } from '../../shared/counter/deadline';
import { chineseDate } from './dates';

export type Deadline = NonNullable<CaseSummary['deadline']>;

/** How the lists' red/yellow/green filters name each colour (mediation's norm, petitions' deadlines). */
export const COLOUR_FILTER_LABELS: Record<DeadlineColour, string> = {
  green: '正常',
  yellow: '临近期限',
  red: '已超期',
};

/** antd's preset tag colours for the warning. */
export const DEADLINE_TAG_COLOURS: Record<DeadlineColour, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** 剩余3个工作日 / 今日到期 / 已超期2个工作日 / 暂停计时中 / 不设承诺时限. */
export function deadlineText(deadline: Deadline, paused: boolean): string {
  if (paused) return '暂停计时中';
  const left = deadline.workingDaysLeft;
  if (deadline.dueDate === null || left === null) return '不设承诺时限';
  if (deadline.colour === 'red' || left < 0) return left < 0 ? `已超期${-left}个工作日` : '已超期';
  if (left === 0) return '今日到期';
  return `剩余${left}个工作日`;
}

/** Why a date says 暂定: the same words wherever a deadline falls in a provisional year. */
export const PROVISIONAL_NOTE = '该年国务院节假日安排尚未导入，期限按法定节假日暂定计算，正式安排导入后重算';

/** The 暂定 mark beside a deadline computed on a provisional year. */
export function ProvisionalMark({ provisional }: { provisional: boolean }) {
  if (!provisional) return null;
  return (
    <Tooltip title={PROVISIONAL_NOTE}>
      <Tag color="orange" bordered={false}>
        暂定
      </Tag>
    </Tooltip>
  );
}

/** The green / yellow / red warning of an open case; nothing for a closed one. */
export function DeadlineTag({ deadline, paused = false }: { deadline: Deadline | null; paused?: boolean }) {
  if (!deadline) return null;
  const due = deadline.dueDate ? `应于${chineseDate(deadline.dueDate)}前办结` : '该事项不设承诺时限';
  const title = paused
    ? `暂停期间不计入办理时限；若今日恢复计时，${due}`
    : `${DEADLINE_COLOUR_LABELS[deadline.colour]}：${due}`;
  return (
    <>
      <Tooltip title={title}>
        <Tag color={DEADLINE_TAG_COLOURS[deadline.colour]}>{deadlineText(deadline, paused)}</Tag>
      </Tooltip>
      <ProvisionalMark provisional={deadline.provisional} />
    </>
  );
}
