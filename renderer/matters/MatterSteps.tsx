import type { ComponentType, RefObject } from 'react';
import type { InputOf } from '../../shared/api/procedures';
import type { MatterCommandResult, MatterRecord } from '../../shared/matters/api';
import { matterKind, type MatterStep } from '../../shared/matters/matterKind';
import { RecordSteps } from '../common/steps/RecordSteps';
import { MATTER_STEP_DIALOGS, MATTER_STEP_PROCEDURES } from './steps';
import type { MatterStepProps } from './steps/matterStep';

interface Props {
  record: MatterRecord;
  today: string;
  /** The version the next step is sent with: the newest the page has seen (useVersionedRecord). */
  version: RefObject<number>;
  reload: () => unknown;
  onDone: (result: MatterCommandResult, title: string) => void;
}

/** The steps the matter offers this user now (drawn from its declaration), each opening its dialog. */
export function MatterSteps({ record, today, version, reload, onDone }: Props) {
  return (
    <RecordSteps
      kind={matterKind}
      record={record}
      today={today}
      reload={reload}
      dialog={(step, steps) => {
        const Dialog = MATTER_STEP_DIALOGS[step] as ComponentType<MatterStepProps<MatterStep>>;
        return (
          <Dialog
            record={record}
            today={steps.today}
            onClose={steps.close}
            send={async (input) => {
              const procedure = MATTER_STEP_PROCEDURES[step];
              const result = await steps.run(procedure, {
                id: record.id,
                version: version.current,
                ...input,
              } as InputOf<typeof procedure>);
              onDone(result as MatterCommandResult, matterKind.steps[step].label);
            }}
          />
        );
      }}
    />
  );
}
