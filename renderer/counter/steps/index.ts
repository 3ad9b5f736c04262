// One dialog per step of a counter case; the case page opens the one its buttons ask for.
import type { ComponentType } from 'react';
import { AcceptDialog } from './AcceptDialog';
import type { CaseStepProps, DialogStep } from './caseStep';
import { CloseFollowUpDialog } from './CloseFollowUpDialog';
import { CompleteDialog } from './CompleteDialog';
import { DeliverDialog } from './DeliverDialog';
import { ForwardDialog } from './ForwardDialog';
import { PauseDialog } from './PauseDialog';
import { RateDialog } from './RateDialog';
import { RecordForwardReplyDialog } from './RecordForwardReplyDialog';
import { ResumeDialog } from './ResumeDialog';
import { StartHandlingDialog } from './StartHandlingDialog';
import { VoidDialog } from './VoidDialog';

export const CASE_STEP_DIALOGS: { [K in DialogStep]: ComponentType<CaseStepProps<K>> } = {
  accept: AcceptDialog,
  startHandling: StartHandlingDialog,
  forward: ForwardDialog,
  recordForwardReply: RecordForwardReplyDialog,
  pause: PauseDialog,
  resume: ResumeDialog,
  complete: CompleteDialog,
  deliver: DeliverDialog,
  rate: RateDialog,
  closeFollowUp: CloseFollowUpDialog,
  void: VoidDialog,
};

export { CASE_STEP_PROCEDURES, type DialogStep } from './caseStep';
