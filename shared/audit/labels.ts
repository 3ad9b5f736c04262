/**
 * Chinese names for the change log's entity and operation codes. Codes not listed here are
 * shown as they are, so a new kind of record never makes the log unreadable. Each domain adds
 * its codes here when it starts writing them.
 */
const ENTITY_LABELS: Record<string, string> = {
  resident: '居民',
  user: '用户',
  village: '村（社区）',
  node: '本机设置',
};

const OP_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  void: '作废',
  resetPassword: '重设密码',
  changePassword: '修改密码',
  setup: '首次设置',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function opLabel(op: string): string {
  return OP_LABELS[op] ?? op;
}
