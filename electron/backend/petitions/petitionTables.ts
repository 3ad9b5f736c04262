import { petitionKind, receptionDayAccess } from '../../../shared/petitions/petitionKind';
import type { RecordTable } from '../workflow/recordTables';
import { recomputePetitionDeadlines } from './petitionDeadlines';

export const petitionTable: RecordTable = {
  deadlines: recomputePetitionDeadlines,
  // Set only while one of the office's periods runs (petitionBinding.ts, runningDueOn). Every
  // period runs from the receipt or a later day, so the receipt bounds the years counted on.
  openDeadlines: { column: 'running_due_on', from: 'received_on' },
  access: petitionKind,
  table: 'petitions',
  columns: {},
  label: async (db, id) => {
    const row = await db.selectFrom('petitions').select('number').where('id', '=', id).executeTakeFirst();
    return row && `信访件${row.number}`;
  },
  attachments: { table: 'petition_attachments', recordColumn: 'petition_id' },
};

export const receptionDayTable: RecordTable = {
  access: receptionDayAccess,
  table: 'reception_days',
  columns: {},
  label: async (db, id) => {
    const row = await db
      .selectFrom('reception_days')
      .select(['on', 'leader_name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `领导接访日 ${row.on}（${row.leader_name}）`;
  },
};
