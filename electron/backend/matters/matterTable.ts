// Where matters live, for their declared access (a matter's village places it in a scope), the
// audit log's name for one, and its open deadlines for the working calendar.
import { matterKind } from '../../../shared/matters/matterKind';
import { RUNNING_DEADLINE_STATUSES } from '../../../shared/matters/matters';
import type { RecordTable } from '../workflow/recordTables';
import { recomputeMatterDeadlines } from './matterDeadlines';

export const matterTable: RecordTable = {
  access: matterKind,
  table: 'matters',
  columns: { villageId: 'village_id' },
  label: async (db, id) => {
    const row = await db
      .selectFrom('matters')
      .select(['number', 'resident_name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && `群众诉求${row.number}（${row.resident_name}）`;
  },
  deadlines: recomputeMatterDeadlines,
  // Set only on a 限期解决 matter, counted from its triage; it runs until the matter is closed.
  openDeadlines: { column: 'due_on', from: 'decided_on', statuses: RUNNING_DEADLINE_STATUSES },
};
