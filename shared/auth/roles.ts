/** The roles of township-desk. A user may hold several. */
export const ROLES = [
  'administrator',
  'counterClerk',
  'villageAgent',
  'gridWorker',
  'mediator',
  'committeeHead',
  'petitionReceptionist',
  'leader',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: '系统管理员',
  counterClerk: '窗口工作人员',
  villageAgent: '代办员',
  gridWorker: '网格员',
  mediator: '人民调解员',
  committeeHead: '调委会主任',
  petitionReceptionist: '信访接待员',
  leader: '领导（只读与统计）',
};

/** Roles that may register and edit residents: everyone who meets residents face to face. */
export const RESIDENT_EDITORS: readonly Role[] = [
  'administrator',
  'counterClerk',
  'villageAgent',
  'mediator',
  'committeeHead',
  'petitionReceptionist',
];

/**
 * Roles that may look residents up: the leader reads, never writes; a grid worker (网格员) finds
 * the residents of the grid to link a matter to them (shared/matters), and edits none.
 */
export const RESIDENT_READERS: readonly Role[] = [...RESIDENT_EDITORS, 'gridWorker', 'leader'];

export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}
