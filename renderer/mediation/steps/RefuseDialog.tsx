import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import type { DisputeStepProps } from './disputeStep';
import { EndingDialog } from './EndingDialog';

/** 不予受理 (the dispute is before a court, an arbitrator …), with the notice that says why. */
export function RefuseDialog({ detail, today, send, onClose }: DisputeStepProps<'refuse'>) {
  return (
    <EndingDialog
      name="dispute-refuse"
      words={{
        title: '不予受理',
        okText: '出具不予受理告知书',
        reasonLabel: '不予受理理由',
        reasonMessage: '请写明不予受理的理由',
        reasonMaxLength: 500,
        placeholder: '如 该纠纷已由人民法院受理；已申请劳动争议仲裁',
        dateField: 'refusedOn',
        dateLabel: '决定日期',
        intro: null,
      }}
      today={today}
      earliest={earliestStepDate(disputeKind, 'refuse', detail.dispute)}
      send={({ reason, on, referral }) => send({ reason, refusedOn: on, referral })}
      onClose={onClose}
    />
  );
}
