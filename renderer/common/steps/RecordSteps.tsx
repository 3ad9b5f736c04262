import type { ReactNode } from 'react';
import type { RecordKind } from '../../../shared/workflow/kind';
import { StaleReloadContext } from '../StaleReload';
import { StepButtons } from './StepButtons';
import { useSteps, type Steps } from './useSteps';

interface Props<S extends string, K extends string, R> {
  kind: RecordKind<S, K, R>;
  record: R;
  today: string;
  /** Loads the record as it now is (after a STALE refusal). */
  reload: () => unknown;
  /** The dialog of the open step; `steps.run` sends it, `steps.close` closes it. */
  dialog: (step: K, steps: Steps<K>) => ReactNode;
  size?: 'small' | 'middle' | 'large';
  /** The page's own steps, when it also opens some from elsewhere (a card, a table row). */
  steps?: Steps<K>;
}

/** A record's step buttons, drawn from its declaration, and the dialog of the step opened. */
export function RecordSteps<S extends string, K extends string, R>({
  kind,
  record,
  today,
  reload,
  dialog,
  size,
  steps: pageSteps,
}: Props<S, K, R>) {
  const own = useSteps<K>({ stale: kind.stale, today });
  const steps = pageSteps ?? own;
  return (
    <>
      <StepButtons
        kind={kind}
        record={record}
        today={steps.today}
        open={steps.open}
        opening={steps.opening}
        onOpen={steps.openStep}
        size={size}
      />
      {steps.open && (
        <StaleReloadContext.Provider value={{ reload }}>{dialog(steps.open, steps)}</StaleReloadContext.Provider>
      )}
    </>
  );
}
