// Reading matters: the row, and the summary and whole record the API answers with (the record is
// also what the declaration reads: its status, village, dates and reply).
import type { Selectable } from 'kysely';
import { shownDueDateState } from '../../../shared/calendar/deadlines';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { MatterRecord, MatterSummary } from '../../../shared/matters/api';
import { RUNNING_DEADLINE_STATUSES } from '../../../shared/matters/matters';
import { entityHistory } from '../audit/entityHistory';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';

export type MatterRow = Selectable<Database['matters']>;
type SummaryRow = MatterRow & { village_name: string };

function withVillage(db: Db | Tx) {
  return db
    .selectFrom('matters as m')
    .innerJoin('villages as v', 'v.id', 'm.village_id')
    .selectAll('m')
    .select('v.name as village_name');
}

export function findMatterRow(db: Db | Tx, id: string): Promise<MatterRow | undefined> {
  return db.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rows of a list, each with its village's name. */
export function matterRows(db: Db | Tx) {
  return withVillage(db);
}

/** The first `length` characters of the description, on one line. */
function excerpt(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : line;
}

export function toMatterSummary(row: SummaryRow, calendar: WorkingCalendar, today: string): MatterSummary {
  const running = RUNNING_DEADLINE_STATUSES.includes(row.status) && row.due_on !== null;
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    status: row.status,
    source: row.source,
    type: row.type,
    category: row.category,
    villageId: row.village_id,
    villageName: row.village_name,
    residentName: row.resident_name,
    excerpt: excerpt(row.description, 60),
    collectedOn: row.collected_on,
    triage: row.triage,
    handling: row.handling,
    owner: row.handling === 'escalated' ? row.escalated_to : row.owner,
    dueOn: row.due_on,
    // The counter's rule (shared/calendar/deadlines.ts), on the matters still in hand.
    deadline: running ? shownDueDateState(calendar, row.due_on, today) : null,
    replied: row.replied_on !== null,
  };
}

export async function loadMatterRecord(
  db: Db,
  row: MatterRow,
  calendar: WorkingCalendar,
  today: string,
): Promise<MatterRecord> {
  const [village, history] = await Promise.all([
    db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst(),
    entityHistory(db, 'matter', row.id),
  ]);
  return {
    ...toMatterSummary({ ...row, village_name: village?.name ?? '' }, calendar, today),
    residentId: row.resident_id,
    phone: row.phone,
    description: row.description,
    collectedByName: row.collected_by_name,
    decidedOn: row.decided_on,
    decidedByName: row.decided_by_name,
    ownerKind: row.owner_kind,
    workingDays: row.working_days,
    escalation: row.handling === 'escalated' ? { to: row.escalated_to, reason: row.escalation_reason } : null,
    reply:
      row.replied_on && row.reply_method
        ? { repliedOn: row.replied_on, method: row.reply_method, text: row.reply, byName: row.replied_by_name }
        : null,
    closedOn: row.closed_on,
    result: row.result,
    voided: row.voided_on ? { on: row.voided_on, reason: row.void_reason } : null,
    lastStepOn: row.last_step_on,
    history,
  };
}
