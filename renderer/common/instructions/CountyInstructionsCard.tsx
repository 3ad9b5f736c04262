// On a record's page (a residents' matter, a petition, a dispute, a counter case): the county's
// 交办 and 督办 about this very record — the county names it by its number and the township finds
// it in its own tables (electron/backend/sync/instructionRecords.ts). Kind, title, deadline, the
// township's acknowledgement and reply, and the way to where they are given (县级交办督办).
// Nothing is shown for a record the county has sent nothing about.
import { Card, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { INSTRUCTIONS_ABOUT_PROCEDURE, type InstructionRecord } from '../../../shared/sync/api';
import type { InstructionRecordKind } from '../../../shared/sync/instructionAbout';
import { INSTRUCTION_KIND_LABELS } from '../../../shared/sync/protocol';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { href, paths } from '../router';
import { useSession } from '../session';
import { minuteTime } from '../dates';
import { useToday } from '../useToday';
import { usePolledQuery } from '../usePolledQuery';
import { onInstructionsChanged } from './instructionEvents';
import { DueTag, InstructionKindTag, InstructionStateTag } from './instructionTags';

export function CountyInstructionsCard({ kind, id }: { kind: InstructionRecordKind; id: string }) {
  const { screenLocked } = useSession();
  const today = useToday();
  // A minute is soon enough: what comes down arrives with a sync, every 15 minutes by default.
  const list = usePolledQuery(INSTRUCTIONS_ABOUT_PROCEDURE[kind], { id }, () => 60_000, !screenLocked);
  useEffect(() => onInstructionsChanged(list.refresh), [list.refresh]);
  const records = list.data?.instructions ?? [];
  if (records.length === 0) return null;
  const waiting = records.filter((r) => r.state === 'new').length;

  return (
    <Card
      size="small"
      title={`县级交办督办（${records.length} 件）`}
      aria-label="县级平台关于本件的交办督办"
      style={waiting > 0 ? { borderColor: '#ff4d4f' } : undefined}
      extra={<Typography.Link href={href(paths.sync('instructions'))}>到“县级交办督办”签收、反馈</Typography.Link>}
    >
      <Flex vertical gap={10}>
        {records.map((r) => (
          <InstructionLine key={r.instruction.id} record={r} today={today} />
        ))}
      </Flex>
    </Card>
  );
}

function InstructionLine({ record: r, today }: { record: InstructionRecord; today: string }) {
  return (
    <Flex
      vertical
      gap={2}
      role="group"
      aria-label={`${INSTRUCTION_KIND_LABELS[r.instruction.kind]}：${r.instruction.title}`}
    >
      <Flex gap={8} align="center" wrap>
        <InstructionKindTag kind={r.instruction.kind} />
        <Typography.Text strong>{r.instruction.title}</Typography.Text>
        <InstructionStateTag state={r.state} />
        <DueTag dueOn={r.instruction.dueOn} today={today} closed={r.state === 'replied'} />
      </Flex>
      <Typography.Text type="secondary">
        {r.instruction.issuedBy} 于 {minuteTime(r.instruction.issuedAt)} 下发，由
        {ROLE_LABELS[r.instruction.responsibleRole]}签收、反馈
        {r.acknowledgedAt ? `；${minuteTime(r.acknowledgedAt)} ${r.acknowledgedBy ?? ''} 签收` : ''}
        {r.repliedAt ? `；${minuteTime(r.repliedAt)} ${r.repliedBy ?? ''} 反馈：${r.reply ?? ''}` : ''}
      </Typography.Text>
    </Flex>
  );
}
