// The errand (代办), declared once: the agent collects, withdraws and brings the result back;
// the counter takes a batch over. An agent reads only their own errands and handovers.
import type { Role } from '../auth/roles';
import type { CaseStatus } from './caseStatus';
import { COUNTER_STAFF } from './caseKind';
import { defineAccess, defineKind } from '../workflow/kind';
import { ERRAND_STATUS_LABELS, type ErrandStatus } from './errandStatuses';

export const AGENTS: readonly Role[] = ['villageAgent'];

export interface ErrandFacts {
  status: ErrandStatus;
  agentId: string;
  authorisedOn: string;
  /** Once handed over: the case it became. */
  case: { status: CaseStatus } | null;
  delivery: { deliveredOn: string } | null;
}

export const ERRAND_STEPS = ['collect', 'attach', 'withdraw', 'handOver', 'deliver'] as const;
export type ErrandStep = (typeof ERRAND_STEPS)[number];

const ERRAND_READ = { administrator: 'all', counterClerk: 'all', leader: 'all', villageAgent: 'own' } as const;

export const errandKind = defineKind<ErrandStatus, ErrandStep, ErrandFacts>({
  name: 'errand',
  noun: '代办',
  the: '这项代办',
  statusLabels: ERRAND_STATUS_LABELS,
  initial: ['authorised'],
  status: (e) => e.status,
  lastStepOn: (e) => e.delivery?.deliveredOn ?? e.authorisedOn,
  read: ERRAND_READ,
  why: '代办员只处理自己受托的代办；窗口接收交接、核对材料；领导按代办员和村统计。',
  scope: (e) => ({ ownerId: e.agentId }),
  stale: '这项代办刚被修改过，请刷新后再操作',
  steps: {
    collect: { label: '收材料', from: ['authorised', 'collected'], to: ['authorised', 'collected'], roles: AGENTS },
    // Photos and scans of the materials: the agent takes them in the village while collecting (and
    // after the handover, of a paper the counter asked for); the counter adds its own scans while
    // checking the batch and while the case runs. Not once the errand is delivered or withdrawn:
    // nothing more is collected then. Taken from the errand's attachments, not among its buttons.
    attach: {
      label: '添加附件',
      from: ['authorised', 'collected', 'handedOver'],
      roles: [...AGENTS, ...COUNTER_STAFF],
      elsewhere: true,
    },
    withdraw: { label: '撤回', from: ['authorised', 'collected'], to: ['withdrawn'], roles: AGENTS, tone: 'danger' },
    handOver: {
      label: '交窗口办理',
      from: ['collected'],
      to: ['handedOver'],
      roles: COUNTER_STAFF,
      refusedIn: {
        authorised: '必需材料尚未收齐，还不能交窗口办理',
        handedOver: '已交接或已撤回，不能再交接',
        delivered: '已交接或已撤回，不能再交接',
        withdrawn: '已交接或已撤回，不能再交接',
      },
    },
    deliver: {
      label: '登记送达',
      from: ['handedOver'],
      to: ['delivered'],
      roles: AGENTS,
      guard: (e) => (e.case?.status === 'completed' ? null : '窗口还没有办结这一件，结果尚不能送达'),
    },
  },
});

/** The 材料交接单 of a batch: the counter and the agent who handed it over. */
export const errandHandoverAccess = defineAccess<{ agentId: string }>({
  name: 'errandHandover',
  noun: '材料交接单',
  read: ERRAND_READ,
  why: '交接单由窗口与交来材料的代办员双方签字，各执一份。',
  scope: (h) => ({ ownerId: h.agentId }),
});
