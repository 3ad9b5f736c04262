import type { ComponentType, RefObject } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import type { PetitionCommandResult, PetitionRecord } from '../../shared/petitions/api';
import { petitionKind } from '../../shared/petitions/petitionKind';
import { HANDLING_EVENT_LABELS } from '../../shared/petitions/petitions';
import { RecordSteps } from '../common/steps/RecordSteps';
import { fixedInput, PETITION_STEP_DIALOGS, PETITION_STEP_PROCEDURES } from './steps';
import type { PetitionDialogStep, PetitionStepInput, PetitionStepProps } from './steps/petitionStep';

interface Props {
  record: PetitionRecord;
  today: string;
  /** The version the next step is sent with: the newest the page has seen (useVersionedRecord). */
  version: RefObject<number>;
  reload: () => unknown;
  /** A step went through: the petition as it now is, its paper, and what to call what was done. */
  onDone: (result: PetitionCommandResult, title: string) => void;
}

/** What was done, as the clerk would say it: a handling event by its kind (交办, 转送 …). */
function doneTitle(step: PetitionDialogStep, input: PetitionStepInput<PetitionDialogStep>): string {
  return step === 'event'
    ? HANDLING_EVENT_LABELS[(input as PetitionStepInput<'event'>).kind]
    : petitionKind.steps[step].label;
}

/** The steps the petition offers this user now, each opening its own dialog. */
export function PetitionSteps({ record, today, version, reload, onDone }: Props) {
  return (
    <RecordSteps
      kind={petitionKind}
      record={record}
      today={today}
      reload={reload}
      dialog={(step, steps) => {
        // 添加附件 is declared `elsewhere` (the attachments card), so no button opens it here.
        if (step === 'attach') return null;
        const Dialog = PETITION_STEP_DIALOGS[step] as ComponentType<PetitionStepProps<PetitionDialogStep>>;
        return (
          <Dialog
            record={record}
            today={steps.today}
            onClose={steps.close}
            send={async (input) => {
              const procedure = PETITION_STEP_PROCEDURES[step];
              const result = await steps.run(procedure, {
                id: record.id,
                version: version.current,
                ...fixedInput(step),
                ...input,
              } as InputOf<typeof procedure>);
              onDone(result as PetitionCommandResult, doneTitle(step, input));
            }}
          />
        );
      }}
    />
  );
}
