import { petitionKind, receptionDayAccess } from '../../../shared/petitions/petitionKind';
import type { RecordTable } from '../workflow/recordTables';
import { recomputePetitionDeadlines } from './petitionDeadlines';

export const petitionTable: RecordTable = {
  deadlines: recomputePetitionDeadlines,
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
