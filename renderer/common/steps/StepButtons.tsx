import { Flex } from 'antd';
import { offeredSteps, type RecordKind } from '../../../shared/workflow/kind';
import { ReasonedButton } from '../ReasonedButton';
import { useSession } from '../session';

interface Props<S extends string, K extends string, R> {
  kind: RecordKind<S, K, R>;
  record: R;
  today: string;
  /** The step whose dialog is open (the other buttons wait), or null. */
  open: K | null;
  /** The step whose dialog is being opened (its button spins). */
  opening?: K | null;
  onOpen: (step: K) => void;
  /** Buttons in a table row are small. */
  size?: 'small' | 'middle' | 'large';
}

/**
 * The buttons of the steps the declaration offers this user on this record today: the same
 * function the backend refuses with, so a button never leads to a refusal of its status. A step
 * shown but not allowed yet stays disabled with the reason; the first allowed step is primary.
 */
export function StepButtons<S extends string, K extends string, R>({
  kind,
  record,
  today,
  open,
  opening = null,
  onOpen,
  size,
}: Props<S, K, R>) {
  const { info } = useSession();
  const offered = offeredSteps(kind, record, info.user, today);
  if (offered.length === 0) return null;
  const main = offered.find((o) => o.disabledBecause === null && o.tone !== 'danger')?.step;
  return (
    <Flex gap={size === 'small' ? 6 : 8} wrap>
      {offered.map(({ step, label, tone, disabledBecause }) => (
        // A step not allowed yet keeps its place in the Tab order, with the reason.
        <ReasonedButton
          key={step}
          size={size}
          type={step === main ? 'primary' : 'default'}
          danger={tone === 'danger'}
          loading={opening === step}
          disabledBecause={disabledBecause}
          disabled={(open !== null && open !== step) || (opening !== null && opening !== step)}
          onClick={() => onOpen(step)}
        >
          {label}
        </ReasonedButton>
      ))}
    </Flex>
  );
}
