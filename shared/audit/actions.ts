/** Reads of personal data, prints, exports and sign-ins: what the audit log records besides changes. */
export const AUDIT_ACTIONS = [
  'signIn',
  'signInFailed',
  'accountLocked',
  'signOut',
  'readPersonalData',
  'print',
  'export',
  'restore',
  'hallNetwork',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  signIn: '登录',
  signInFailed: '登录失败',
  accountLocked: '账号锁定',
  signOut: '退出',
  readPersonalData: '查看个人信息',
  print: '打印',
  export: '导出',
  restore: '从备份恢复',
  hallNetwork: '大厅网络',
};
