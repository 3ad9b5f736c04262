// The statistics of residents' matters read from the database: the rows of the matters collected
// in the period and its trend's months (one query on the collected_on index), every village in
// its order, and the pure counting of shared/matters/statistics.ts — where every figure is defined.
import type { MatterStatistics } from '../../../shared/matters/api';
import { matterStatistics, matterStatisticsFrom, type MatterStatRow } from '../../../shared/matters/statistics';
import { periodAsOf, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import type { Db } from '../db/database';

export async function periodMatterStatistics(db: Db, period: ReportPeriod, today: string): Promise<MatterStatistics> {
  const from = matterStatisticsFrom(period, today);
  const asOf = periodAsOf(period, today);
  const [rows, villages] = await Promise.all([
    db
      .selectFrom('matters')
      .select([
        'village_id as villageId',
        'category',
        'collected_on as collectedOn',
        'triage',
        'handling',
        'decided_on as decidedOn',
        'due_on as dueOn',
        'replied_on as repliedOn',
        'closed_on as closedOn',
        'voided_on as voidedOn',
      ])
      .where('collected_on', '>=', from)
      .where('collected_on', '<=', asOf)
      .execute(),
    db.selectFrom('villages').select(['id', 'name']).orderBy('sort_order').orderBy('name').execute(),
  ]);
  return matterStatistics(rows satisfies MatterStatRow[], period, today, villages);
}
