import type { ComponentType, RefObject } from 'react';
import { disputeKind, type DisputeStep } from '../../../shared/mediation/disputeKind';
import type { DisputeDetail, FollowUpRecord } from '../../../shared/mediation/disputesApi';
import { RecordSteps } from '../../common/steps/RecordSteps';
import type { Steps } from '../../common/steps/useSteps';
import {
  DISPUTE_STEP_DIALOGS,
  hasDialog,
  sendDisputeStep,
  type DialogStep,
  type DisputeStepOutput,
  type DisputeStepProps,
  type SentStep,
} from '../steps';

/** A step went through: what it answered (the dispute as it now is and its paper, or the note). */
export type DisputeStepDone = <K extends SentStep>(step: K, output: DisputeStepOutput<K>) => void;

interface Props {
  detail: DisputeDetail;
  today: string;
  /** The version the next step is sent with: the newest the page has seen. */
  version: RefObject<number>;
  reload: () => unknown;
  /** The page's steps: its buttons and the steps it opens from elsewhere share them. */
  steps: Steps<DisputeStep>;
  /** The planned visit whose row opened 登记回访, if that is how it was opened. */
  plannedVisit: FollowUpRecord | null;
  onDone: DisputeStepDone;
}

/** The steps the dispute offers this user now, each opening its own dialog. */
export function DisputeSteps({ detail, today, version, reload, steps: pageSteps, plannedVisit, onDone }: Props) {
  return (
    <RecordSteps
      kind={disputeKind}
      record={detail.dispute}
      today={today}
      reload={reload}
      steps={pageSteps}
      dialog={(step, steps) => (
        <DisputeStepDialog
          step={step}
          steps={steps}
          detail={detail}
          followUp={step === 'recordFollowUp' ? plannedVisit : null}
          version={version}
          onDone={onDone}
        />
      )}
    />
  );
}

/**
 * The dialog of `step`, sent through `steps` (its STALE handling): opened by a step button, or
 * from the step's own place on the page (a planned follow-up's row, the court reminder).
 */
export function DisputeStepDialog({
  step,
  steps,
  detail,
  followUp,
  version,
  onDone,
}: {
  step: DisputeStep;
  steps: Steps<DisputeStep>;
  detail: DisputeDetail;
  followUp: FollowUpRecord | null;
  version: RefObject<number>;
  onDone: DisputeStepDone;
}) {
  if (!hasDialog(step)) return null;
  const Dialog = DISPUTE_STEP_DIALOGS[step] as ComponentType<DisputeStepProps<DialogStep>>;
  return (
    <Dialog
      detail={detail}
      today={steps.today}
      followUp={followUp}
      onClose={steps.close}
      send={async (input) => {
        onDone(step, await sendDisputeStep(steps.run, step, detail.dispute.id, version.current, input));
      }}
    />
  );
}
