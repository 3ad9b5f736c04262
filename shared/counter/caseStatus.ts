// Where a counter case (办件) stands. The steps that move it, and from which statuses, are
// declared with the kind (caseKind.ts).

export const CASE_STATUSES = [
  'awaitingMaterials',
  'notAccepted',
  'accepted',
  'inProgress',
  'forwarded',
  'paused',
  'completed',
  'delivered',
  'rated',
  'voided',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  awaitingMaterials: '待补齐材料',
  notAccepted: '不予受理',
  accepted: '已受理',
  inProgress: '办理中',
  forwarded: '已转报',
  paused: '暂停计时',
  completed: '已办结',
  delivered: '已送达',
  rated: '已评价',
  voided: '已作废',
};

/** Cases whose deadline is running or stopped: they appear on worklists with a colour. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['accepted', 'inProgress', 'forwarded', 'paused'];

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
