import { Tag } from 'antd';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../shared/counter/caseStatus';

const COLOURS: Record<CaseStatus, string> = {
  awaitingMaterials: 'orange',
  notAccepted: 'default',
  accepted: 'blue',
  inProgress: 'processing',
  forwarded: 'purple',
  paused: 'cyan',
  completed: 'green',
  delivered: 'green',
  rated: 'default',
  voided: 'default',
};

/** The case's status in the words of the state machine. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={COLOURS[status]} style={status === 'voided' ? { textDecoration: 'line-through' } : undefined}>
      {CASE_STATUS_LABELS[status]}
    </Tag>
  );
}
