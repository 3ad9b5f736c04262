// A record's history as its page shows it: every change-log entry of the entity, oldest first,
// with the one-line summary the step wrote.
import type { Db } from '../db/database';

export interface HistoryLine {
  at: string;
  op: string;
  actorName: string;
  summary: string;
}

export async function entityHistory(db: Db, entity: string, entityId: string): Promise<HistoryLine[]> {
  const log = await db
    .selectFrom('change_log')
    .select(['at', 'op', 'actor_name', 'data'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return log.map((entry) => ({
    at: entry.at,
    op: entry.op,
    actorName: entry.actor_name,
    summary: String((JSON.parse(entry.data) as { summary?: string }).summary ?? entry.op),
  }));
}
