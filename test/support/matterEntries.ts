// A township's residents' matters as the county hub receives them, for tests: the `matters` row
// with every column as the township's triggers file it (db/rowImages.ts), and the change-log
// entries of its steps with that row as their image — built on a test node (syncNode.ts).
import type { ChangeEntry, RowImage } from '../../shared/sync/protocol';
import type { TestNode } from './syncNode';

/** A township's `matters` row as its triggers file it (every column; the dates the steps set). */
export function matterRow(id: string, number: string, villageId: string, changes: Record<string, unknown> = {}): Row {
  return {
    id,
    year: 2026,
    sequence: Number(number.slice(-6)),
    number,
    version: 1,
    status: 'registered',
    source: 'counter',
    type: 'problem',
    category: 'infrastructure',
    village_id: villageId,
    resident_id: 'resident-1',
    resident_name: '李秀英',
    phone: '13800000000',
    description: '村道塌方，车辆无法通行，需县里统筹修复',
    collected_on: '2026-10-20',
    collected_by_id: 'user-1',
    collected_by_name: '王窗口',
    triage: null,
    handling: null,
    decided_on: null,
    decided_by_name: '',
    owner_kind: null,
    owner: '',
    working_days: null,
    due_on: null,
    escalated_to: '',
    escalation_reason: '',
    replied_on: null,
    reply_method: null,
    reply: '',
    replied_by_name: '',
    closed_on: null,
    result: '',
    voided_on: null,
    void_reason: '',
    last_step_on: '2026-10-20',
    request_id: `request-${id}`,
    created_at: '2026-10-20T01:00:00.000Z',
    updated_at: '2026-10-20T01:00:00.000Z',
    ...changes,
  };
}

/** A row as its image carries it: columns by name. */
export type Row = Record<string, unknown> & { id: string; number: string; version: number };

export const ESCALATED = {
  status: 'escalated',
  triage: 'major',
  handling: 'escalated',
  decided_on: '2026-10-21',
  decided_by_name: '王窗口',
  escalated_to: '县交通运输局',
  escalation_reason: '修复资金超出乡镇能力',
  last_step_on: '2026-10-21',
};

/** One entry of the matter's, with its row (and, when given, others) as its images. */
export function matterEntry(
  node: TestNode,
  op: string,
  row: Row,
  data: Record<string, unknown>,
  more: RowImage[] = [],
) {
  return node.entries(1, () => ({
    entity: 'matter',
    entityId: row.id,
    op,
    data,
    rows: [{ table: 'matters', row }, ...more],
  }))[0]!;
}

export function villageEntry(node: TestNode, id: string, name: string): ChangeEntry {
  return node.entries(1, () => ({
    entity: 'village',
    entityId: id,
    op: 'create',
    data: null,
    rows: [{ table: 'villages', row: { id, name, kind: 'village', sort_order: 1, version: 1 } }],
  }))[0]!;
}

/** The triage that escalates: the entry's data as matterSteps.ts writes it. */
export function escalate(node: TestNode, row: Row): { entry: ChangeEntry; row: Row } {
  const next = { ...row, ...ESCALATED, version: row.version + 1 };
  const entry = matterEntry(node, 'triage', next, {
    triage: 'major',
    handling: 'escalated',
    decidedOn: '2026-10-21',
    escalatedTo: ESCALATED.escalated_to,
    escalationReason: ESCALATED.escalation_reason,
    summary: '分流为大事，提交统筹：提交县交通运输局',
  });
  return { entry, row: next };
}
