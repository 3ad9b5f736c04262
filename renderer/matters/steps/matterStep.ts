import type { InputOf } from '../../../shared/api/procedures';
import type { MatterRecord } from '../../../shared/matters/api';
import type { MatterStep } from '../../../shared/matters/matterKind';

/** The procedure that takes each step of a matter. */
export const MATTER_STEP_PROCEDURES = {
  triage: 'matters.triage',
  settleInVillage: 'matters.settleInVillage',
  reply: 'matters.reply',
  close: 'matters.close',
  void: 'matters.void',
} as const satisfies Record<MatterStep, string>;

type Procedures = typeof MATTER_STEP_PROCEDURES;

/** What a step's dialog sends besides the matter and the version it was opened on. */
export type MatterStepInput<K extends MatterStep> = Omit<InputOf<Procedures[K]>, 'id' | 'version'>;

export interface MatterStepProps<K extends MatterStep> {
  record: MatterRecord;
  today: string;
  /** Takes the step on the matter as shown; the page takes the answer. */
  send: (input: MatterStepInput<K>) => Promise<void>;
  onClose: () => void;
}
