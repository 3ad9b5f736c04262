import type { InputOf } from '../../../../shared/api/procedures';
import type { ErrandStep } from '../../../../shared/counter/errandKind';
import type { ErrandRecord } from '../../../../shared/counter/errandsApi';

/** The procedure of each step the agent takes on an errand (the counter's handover is a batch). */
export const ERRAND_STEP_PROCEDURES = {
  collect: 'errands.collect',
  withdraw: 'errands.withdraw',
  deliver: 'errands.recordDelivery',
} as const satisfies Partial<Record<ErrandStep, string>>;

export type AgentStep = keyof typeof ERRAND_STEP_PROCEDURES;

export type ErrandStepInput<K extends AgentStep> = Omit<
  InputOf<(typeof ERRAND_STEP_PROCEDURES)[K]>,
  'errandId' | 'version'
>;

export interface ErrandStepProps<K extends AgentStep> {
  errand: ErrandRecord;
  today: string;
  send: (input: ErrandStepInput<K>) => Promise<void>;
  onClose: () => void;
}

/** `李秀英的“最低生活保障申请”`: how a dialog's title names the errand. */
export function errandLabel(errand: ErrandRecord): string {
  return `${errand.residentName}的“${errand.itemName}”`;
}
