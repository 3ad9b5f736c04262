import { Tag } from 'antd';
import { ERRAND_STATUS_LABELS, type ErrandStatus } from '../../../shared/counter/errandsApi';

const COLOURS: Record<ErrandStatus, string> = {
  authorised: 'orange',
  collected: 'blue',
  handedOver: 'processing',
  delivered: 'green',
  withdrawn: 'default',
};

/** Where the errand stands on the agent's side (the case's own status is shown beside it). */
export function ErrandStatusTag({ status }: { status: ErrandStatus }) {
  return (
    <Tag color={COLOURS[status]} style={status === 'withdrawn' ? { textDecoration: 'line-through' } : undefined}>
      {ERRAND_STATUS_LABELS[status]}
    </Tag>
  );
}
