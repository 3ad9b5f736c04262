// The counter case (办件), declared once: the steps of its life, from which statuses, by whom,
// dated how; who reads it. The backend refuses with these words; the case page draws its
// buttons from them.
import type { Role } from '../auth/roles';
import { defineKind } from '../workflow/kind';
import { CASE_STATUS_LABELS, type CaseStatus } from './caseStatus';

/** Who works cases at the counter; the leader reads them. */
export const COUNTER_STAFF: readonly Role[] = ['administrator', 'counterClerk'];
export const COUNTER_READERS: readonly Role[] = [...COUNTER_STAFF, 'leader'];

/** What the declaration reads of a case (the API's case record has it all). */
export interface CaseFacts {
  status: CaseStatus;
  lastStepOn: string;
  followUp: { closedAt: string | null } | null;
}

export const CASE_STEPS = [
  'accept',
  'startHandling',
  'forward',
  'recordForwardReply',
  'pause',
  'resume',
  'complete',
  'deliver',
  'rate',
  'closeFollowUp',
  'void',
  'attach',
  'receiveMaterials',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

const staff = COUNTER_STAFF;

export const caseKind = defineKind<CaseStatus, CaseStep, CaseFacts>({
  name: 'counterCase',
  noun: '办件',
  the: '该件',
  statusLabels: CASE_STATUS_LABELS,
  // 即办件 may be accepted and completed at once.
  initial: ['awaitingMaterials', 'notAccepted', 'accepted', 'completed'],
  status: (c) => c.status,
  lastStepOn: (c) => c.lastStepOn,
  read: { administrator: 'all', counterClerk: 'all', leader: 'all' },
  why: '全科窗口：任何窗口都可能接续办理任何一件；领导查看以督办和统计。代办员看自己代办件的进度，通过代办记录，不直接读办件。',
  scope: () => ({}),
  stale: '该件刚被别人处理过，请刷新后再操作',
  steps: {
    accept: { label: '受理', from: ['awaitingMaterials'], to: ['accepted', 'completed'], roles: staff },
    startHandling: { label: '开始办理', from: ['accepted'], to: ['inProgress'], roles: staff },
    forward: {
      label: '转报',
      from: ['accepted', 'inProgress'],
      to: ['forwarded'],
      roles: staff,
      date: { field: 'sentOn', label: '报送日期' },
    },
    recordForwardReply: {
      label: '登记转报回复',
      from: ['forwarded'],
      to: ['inProgress'],
      roles: staff,
      date: { field: 'repliedOn', label: '回复日期' },
    },
    pause: {
      label: '暂停计时',
      from: ['accepted', 'inProgress', 'forwarded'],
      to: ['paused'],
      roles: staff,
      date: { field: 'pausedOn', label: '暂停日期' },
    },
    // Back to the status the pause began in (kept on the case).
    resume: {
      label: '恢复计时',
      from: ['paused'],
      to: ['accepted', 'inProgress', 'forwarded'],
      roles: staff,
      date: { field: 'resumedOn', label: '恢复日期' },
    },
    complete: {
      label: '办结',
      from: ['accepted', 'inProgress'],
      to: ['completed'],
      roles: staff,
      date: { field: 'completedOn', label: '办结日期' },
    },
    deliver: {
      label: '送达',
      from: ['completed'],
      to: ['delivered'],
      roles: staff,
      date: { field: 'deliveredOn', label: '送达日期' },
    },
    // The clerk records a rating as such; the resident's own is tapped on the window's rating pad.
    rate: { label: '评价', from: ['delivered'], to: ['rated'], roles: staff, screens: ['ratingPad'] },
    // Not a move of the status: a rated case stays rated.
    closeFollowUp: {
      label: '整改办结',
      from: ['rated'],
      roles: staff,
      guard: (c) => (c.followUp && c.followUp.closedAt === null ? null : '该件没有待办结的差评整改任务'),
    },
    void: {
      label: '作废',
      from: ['awaitingMaterials', 'accepted', 'inProgress', 'forwarded', 'paused', 'completed', 'delivered', 'rated'],
      to: ['voided'],
      roles: staff,
      tone: 'danger',
    },
    // Photos and scans of the case's materials and papers (the 高拍仪 at the counter): from intake
    // while it waits for materials, through handling, until the result is delivered (the signed
    // receipt). Not on a case refused at intake, voided, or closed by the resident's rating.
    // Taken from the case's attachments card, not among its buttons.
    attach: {
      label: '添加附件',
      from: ['awaitingMaterials', 'accepted', 'inProgress', 'forwarded', 'paused', 'completed', 'delivered'],
      roles: staff,
      elsewhere: true,
      refusedIn: {
        notAccepted: '该件不予受理，不能添加附件',
        rated: '该件已评价，办理已经结束，不能再添加附件',
        voided: '该件已作废，不能再添加附件',
      },
    },
    // A material handed in after intake, before acceptance (补齐): ticked on the case, by itself or
    // with the photo that shows it; 受理 then keeps it. Once accepted, the list is what was
    // received at acceptance (the receipt says so); a later photo only says what it shows.
    receiveMaterials: {
      label: '登记补收材料',
      from: ['awaitingMaterials'],
      roles: staff,
      elsewhere: true,
    },
  },
});
