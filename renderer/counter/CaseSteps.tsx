import type { ComponentType } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import { caseKind, type CaseStep } from '../../shared/counter/caseKind';
import type { CaseCommandResult, CaseRecord } from '../../shared/counter/casesApi';
import { RecordSteps } from '../common/steps/RecordSteps';
import { CASE_STEP_DIALOGS, CASE_STEP_PROCEDURES, type DialogStep } from './steps';
import type { CaseStepProps } from './steps/caseStep';

interface Props {
  record: CaseRecord;
  today: string;
  reload: () => unknown;
  /** A step went through: the case as it now is and the paper it issued. */
  onDone: (step: CaseStep, result: CaseCommandResult) => void;
}

/** The steps the case offers this user now, each opening its own dialog. */
export function CaseSteps({ record, today, reload, onDone }: Props) {
  return (
    <RecordSteps
      kind={caseKind}
      record={record}
      today={today}
      reload={reload}
      dialog={(step, steps) => {
        // The steps taken elsewhere (the attachments card) are never offered as buttons.
        const shown = step as DialogStep;
        const Dialog = CASE_STEP_DIALOGS[shown] as ComponentType<CaseStepProps<DialogStep>>;
        return (
          <Dialog
            record={record}
            today={steps.today}
            onClose={steps.close}
            send={async (input) => {
              const procedure = CASE_STEP_PROCEDURES[shown];
              const result = await steps.run(procedure, {
                caseId: record.id,
                version: record.version,
                ...input,
              } as InputOf<typeof procedure>);
              onDone(step, result as CaseCommandResult);
            }}
          />
        );
      }}
    />
  );
}
