// A 限期解决 matter's deadline computed again when a year's official arrangement arrives, as the
// counter's promises are (docs/counter.md, 暂定的期限): the same working days after the triage,
// counted on the official calendar. A deadline that does not move is left alone.
import { sql } from 'kysely';
import { RUNNING_DEADLINE_STATUSES } from '../../../shared/matters/matters';
import type { DeadlineRecompute, MovedDeadline } from '../workflow/recordTables';

export const recomputeMatterDeadlines: DeadlineRecompute = async (scope, { after }, since) => {
  const rows = await scope.tx
    .selectFrom('matters')
    .select(['id', 'number', 'decided_on', 'working_days', 'due_on'])
    .where('status', 'in', [...RUNNING_DEADLINE_STATUSES])
    .where('due_on', '>=', since)
    .where('working_days', 'is not', null)
    .where('decided_on', 'is not', null)
    .execute();
  const moved: MovedDeadline[] = [];
  for (const row of rows) {
    const dueOn = after.addWorkingDays(row.decided_on!, row.working_days!);
    if (dueOn === row.due_on) continue;
    await scope.change({ entity: 'matter', id: row.id, op: 'recomputeDeadline' }, async (tx) => {
      await tx
        .updateTable('matters')
        .set({ due_on: dueOn, version: sql`version + 1` })
        .where('id', '=', row.id)
        .execute();
      return { summary: `正式节假日安排导入，办理期限由 ${row.due_on} 重算为 ${dueOn}`, dueOn };
    });
    moved.push({
      recordId: row.id,
      label: `群众诉求${row.number}`,
      deadline: '办理期限',
      from: row.due_on!,
      to: dueOn,
    });
  }
  return moved;
};
