import type { InputOf } from '../../../shared/api/procedures';
import type { CaseStep } from '../../../shared/counter/caseKind';
import type { CaseRecord } from '../../../shared/counter/casesApi';

/**
 * The steps taken from a dialog of their own; 添加附件 and 登记补收材料 are taken from the case's
 * attachments card (a photo of a material ticks it).
 */
export type DialogStep = Exclude<CaseStep, 'attach' | 'receiveMaterials'>;

/** The procedure that takes each step of a case from its dialog. */
export const CASE_STEP_PROCEDURES = {
  accept: 'counter.accept',
  startHandling: 'counter.startHandling',
  forward: 'counter.forward',
  recordForwardReply: 'counter.recordForwardReply',
  pause: 'counter.pause',
  resume: 'counter.resume',
  complete: 'counter.complete',
  deliver: 'counter.deliver',
  rate: 'counter.rate',
  closeFollowUp: 'counter.closeFollowUp',
  void: 'counter.void',
} as const satisfies Record<DialogStep, string>;

type Procedures = typeof CASE_STEP_PROCEDURES;

/** What a step's dialog sends besides the case and the version it was opened on. */
export type CaseStepInput<K extends DialogStep> = Omit<InputOf<Procedures[K]>, 'caseId' | 'version'>;

export interface CaseStepProps<K extends DialogStep> {
  record: CaseRecord;
  today: string;
  /** Takes the step on the case as shown; the page takes the answer. */
  send: (input: CaseStepInput<K>) => Promise<void>;
  onClose: () => void;
}
