import { errandHandoverAccess, errandKind } from '../../../../shared/counter/errandKind';
import type { RecordTable } from '../../workflow/recordTables';

export const errandTable: RecordTable = {
  access: errandKind,
  table: 'errands',
  columns: { villageId: 'village_id', ownerId: 'agent_id' },
  label: async (db, id) => {
    const row = await db
      .selectFrom('errands')
      .select(['resident_name', 'item_name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `代办：${row.resident_name}的“${row.item_name}”`;
  },
  attachments: { table: 'errand_attachments', recordColumn: 'errand_id' },
};

export const errandHandoverTable: RecordTable = {
  access: errandHandoverAccess,
  table: 'errand_handovers',
  columns: { ownerId: 'agent_id' },
  label: async (db, id) => {
    const row = await db
      .selectFrom('errand_handovers')
      .select(['agent_name', 'handed_over_on', 'errand_count'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `材料交接（${row.agent_name}，${row.handed_over_on}，${row.errand_count} 件）`;
  },
};
