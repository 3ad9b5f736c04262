import { disputeKind } from '../../../shared/mediation/disputeKind';
import type { RecordTable } from '../workflow/recordTables';

export const disputeTable: RecordTable = {
  access: disputeKind,
  table: 'disputes',
  columns: { committeeId: 'committee_id' },
  label: async (db, id) => {
    const row = await db
      .selectFrom('disputes')
      .select(['case_number', 'party_names'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `纠纷${row.case_number ?? ''}（${row.party_names}）`;
  },
  attachments: { table: 'dispute_attachments', recordColumn: 'dispute_id' },
};
