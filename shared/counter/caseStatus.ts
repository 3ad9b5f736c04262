// The life of a counter case (办件) as a state machine. Every change of state is one command;
// what a command may start from is decided here, once, for the backend (which refuses) and the
// UI (which offers only the buttons that can work).

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

/** The commands that move a case; `intake` creates it. */
export const CASE_COMMANDS = [
  'accept',
  'startHandling',
  'forward',
  'recordForwardReply',
  'pause',
  'resume',
  'complete',
  'deliver',
  'rate',
  'void',
] as const;
export type CaseCommand = (typeof CASE_COMMANDS)[number];

export const CASE_COMMAND_LABELS: Record<CaseCommand, string> = {
  accept: '受理',
  startHandling: '开始办理',
  forward: '转报',
  recordForwardReply: '登记转报回复',
  pause: '暂停计时',
  resume: '恢复计时',
  complete: '办结',
  deliver: '送达',
  rate: '评价',
  void: '作废',
};

const ALLOWED_FROM: Record<CaseCommand, readonly CaseStatus[]> = {
  accept: ['awaitingMaterials'],
  startHandling: ['accepted'],
  forward: ['accepted', 'inProgress'],
  recordForwardReply: ['forwarded'],
  pause: ['accepted', 'inProgress', 'forwarded'],
  // `resume` returns to the status the pause began in (kept on the case).
  resume: ['paused'],
  complete: ['accepted', 'inProgress'],
  deliver: ['completed'],
  rate: ['delivered'],
  void: ['awaitingMaterials', 'accepted', 'inProgress', 'forwarded', 'paused', 'completed', 'delivered', 'rated'],
};

export function canRun(command: CaseCommand, status: CaseStatus): boolean {
  return ALLOWED_FROM[command].includes(status);
}

/** Why `command` cannot run on a case in `status`, in words a clerk understands; null if it can. */
export function refusalOf(command: CaseCommand, status: CaseStatus): string | null {
  if (canRun(command, status)) return null;
  const from = ALLOWED_FROM[command].map((s) => `“${CASE_STATUS_LABELS[s]}”`).join('、');
  return `该件当前为“${CASE_STATUS_LABELS[status]}”，不能${CASE_COMMAND_LABELS[command]}（只有${from}的件可以）`;
}

/** Cases whose deadline is running or stopped: they appear on worklists with a colour. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['accepted', 'inProgress', 'forwarded', 'paused'];

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
