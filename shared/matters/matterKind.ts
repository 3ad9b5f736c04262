// The resident's matter (群众诉求), declared once: collected at the counter, in the grid or at a
// village meeting; sorted and handled (三事分流) at the township, or settled on the spot in the
// village; replied to (件件有回复) before it is closed; voided with a reason. The township reads
// every matter; a village's agents and grid workers read that village's.
import type { Role } from '../auth/roles';
import { defineKind } from '../workflow/kind';
import { MATTER_STATUS_LABELS, type MatterStatus, type MatterTriage } from './matters';

/**
 * Who sorts and handles matters at the township (三事分流). The counter's clerks record the
 * decision — the 全科窗口 staff who collect matters every day — and the administrator, as on every
 * desk; the leader reads and counts, as the role promises (领导（只读与统计）).
 */
export const MATTER_STAFF: readonly Role[] = ['administrator', 'counterClerk'];
/** Who works in the village: they collect matters and settle a 小事 or 私事 on the spot. */
export const VILLAGE_WORKERS: readonly Role[] = ['villageAgent', 'gridWorker'];
/** Who registers a matter. */
export const MATTER_COLLECTORS: readonly Role[] = [...MATTER_STAFF, ...VILLAGE_WORKERS];
/** Who reads matters (each in their scope) and their statistics. */
export const MATTER_READERS: readonly Role[] = [...MATTER_COLLECTORS, 'leader'];

const MATTER_READ = {
  administrator: 'all',
  counterClerk: 'all',
  leader: 'all',
  villageAgent: 'ownVillage',
  gridWorker: 'ownVillage',
} as const;

/** What the declaration reads of a matter (the API's record has it all). */
export interface MatterFacts {
  status: MatterStatus;
  villageId: string;
  collectedOn: string;
  lastStepOn: string;
  triage: MatterTriage | null;
  reply: { repliedOn: string } | null;
}

export const MATTER_STEPS = ['triage', 'settleInVillage', 'reply', 'close', 'void'] as const;
export type MatterStep = (typeof MATTER_STEPS)[number];

/** 件件有回复: the words on the disabled 办结 button, and the backend's refusal. */
export const NO_REPLY = '尚未答复群众，不能办结（件件有回复）：请先登记答复';

export const matterKind = defineKind<MatterStatus, MatterStep, MatterFacts>({
  name: 'matter',
  noun: '群众诉求',
  the: '该诉求',
  statusLabels: MATTER_STATUS_LABELS,
  initial: ['registered'],
  status: (m) => m.status,
  lastStepOn: (m) => m.lastStepOn,
  read: MATTER_READ,
  why: '诉求由乡镇统一分流、统计：窗口和领导查看全部；代办员、网格员只收集和处理本村（社区）群众的诉求，只看本村的。',
  scope: (m) => ({ villageId: m.villageId }),
  stale: '该诉求刚被别人处理过，请刷新后再操作',
  final: { voided: '作废的诉求只保留备查' },
  steps: {
    // 大事、小事、私事, and how: on the spot (closed with the reply), with an owner and a deadline
    // in working days, or escalated upward; a 私事 is advised and closed.
    triage: {
      label: '分流办理',
      from: ['registered'],
      to: ['closed', 'inHand', 'escalated'],
      roles: MATTER_STAFF,
      date: { field: 'decidedOn', label: '分流日期' },
    },
    // 小事不出村: an agent or grid worker settles a 小事 or advises on a 私事 where it arose; a
    // 大事, a deadline or an escalation commits the township's people, so the township decides.
    settleInVillage: {
      label: '当即解决',
      from: ['registered'],
      to: ['closed'],
      roles: VILLAGE_WORKERS,
      date: { field: 'repliedOn', label: '答复日期' },
    },
    reply: {
      label: '答复群众',
      from: ['inHand', 'escalated'],
      to: ['replied'],
      roles: MATTER_COLLECTORS,
      date: { field: 'repliedOn', label: '答复日期' },
    },
    // 件件有回复: 办结 is shown before the reply, disabled with the reason.
    close: {
      label: '办结',
      from: ['replied'],
      to: ['closed'],
      roles: MATTER_STAFF,
      shownIn: { inHand: NO_REPLY, escalated: NO_REPLY },
      date: {
        field: 'closedOn',
        label: '办结日期',
        notBefore: (m) => [
          { on: m.reply?.repliedOn ?? m.collectedOn, what: '答复日期' },
          { on: m.lastStepOn, what: '上一环节的日期' },
        ],
      },
    },
    void: {
      label: '作废',
      from: ['registered', 'inHand', 'escalated', 'replied', 'closed'],
      to: ['voided'],
      roles: MATTER_STAFF,
      tone: 'danger',
    },
  },
});
