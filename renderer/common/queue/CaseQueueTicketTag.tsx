import { Tag, Tooltip } from 'antd';
import { useQuery } from '../../api/useQuery';

/** The queue ticket the case was taken in from (排队号 A012), beside the case's number; nothing when none. */
export function CaseQueueTicketTag({ caseId }: { caseId: string }) {
  const { data } = useQuery('queue.ticketOfCase', { caseId });
  const ticket = data?.ticket;
  if (!ticket) return null;
  return (
    <Tooltip title={`${ticket.day} ${ticket.categoryName}，${ticket.windowName}受理`}>
      <Tag color="geekblue">排队号 {ticket.number}</Tag>
    </Tooltip>
  );
}
