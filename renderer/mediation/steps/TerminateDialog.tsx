import { disputeKind } from '../../../shared/mediation/disputeKind';
import { earliestStepDate } from '../../../shared/workflow/kind';
import type { DisputeStepProps } from './disputeStep';
import { EndingDialog } from './EndingDialog';

/** 终止调解: no agreement could be reached; the notice tells the parties where else to turn. */
export function TerminateDialog({ detail, today, send, onClose }: DisputeStepProps<'terminate'>) {
  return (
    <EndingDialog
      name="dispute-terminate"
      words={{
        title: '终止调解',
        okText: '终止并出具告知书',
        reasonLabel: '终止理由',
        reasonMessage: '请写明终止调解的理由',
        reasonMaxLength: 1000,
        placeholder: '如 经三次调解，双方分歧较大，无法达成协议',
        dateField: 'terminatedOn',
        dateLabel: '终止日期',
        intro:
          '调解不成的，终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法第二十六条）。',
      }}
      today={today}
      earliest={earliestStepDate(disputeKind, 'terminate', detail.dispute)}
      send={({ reason, on, referral }) => send({ reason, terminatedOn: on, referral })}
      onClose={onClose}
    />
  );
}
