import { caseKind } from '../../../shared/counter/caseKind';
import { OPEN_STATUSES } from '../../../shared/counter/caseStatus';
import type { RecordTable } from '../workflow/recordTables';
import { recomputeCaseDeadlines } from './caseDeadlines';

export const caseTable: RecordTable = {
  deadlines: recomputeCaseDeadlines,
  openDeadlines: { column: 'promised_date', from: 'accepted_on', statuses: OPEN_STATUSES },
  access: caseKind,
  table: 'counter_cases',
  columns: {},
  label: async (db, id) => {
    const row = await db
      .selectFrom('counter_cases')
      .select(['case_number', 'resident_name', 'item_name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `办件${row.case_number ?? ''}（${row.resident_name}，${row.item_name}）`;
  },
  attachments: { table: 'case_attachments', recordColumn: 'case_id' },
};
