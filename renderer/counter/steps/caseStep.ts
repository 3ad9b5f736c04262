import type { InputOf } from '../../../shared/api/procedures';
import type { CaseStep } from '../../../shared/counter/caseKind';
import type { CaseRecord } from '../../../shared/counter/casesApi';

/** The procedure that takes each step of a case. */
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
} as const satisfies Record<CaseStep, string>;

type Procedures = typeof CASE_STEP_PROCEDURES;

/** What a step's dialog sends besides the case and the version it was opened on. */
export type CaseStepInput<K extends CaseStep> = Omit<InputOf<Procedures[K]>, 'caseId' | 'version'>;

export interface CaseStepProps<K extends CaseStep> {
  record: CaseRecord;
  today: string;
  /** Takes the step on the case as shown; the page takes the answer. */
  send: (input: CaseStepInput<K>) => Promise<void>;
  onClose: () => void;
}
