import { Alert, Button, Flex, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { INSTRUCTION_KIND_LABELS } from '../../shared/sync/protocol';
import { href, paths, type Route } from '../common/router';
import { useSession } from '../common/session';
import { chineseDate } from '../common/dates';
import { minutesSince, minutesText } from './format';
import { onInstructionsChanged } from '../common/instructions/instructionEvents';
import { useAcknowledge } from './useAcknowledge';
import { usePolledQuery } from '../common/usePolledQuery';
import { isResponsibleFor, type InstructionRecord } from '../../shared/sync/api';

/** More than this many waiting: the rest are counted, not listed. */
const SHOWN = 3;

/**
 * Above every page, for each signed-in user: the county's instructions addressed to one of the
 * user's roles that nobody has acknowledged yet, in red, with the minutes since they arrived
 * (the county watches the 5- and 30-minute marks) and 签收 right there. Read every 30
 * seconds and when the window regains focus.
 */
export function InstructionsBanner({ route }: { route: Route }) {
  const { info, screenLocked } = useSession();
  const list = usePolledQuery('instructions.list', { onlyOpen: true }, () => 30_000, !screenLocked);
  useEffect(() => onInstructionsChanged(list.refresh), [list.refresh]);
  const now = useNow(15_000);
  const { acknowledge, busyId } = useAcknowledge();

  const roles = info.user.roles;
  const waiting = (list.data?.instructions ?? [])
    .filter((r) => r.state === 'new' && isResponsibleFor(roles, r.instruction.responsibleRole))
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));
  if (waiting.length === 0) return null;
  const onList = route.page === 'sync' && route.tab === 'instructions';
  const rest = waiting.length - SHOWN;

  return (
    <section aria-label="待签收的县级交办督办事项" style={{ marginBottom: 16 }}>
      <Flex vertical gap={8}>
        {waiting.slice(0, SHOWN).map((record) => (
          <WaitingInstruction
            key={record.instruction.id}
            record={record}
            now={now}
            busy={busyId === record.instruction.id}
            showLink={!onList}
            onAcknowledge={() => void acknowledge(record)}
          />
        ))}
        {rest > 0 && (
          <Typography.Text type="danger" strong>
            另有 {rest} 件交办、督办事项待签收，<a href={href(paths.sync('instructions'))}>查看全部</a>
          </Typography.Text>
        )}
      </Flex>
    </section>
  );
}

function WaitingInstruction(props: {
  record: InstructionRecord;
  now: number;
  busy: boolean;
  showLink: boolean;
  onAcknowledge: () => void;
}) {
  const { record, now, busy, showLink, onAcknowledge } = props;
  const { instruction } = record;
  const kind = INSTRUCTION_KIND_LABELS[instruction.kind];
  const minutes = minutesText(minutesSince(record.arrivedAt, now));
  return (
    <Alert
      type="error"
      showIcon
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          县级平台{kind}事项待签收：{instruction.title}（已到达 {minutes}）
        </Typography.Text>
      }
      description={
        <>
          {instruction.issuedBy}
          {instruction.dueOn ? `，期限 ${chineseDate(instruction.dueOn)}` : ''}。请立即签收，签收时间将报送县级平台。
        </>
      }
      action={
        <Space>
          <Button
            type="primary"
            danger
            loading={busy}
            aria-label={`签收“${instruction.title}”`}
            onClick={onAcknowledge}
          >
            签收
          </Button>
          {showLink && <Button href={href(paths.sync('instructions'))}>查看详情</Button>}
        </Space>
      }
    />
  );
}

/** The clock, ticking every `ms`: the minutes since arrival keep counting between polls. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
