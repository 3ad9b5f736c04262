import { residentAccess } from '../../../shared/residents/residentAccess';
import type { RecordTable } from '../workflow/recordTables';

export const residentTable: RecordTable = {
  access: residentAccess,
  table: 'residents',
  columns: { villageId: 'village_id' },
  label: async (db, id) =>
    (await db.selectFrom('residents').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null,
};
