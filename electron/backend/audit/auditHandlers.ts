import type { AuditEvent, ChangeEntry } from '../../../shared/audit/api';
import { maskPersonalData } from '../../../shared/residents/masking';
import type { HandlersFor } from '../api/handlers';

export const auditHandlers: HandlersFor<'audit.events' | 'audit.changes'> = {
  async 'audit.events'(input, ctx) {
    let query = ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(input.limit ?? 50);
    if (input.action) query = query.where('action', '=', input.action);
    if (input.entityId) query = query.where('entity_id', '=', input.entityId);
    if (input.before) query = query.where('id', '<', input.before);
    const rows = await query.execute();
    return {
      items: rows.map((r): AuditEvent => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action as AuditEvent['action'],
        entity: r.entity,
        entityId: r.entity_id,
        recordIds: r.record_ids === null ? null : (JSON.parse(r.record_ids) as string[]),
        procedure: r.procedure,
        summary: r.summary,
      })),
    };
  },

  async 'audit.changes'(input, ctx) {
    let query = ctx.db
      .selectFrom('change_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(input.limit ?? 50);
    if (input.entity) query = query.where('entity', '=', input.entity);
    if (input.entityId) query = query.where('entity_id', '=', input.entityId);
    if (input.beforeSeq) query = query.where('seq', '<', input.beforeSeq);
    const rows = await query.execute();
    return {
      items: rows.map((r): ChangeEntry => ({
        seq: r.seq,
        id: r.id,
        entity: r.entity,
        entityId: r.entity_id,
        op: r.op,
        actorId: r.actor_id,
        actorName: r.actor_name,
        at: r.at,
        // Like every other list, the change log shows ID numbers and phones masked.
        data: maskPersonalData(JSON.parse(r.data)),
      })),
    };
  },
};
