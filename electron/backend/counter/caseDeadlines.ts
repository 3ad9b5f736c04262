// The counter's promises computed again when a year's official arrangement arrives. The rule
// (docs/counter.md, 暂定的期限): the promise keeps its number of working days after acceptance —
// counted on the calendar that gave it — and is counted again on the official one; the working
// days of finished pauses are added again. A promise that does not move is left alone.
import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../../shared/counter/caseStatus';
import type { DeadlineRecompute, MovedDeadline } from '../workflow/recordTables';

export const recomputeCaseDeadlines: DeadlineRecompute = async (scope, { before, after }, since) => {
  const rows = await scope.tx
    .selectFrom('counter_cases')
    .select([
      'id',
      'version',
      'case_number',
      'item_name',
      'accepted_on',
      'original_promised_date',
      'promised_date',
      'paused_days',
    ])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('accepted_on', 'is not', null)
    .where('original_promised_date', 'is not', null)
    .where((eb) => eb.or([eb('promised_date', '>=', since), eb('original_promised_date', '>=', since)]))
    .execute();
  const moved: MovedDeadline[] = [];
  for (const row of rows) {
    const acceptedOn = row.accepted_on!;
    const workingDays = before.workingDaysBetween(acceptedOn, row.original_promised_date!);
    const original = after.addWorkingDays(acceptedOn, workingDays);
    const promised = row.paused_days > 0 ? after.addWorkingDays(original, row.paused_days) : original;
    if (promised === row.promised_date && original === row.original_promised_date) continue;
    const label = `办件${row.case_number ?? ''}（${row.item_name}）`;
    await scope.change({ entity: 'counterCase', id: row.id, op: 'recomputeDeadline' }, async (tx) => {
      await tx
        .updateTable('counter_cases')
        .set({ original_promised_date: original, promised_date: promised, version: sql`version + 1` })
        .where('id', '=', row.id)
        .execute();
      return {
        summary: `正式节假日安排导入，承诺办结日期由 ${row.promised_date} 重算为 ${promised}`,
        promisedDate: promised,
        originalPromisedDate: original,
      };
    });
    moved.push({ recordId: row.id, label, deadline: '承诺办结日期', from: row.promised_date ?? '', to: promised });
  }
  return moved;
};
