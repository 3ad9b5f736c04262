import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Flex, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { QueueTicket } from '../../../shared/queue/api';
import { ticketKind } from '../../../shared/queue/ticketKind';
import { canTake } from '../../../shared/workflow/kind';
import { useSession } from '../session';
import { usePolledQuery } from '../usePolledQuery';
import { useToday } from '../useToday';
import { chosenQueueWindow } from './queueWindow';

/** How often the bar reads the window's current ticket (the panel may call the next meanwhile). */
const POLL_MS = 5_000;

/**
 * The intake's line about this window's queue ticket: the ticket called to the window is taken in
 * with the case the clerk accepts (the clerk may untick it). Nothing is shown on a computer that
 * has not chosen its window, or whose window has no ticket now.
 */
export function QueueTicketBar({ onLinkable }: { onLinkable: (ticket: QueueTicket | null) => void }) {
  const [chosen] = useState(chosenQueueWindow);
  const panel = usePolledQuery('queue.panel', { windowId: chosen?.id ?? '' }, () => POLL_MS, chosen !== null);
  const [link, setLink] = useState(true);
  const { info } = useSession();
  const today = useToday();
  const current = panel.data?.current ?? null;
  // Linked with the case only where the ticket's declared 开始办理 would be taken now.
  const takesIn = current !== null && canTake(ticketKind, 'takeIn', current, info.user, today);
  const linkable = takesIn && link ? current : null;
  const linkableId = linkable?.id ?? null;
  // Told when the ticket to link changes, not at every poll of the same ticket.
  const latest = useRef({ onLinkable, linkable });
  latest.current = { onLinkable, linkable };
  useEffect(() => latest.current.onLinkable(latest.current.linkable), [linkableId]);

  if (!chosen || !panel.data) return null;
  const panelLink = <Typography.Link href="#/queue">叫号面板</Typography.Link>;
  if (!current) {
    return (
      <Typography.Text type="secondary" role="status" aria-label="排队号">
        <NotificationOutlined /> {chosen.name}当前没有叫到的号。{panelLink}
      </Typography.Text>
    );
  }
  return (
    <Alert
      type={current.status === 'called' ? 'info' : 'success'}
      showIcon
      icon={<NotificationOutlined />}
      role="status"
      aria-label="排队号"
      title={
        <Flex gap={12} align="center" wrap>
          <span>
            {chosen.name}当前号 <Typography.Text strong>{current.number}</Typography.Text>（{current.categoryName}）
            {current.status === 'called'
              ? '已叫号'
              : `办理中${current.caseNumber ? `，已关联办件 ${current.caseNumber}` : ''}`}
          </span>
          {takesIn && (
            <Checkbox checked={link} onChange={(event) => setLink(event.target.checked)}>
              受理后关联此号
            </Checkbox>
          )}
          {panelLink}
        </Flex>
      }
    />
  );
}
