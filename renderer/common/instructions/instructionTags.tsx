// The tags of a county instruction: its kind (交办/督办), its state, and its deadline in colour.
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { InstructionRecord } from '../../../shared/sync/api';
import { INSTRUCTION_KIND_LABELS, type InstructionKind } from '../../../shared/sync/protocol';
import { chineseDate } from '../dates';

/** 督办 chases an overdue matter: it is the louder of the two. */
const KIND_COLOURS: Record<InstructionKind, string> = { assign: 'blue', supervise: 'magenta' };

export function InstructionKindTag({ kind }: { kind: InstructionKind }) {
  return <Tag color={KIND_COLOURS[kind]}>{INSTRUCTION_KIND_LABELS[kind]}</Tag>;
}

const STATES: Record<InstructionRecord['state'], { label: string; colour: string }> = {
  new: { label: '待签收', colour: 'red' },
  acknowledged: { label: '已签收，待反馈', colour: 'gold' },
  replied: { label: '已反馈', colour: 'green' },
};

export function InstructionStateTag({ state }: { state: InstructionRecord['state'] }) {
  return <Tag color={STATES[state].colour}>{STATES[state].label}</Tag>;
}

/** Days from `today` to `dueOn` (both `YYYY-MM-DD`), negative once overdue. */
export function daysLeft(dueOn: string, today: string): number {
  return dayjs(dueOn).diff(dayjs(today), 'day');
}

/**
 * 10月12日 with 剩5天 (green), 剩2天 / 今日到期 (gold, orange) or 已超期3天 (red); once the
 * township has replied the date is shown plain: the county judges it from the reply.
 */
export function DueTag({ dueOn, today, closed }: { dueOn: string | null; today: string; closed: boolean }) {
  if (!dueOn) return <span>不设期限</span>;
  const date = chineseDate(dueOn);
  if (closed) return <span>{date}</span>;
  const left = daysLeft(dueOn, today);
  const [colour, text] =
    left < 0
      ? ['red', `已超期${-left}天`]
      : left === 0
        ? ['orange', '今日到期']
        : left <= 3
          ? ['gold', `剩${left}天`]
          : ['green', `剩${left}天`];
  return (
    <Tooltip title={`期限：${date}`}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {dayjs(dueOn).year() === dayjs(today).year() ? dayjs(dueOn).format('M月D日') : date}{' '}
        <Tag color={colour}>{text}</Tag>
      </span>
    </Tooltip>
  );
}
