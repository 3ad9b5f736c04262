import type { ComponentType } from 'react';
import type { InputOf } from '../../../shared/api/procedures';
import { errandKind } from '../../../shared/counter/errandKind';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { RecordSteps } from '../../common/steps/RecordSteps';
import { ERRAND_STEP_DIALOGS, ERRAND_STEP_PROCEDURES } from './steps';
import type { AgentStep, ErrandStepProps } from './steps/errandStep';

interface Props {
  errand: ErrandRecord;
  today: string;
  /** Loads the errands again (after a STALE refusal). */
  reload: () => unknown;
  onDone: (step: AgentStep, errand: ErrandRecord) => void;
  size?: 'small' | 'middle' | 'large';
}

/** The steps an errand offers its agent now (收材料, 撤回, 登记送达), each with its dialog. */
export function ErrandSteps({ errand, today, reload, onDone, size }: Props) {
  return (
    <RecordSteps
      kind={errandKind}
      record={errand}
      today={today}
      reload={reload}
      size={size}
      dialog={(step, steps) => {
        // The counter's handover of a batch has its own screen, the photos their own dialog (ErrandAttachments.tsx).
        if (step === 'handOver' || step === 'attach') return null;
        const Dialog = ERRAND_STEP_DIALOGS[step] as ComponentType<ErrandStepProps<AgentStep>>;
        return (
          <Dialog
            errand={errand}
            today={steps.today}
            onClose={steps.close}
            send={async (input) => {
              const procedure = ERRAND_STEP_PROCEDURES[step];
              const answer = await steps.run(procedure, {
                errandId: errand.id,
                version: errand.version,
                ...input,
              } as InputOf<typeof procedure>);
              onDone(step, answer.errand);
            }}
          />
        );
      }}
    />
  );
}
