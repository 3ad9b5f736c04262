// One dialog per step of a petition; the petition page opens the one its buttons ask for.
import type { ComponentType } from 'react';
import { AcceptDialog } from './AcceptDialog';
import { CloseDialog } from './CloseDialog';
import { DeliverReplyDialog, DeliverReviewDialog } from './DeliveryDialog';
import { HearingDialog } from './HearingDialog';
import { EventDialog } from './EventDialog';
import { ExtendDialog } from './ExtendDialog';
import { LeaderDecisionDialog } from './LeaderDecisionDialog';
import { NotAcceptDialog } from './NotAcceptDialog';
import type { PetitionDialogStep, PetitionStepProps } from './petitionStep';
import { ReplyDialog } from './ReplyDialog';
import { RecordReReviewDialog, RecordReviewDialog } from './ReviewAnswerDialog';
import { RequestReReviewDialog, RequestReviewDialog } from './ReviewRequestDialog';
import { SatisfactionDialog } from './SatisfactionDialog';

export const PETITION_STEP_DIALOGS: { [K in PetitionDialogStep]: ComponentType<PetitionStepProps<K>> } = {
  accept: AcceptDialog,
  notAccept: NotAcceptDialog,
  leaderDecision: LeaderDecisionDialog,
  reply: ReplyDialog,
  event: EventDialog,
  extend: ExtendDialog,
  satisfaction: SatisfactionDialog,
  deliverReply: DeliverReplyDialog,
  requestReview: RequestReviewDialog,
  deliverReview: DeliverReviewDialog,
  hearing: HearingDialog,
  recordReview: RecordReviewDialog,
  requestReReview: RequestReReviewDialog,
  recordReReview: RecordReReviewDialog,
  close: CloseDialog,
};

export { fixedInput, PETITION_STEP_PROCEDURES } from './petitionStep';
