// Reading tickets: the row, and the ticket the API answers with (also what the declaration reads:
// its status and the day it was taken), with its category, windows, case and events named.
import type { Selectable } from 'kysely';
import type { QueueTicket } from '../../../shared/queue/api';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';

export type TicketRow = Selectable<Database['queue_tickets']>;

export function findTicketRow(db: Db | Tx, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('queue_tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

async function windowNames(db: Db | Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('queue_windows').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The ticket as the API answers it, with its history oldest first. */
export async function loadTicket(db: Db | Tx, row: TicketRow): Promise<QueueTicket> {
  const [category, theCase, events] = await Promise.all([
    db.selectFrom('queue_categories').select('name').where('id', '=', row.category_id).executeTakeFirst(),
    row.case_id
      ? db.selectFrom('counter_cases').select('case_number').where('id', '=', row.case_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom('queue_ticket_events')
      .selectAll()
      .where('ticket_id', '=', row.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const names = await windowNames(db, [
    row.window_id,
    row.for_window_id,
    ...events.flatMap((e) => [e.window_id, e.to_window_id]),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? '') : '');
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    day: row.day,
    categoryId: row.category_id,
    categoryName: category?.name ?? '',
    status: row.status,
    takenAt: row.taken_at,
    takenByName: row.taken_by_name,
    forWindowId: row.for_window_id,
    forWindowName: name(row.for_window_id),
    windowId: row.window_id,
    windowName: name(row.window_id),
    firstCalledAt: row.first_called_at,
    lastCalledAt: row.last_called_at,
    recallCount: row.recall_count,
    transferCount: row.transfer_count,
    takenInAt: row.taken_in_at,
    finishedAt: row.finished_at,
    caseId: row.case_id,
    caseNumber: theCase?.case_number ?? '',
    lastStepOn: row.last_step_on,
    history: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      windowName: name(e.window_id),
      toWindowName: name(e.to_window_id),
      actorName: e.actor_name,
    })),
  };
}
