import type { InputOf, OutputOf, ProcedureName } from '../../../shared/api/procedures';
import type { DisputeStep } from '../../../shared/mediation/disputeKind';
import type { DisputeDetail, FollowUpRecord } from '../../../shared/mediation/disputesApi';
import type { Steps } from '../../common/steps/useSteps';

/**
 * The steps the dispute page sends. 修改登记 has its own page (the registration form) and 添加附件
 * its upload card, which names the dispute differently (`disputeId`).
 */
export type SentStep = Exclude<DisputeStep, 'update' | 'attach'>;

/** The steps taken from a dialog of their own; the others from a card or a button on the page. */
export type DialogStep = Exclude<SentStep, 'agreementDraft' | 'issueAgreement' | 'caseFile'>;

/** The procedure that takes each step of a dispute. */
export const DISPUTE_STEP_PROCEDURES = {
  accept: 'mediation.acceptDispute',
  refuse: 'mediation.refuseDispute',
  session: 'mediation.addRecord',
  investigation: 'mediation.addRecord',
  assign: 'mediation.assignMediators',
  recusal: 'mediation.recordRecusal',
  agreementDraft: 'mediation.saveAgreementDraft',
  issueAgreement: 'mediation.issueAgreement',
  oral: 'mediation.recordOralAgreement',
  terminate: 'mediation.terminate',
  recordFollowUp: 'mediation.saveFollowUp',
  planFollowUp: 'mediation.saveFollowUp',
  courtForm: 'mediation.courtApplicationForm',
  courtRecord: 'mediation.recordCourtConfirmation',
  close: 'mediation.closeDispute',
  caseFile: 'mediation.caseFile',
  annotate: 'mediation.annotate',
} as const satisfies Record<SentStep, ProcedureName>;

type Procedures = typeof DISPUTE_STEP_PROCEDURES;

/** What a step sends besides the dispute and the version it was taken on. */
export type DisputeStepInput<K extends SentStep> = Omit<InputOf<Procedures[K]>, 'id' | 'version'>;
export type DisputeStepOutput<K extends SentStep> = OutputOf<Procedures[K]>;

type Unversioned = { [K in SentStep]: 'version' extends keyof InputOf<Procedures[K]> ? never : K }[SentStep];

/**
 * Papers and notes that change nothing a later step is judged on: their procedures take no version
 * (a strict input would refuse one). Typed so that the list follows the procedures.
 */
const UNVERSIONED: Record<Unversioned, true> = { courtForm: true, annotate: true, caseFile: true };

/** Sends `step` on the dispute `id` as the page last saw it, through a `useSteps` run (its STALE handling). */
export function sendDisputeStep<K extends SentStep>(
  run: Steps<DisputeStep>['run'],
  step: K,
  id: string,
  version: number,
  input: DisputeStepInput<K>,
): Promise<DisputeStepOutput<K>> {
  const procedure: ProcedureName = DISPUTE_STEP_PROCEDURES[step];
  const versioned = !Object.prototype.hasOwnProperty.call(UNVERSIONED, step);
  return run(procedure, { id, ...(versioned ? { version } : {}), ...input } as InputOf<typeof procedure>) as Promise<
    DisputeStepOutput<K>
  >;
}

export interface DisputeStepProps<K extends DialogStep> {
  /** The dispute as the page shows it, with its records and follow-ups. */
  detail: DisputeDetail;
  today: string;
  /** 登记回访 of a planned visit (opened from its row); null for a visit that was not planned. */
  followUp: FollowUpRecord | null;
  /** Takes the step on the dispute as shown; the page takes the answer. */
  send: (input: DisputeStepInput<K>) => Promise<void>;
  onClose: () => void;
}
