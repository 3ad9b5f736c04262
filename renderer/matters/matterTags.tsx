// The tags a matter carries in lists and on its page: its status, its triage and handling.
import { Tag } from 'antd';
import {
  MATTER_HANDLING_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_TRIAGE_LABELS,
  type MatterHandling,
  type MatterStatus,
  type MatterTriage,
} from '../../shared/matters/matters';

const STATUS_COLOURS: Record<MatterStatus, string> = {
  registered: 'orange',
  inHand: 'processing',
  escalated: 'purple',
  replied: 'cyan',
  closed: 'default',
  voided: 'default',
};

const TRIAGE_COLOURS: Record<MatterTriage, string> = { major: 'volcano', minor: 'blue', private: 'default' };

export function MatterStatusTag({ status }: { status: MatterStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{MATTER_STATUS_LABELS[status]}</Tag>;
}

/** 大事 · 限期解决 */
export function TriageTag({ triage, handling }: { triage: MatterTriage | null; handling: MatterHandling | null }) {
  if (!triage || !handling) return null;
  return (
    <Tag color={TRIAGE_COLOURS[triage]} bordered={false}>
      {`${MATTER_TRIAGE_LABELS[triage]} · ${MATTER_HANDLING_LABELS[handling]}`}
    </Tag>
  );
}
