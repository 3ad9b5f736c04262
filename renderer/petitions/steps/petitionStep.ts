import type { InputOf } from '../../../shared/api/procedures';
import type { PetitionRecord } from '../../../shared/petitions/api';
import type { PetitionStep } from '../../../shared/petitions/petitionKind';

/** The steps with a dialog of their own: 添加附件 is taken from the attachments card. */
export type PetitionDialogStep = Exclude<PetitionStep, 'attach'>;

/** The procedure that takes each step of a petition. */
export const PETITION_STEP_PROCEDURES = {
  accept: 'petitions.accept',
  notAccept: 'petitions.notAccept',
  leaderDecision: 'petitions.recordLeaderDecision',
  reply: 'petitions.reply',
  event: 'petitions.addHandlingEvent',
  extend: 'petitions.extend',
  satisfaction: 'petitions.recordSatisfaction',
  deliverReply: 'petitions.recordDelivery',
  requestReview: 'petitions.requestReview',
  recordReview: 'petitions.recordReview',
  deliverReview: 'petitions.recordDelivery',
  hearing: 'petitions.recordHearing',
  requestReReview: 'petitions.requestReview',
  recordReReview: 'petitions.recordReview',
  close: 'petitions.close',
} as const satisfies Record<PetitionDialogStep, string>;

/**
 * What a step fixes where one procedure serves two steps (复查 and 复核 differ only by the level):
 * the step, not the clerk, decides it.
 */
export const PETITION_STEP_FIXED = {
  deliverReply: { paper: 'reply' },
  deliverReview: { paper: 'review' },
  requestReview: { level: 'review' },
  recordReview: { level: 'review' },
  requestReReview: { level: 'reReview' },
  recordReReview: { level: 'reReview' },
} as const satisfies Partial<Record<PetitionDialogStep, object>>;

type Procedures = typeof PETITION_STEP_PROCEDURES;
type Fixed = typeof PETITION_STEP_FIXED;
type FixedKeys<K extends PetitionDialogStep> = K extends keyof Fixed ? keyof Fixed[K] : never;

/** The input a step fixes itself (nothing for most steps). */
export function fixedInput(step: PetitionDialogStep): object {
  return (PETITION_STEP_FIXED as Partial<Record<PetitionDialogStep, object>>)[step] ?? {};
}

/** What a step's dialog sends besides the petition, the version it was opened on and what the step fixes. */
export type PetitionStepInput<K extends PetitionDialogStep> = Omit<
  InputOf<Procedures[K]>,
  'id' | 'version' | FixedKeys<K>
>;

export interface PetitionStepProps<K extends PetitionDialogStep> {
  record: PetitionRecord;
  today: string;
  /** Takes the step on the petition as shown; the page takes the answer. */
  send: (input: PetitionStepInput<K>) => Promise<void>;
  onClose: () => void;
}
