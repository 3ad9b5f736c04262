// The dispute (纠纷), declared once: acceptance or refusal, mediators and recusals, records,
// the agreement or the termination, court confirmation, follow-ups, closing; who reads it — a
// mediator or committee head the disputes of the committees they serve on.
import type { Role } from '../auth/roles';
import { defineKind } from '../workflow/kind';
import { DISPUTE_STATUS_LABELS, type DisputeStatus, type OutcomeKind } from './disputes';

/** Who works disputes: mediators and their committee heads (the administrator too). */
export const MEDIATION_WORKERS: readonly Role[] = ['administrator', 'committeeHead', 'mediator'];

export interface DisputeFacts {
  status: DisputeStatus;
  committeeId: string;
  registeredOn: string;
  lastStepOn: string;
  mediators: readonly unknown[];
  outcome: { kind: OutcomeKind; on: string } | null;
  court: { appliedOn: string | null; decision: string | null } | null;
  visits: { done: number; lastDoneOn: string | null; nextPlannedOn: string | null };
}

/** What a settled dispute needs before it is closed: the agreement followed up, the court's word. */
function readyToClose(d: DisputeFacts): string | null {
  if (d.status !== 'settled') return null;
  if (d.visits.done === 0) return '调解成功的纠纷须至少回访一次、了解协议履行情况后才能结案';
  if (d.visits.nextPlannedOn) return `还有计划于 ${d.visits.nextPlannedOn} 的回访没有完成，完成最后一次回访后才能结案`;
  if (d.court?.appliedOn && !d.court.decision) return '已申请司法确认，尚未记录法院裁定，记录裁定后才能结案';
  return null;
}

export const DISPUTE_STEPS = [
  'accept',
  'refuse',
  'update',
  'session',
  'investigation',
  'assign',
  'recusal',
  'attach',
  'agreementDraft',
  'issueAgreement',
  'oral',
  'terminate',
  'recordFollowUp',
  'planFollowUp',
  'courtForm',
  'courtRecord',
  'close',
  'caseFile',
  'annotate',
] as const;
export type DisputeStep = (typeof DISPUTE_STEPS)[number];

const workers = MEDIATION_WORKERS;
/** Records and follow-ups are dated by when they happened, not as steps after the last one. */
const sinceRegistration = (d: DisputeFacts) => ({ on: d.registeredOn, what: '纠纷登记日期' });
const writtenOnly = (d: DisputeFacts) =>
  d.outcome?.kind === 'written' ? null : '只有书面调解协议可以申请司法确认（口头协议须先制作书面协议）';

export const disputeKind = defineKind<DisputeStatus, DisputeStep, DisputeFacts>({
  name: 'dispute',
  noun: '纠纷',
  the: '该纠纷',
  statusLabels: DISPUTE_STATUS_LABELS,
  initial: ['registered'],
  status: (d) => d.status,
  lastStepOn: (d) => d.lastStepOn,
  final: { closed: '只能加批注' },
  read: { administrator: 'all', leader: 'all', committeeHead: 'ownCommittees', mediator: 'ownCommittees' },
  why: '纠纷内容涉及家庭、邻里隐私：调解员和调委会主任只看本人任职的调委会受理的纠纷；领导查看以掌握矛盾纠纷情况。',
  scope: (d) => ({ committeeId: d.committeeId }),
  stale: '该纠纷刚被别人处理过，请刷新后再操作',
  steps: {
    accept: {
      label: '受理',
      from: ['registered'],
      to: ['accepted'],
      roles: workers,
      date: { field: 'acceptedOn', label: '受理日期' },
    },
    refuse: {
      label: '不予受理',
      from: ['registered'],
      to: ['refused'],
      roles: workers,
      tone: 'danger',
      date: { field: 'refusedOn', label: '决定日期' },
    },
    update: { label: '修改登记', from: ['registered', 'accepted'], roles: workers, elsewhere: true },
    session: {
      label: '调解记录',
      from: ['accepted'],
      roles: workers,
      date: { field: 'heldOn', label: '日期', notBefore: sinceRegistration },
    },
    investigation: {
      label: '调查记录',
      from: ['accepted'],
      roles: workers,
      date: { field: 'heldOn', label: '日期', notBefore: sinceRegistration },
    },
    assign: {
      label: '指派调解员',
      from: ['accepted'],
      roles: workers,
      date: { field: 'assignedOn', label: '指派日期' },
    },
    recusal: {
      label: '申请回避',
      from: ['accepted'],
      roles: workers,
      guard: (d) => (d.mediators.length > 0 ? null : '还没有指派调解员，无人可以回避'),
      date: { field: 'decidedOn', label: '决定日期' },
    },
    attach: {
      label: '添加附件',
      from: ['registered', 'accepted', 'settled', 'terminated'],
      roles: workers,
      elsewhere: true,
    },
    agreementDraft: { label: '起草调解协议', from: ['accepted'], roles: workers, elsewhere: true },
    issueAgreement: {
      label: '出具调解协议书',
      from: ['accepted'],
      to: ['settled'],
      roles: workers,
      elsewhere: true,
      date: { field: 'agreedOn', label: '协议日期' },
    },
    oral: {
      label: '口头协议',
      from: ['accepted'],
      to: ['settled'],
      roles: workers,
      date: { field: 'agreedOn', label: '达成日期' },
    },
    terminate: {
      label: '终止调解',
      from: ['accepted'],
      to: ['terminated'],
      roles: workers,
      tone: 'danger',
      date: { field: 'terminatedOn', label: '终止日期' },
    },
    recordFollowUp: {
      label: '登记回访',
      from: ['settled'],
      roles: workers,
      date: {
        field: 'doneOn',
        label: '回访日期',
        notBefore: (d) => ({ on: d.outcome?.on ?? d.registeredOn, what: '达成协议的日期' }),
      },
    },
    planFollowUp: { label: '计划回访', from: ['settled'], roles: workers },
    courtForm: { label: '准备司法确认申请书', from: ['settled'], roles: workers, guard: writtenOnly },
    courtRecord: { label: '登记司法确认', from: ['settled'], roles: workers, guard: writtenOnly },
    close: {
      label: '结案',
      from: ['settled', 'terminated'],
      to: ['closed'],
      roles: workers,
      guard: readyToClose,
      showWhenGuarded: true,
      date: {
        field: 'closedOn',
        label: '结案日期',
        notBefore: (d) => [
          { on: d.lastStepOn, what: '上一环节的日期' },
          ...(d.visits.lastDoneOn ? [{ on: d.visits.lastDoneOn, what: '最后一次回访的日期' }] : []),
        ],
      },
    },
    caseFile: {
      label: '生成卷宗',
      from: ['accepted', 'settled', 'terminated', 'closed', 'refused'],
      roles: workers,
      elsewhere: true,
    },
    annotate: {
      label: '批注',
      from: ['registered', 'refused', 'accepted', 'settled', 'terminated', 'closed'],
      roles: workers,
    },
  },
});
