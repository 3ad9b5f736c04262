import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { AUDIT_ACTIONS } from './actions';

export { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from './actions';

export const auditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The records a list showed. */
  recordIds: z.array(z.string()).nullable(),
  /** The API procedure that answered. */
  procedure: z.string().nullable(),
  summary: z.string(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const changeEntry = z.object({
  seq: z.number(),
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  op: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
  data: z.unknown(),
});
export type ChangeEntry = z.infer<typeof changeEntry>;

export const auditProcedures = defineProcedures({
  'audit.events': {
    summary: '审计日志：登录、查看个人信息、打印、导出（新的在前）',
    kind: 'query',
    access: ['administrator'],
    input: z.strictObject({
      action: z.enum(AUDIT_ACTIONS).optional().describe('操作'),
      entityId: z.string().max(40).optional().describe('对象'),
      before: z.string().max(40).optional().describe('翻页位置'),
      limit: z.number().int().min(1).max(200).optional().describe('条数'),
    }),
    output: z.object({ items: z.array(auditEvent) }),
  },
  'audit.changes': {
    summary: '变更日志：每一次写入（也是向县级同步的来源；新的在前）',
    kind: 'query',
    access: ['administrator'],
    input: z.strictObject({
      entity: z.string().max(40).optional().describe('对象类型'),
      entityId: z.string().max(40).optional().describe('对象'),
      beforeSeq: z.number().int().min(1).optional().describe('翻页位置'),
      limit: z.number().int().min(1).max(200).optional().describe('条数'),
    }),
    output: z.object({ items: z.array(changeEntry) }),
  },
});
