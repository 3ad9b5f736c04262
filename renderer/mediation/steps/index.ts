// One dialog per step of a dispute; the dispute page opens the one its buttons (or a follow-up's
// row, or the court reminder) ask for.
import type { ComponentType } from 'react';
import type { DisputeStep } from '../../../shared/mediation/disputeKind';
import { AcceptDialog } from './AcceptDialog';
import { AnnotateDialog } from './AnnotateDialog';
import { AssignDialog } from './AssignDialog';
import { CloseDialog } from './CloseDialog';
import { CourtFormDialog } from './CourtFormDialog';
import { CourtRecordDialog } from './CourtRecordDialog';
import type { DialogStep, DisputeStepProps } from './disputeStep';
import { PlanFollowUpDialog, RecordFollowUpDialog } from './FollowUpDialog';
import { OralAgreementDialog } from './OralAgreementDialog';
import { InvestigationDialog, SessionDialog } from './RecordDialog';
import { RecusalDialog } from './RecusalDialog';
import { RefuseDialog } from './RefuseDialog';
import { TerminateDialog } from './TerminateDialog';

export const DISPUTE_STEP_DIALOGS: { [K in DialogStep]: ComponentType<DisputeStepProps<K>> } = {
  accept: AcceptDialog,
  refuse: RefuseDialog,
  session: SessionDialog,
  investigation: InvestigationDialog,
  assign: AssignDialog,
  recusal: RecusalDialog,
  oral: OralAgreementDialog,
  terminate: TerminateDialog,
  recordFollowUp: RecordFollowUpDialog,
  planFollowUp: PlanFollowUpDialog,
  courtForm: CourtFormDialog,
  courtRecord: CourtRecordDialog,
  close: CloseDialog,
  annotate: AnnotateDialog,
};

/** Whether `step` has a dialog of its own (the others are taken from their place on the page). */
export function hasDialog(step: DisputeStep): step is DialogStep {
  return Object.prototype.hasOwnProperty.call(DISPUTE_STEP_DIALOGS, step);
}

export { DISPUTE_STEP_PROCEDURES, sendDisputeStep } from './disputeStep';
export type { DialogStep, DisputeStepInput, DisputeStepOutput, DisputeStepProps, SentStep } from './disputeStep';
