// Where tickets live, for their declared access, and how the audit log names one.
import { ticketKind } from '../../../shared/queue/ticketKind';
import type { RecordTable } from '../workflow/recordTables';

export const ticketTable: RecordTable = {
  access: ticketKind,
  table: 'queue_tickets',
  columns: {},
  label: async (db, id) => {
    const row = await db.selectFrom('queue_tickets').select(['number', 'day']).where('id', '=', id).executeTakeFirst();
    return row && `排队号${row.number}（${row.day}）`;
  },
};
