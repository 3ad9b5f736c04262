// The case ledger: every intake of a span of days, filtered as the county's forms ask.
import { RATING_LEVEL_LABELS } from '../../../shared/counter/casesApi';
import type { LedgerFilter, LedgerRow } from '../../../shared/counter/ledgerApi';
import type { ServiceCategory } from '../../../shared/catalog/catalog';
import { failFields } from '../api/failure';
import type { Db } from '../db/database';

function filtered(db: Db, filter: LedgerFilter) {
  return db.selectFrom('counter_cases as c').where((eb) => {
    const conditions = [eb('c.intake_on', '>=', filter.from), eb('c.intake_on', '<=', filter.to)];
    if (filter.itemCode) conditions.push(eb('c.item_code', '=', filter.itemCode));
    if (filter.category) conditions.push(eb('c.category', '=', filter.category));
    if (filter.status) conditions.push(eb('c.status', '=', filter.status));
    if (filter.clerkId) conditions.push(eb('c.clerk_id', '=', filter.clerkId));
    if (filter.agentId) conditions.push(eb('c.agent_id', '=', filter.agentId));
    if (filter.villageId) conditions.push(eb('c.village_id', '=', filter.villageId));
    return eb.and(conditions);
  });
}

function rowsQuery(db: Db, filter: LedgerFilter) {
  return filtered(db, filter)
    .innerJoin('villages as v', 'v.id', 'c.village_id')
    .leftJoin('users as a', 'a.id', 'c.agent_id')
    .select([
      'c.id',
      'c.case_number',
      'c.intake_on',
      'c.status',
      'c.resident_name',
      'v.name as village_name',
      'c.item_code',
      'c.item_name',
      'c.category',
      'c.handling_type',
      'c.accepted_on',
      'c.promised_date',
      'c.completed_on',
      'c.clerk_name',
      'a.display_name as agent_name',
      'c.rating',
    ])
    .orderBy('c.intake_on', 'desc')
    .orderBy('c.id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>[number];

function toLedgerRow(row: Row): LedgerRow {
  return {
    id: row.id,
    caseNumber: row.case_number,
    intakeOn: row.intake_on,
    status: row.status,
    residentName: row.resident_name,
    villageName: row.village_name,
    itemCode: row.item_code,
    itemName: row.item_name,
    category: row.category as ServiceCategory,
    handlingType: row.handling_type,
    acceptedOn: row.accepted_on,
    promisedDate: row.promised_date,
    completedOn: row.completed_on,
    onTime: row.completed_on === null ? null : row.promised_date === null || row.completed_on <= row.promised_date,
    clerkName: row.clerk_name,
    agentName: row.agent_name,
    rating: row.rating ? RATING_LEVEL_LABELS[row.rating] : null,
  };
}

/** `<intake_on>|<id>` of the last row shown: the next page starts after it. */
function parseCursor(cursor: string): { on: string; id: string } {
  const [on, id] = cursor.split('|');
  if (!on || !id || !/^\d{4}-\d{2}-\d{2}$/.test(on)) failFields({ cursor: '翻页位置无效，请重新查询' });
  return { on, id };
}

export async function ledgerPage(db: Db, filter: LedgerFilter, cursor: string | undefined, pageSize: number) {
  let query = rowsQuery(db, filter);
  if (cursor) {
    const after = parseCursor(cursor);
    query = query.where((eb) =>
      eb.or([eb('c.intake_on', '<', after.on), eb.and([eb('c.intake_on', '=', after.on), eb('c.id', '<', after.id)])]),
    );
  }
  const [rows, total] = await Promise.all([
    query.limit(pageSize + 1).execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    rows: page.map(toLedgerRow),
    nextCursor: rows.length > pageSize && last ? `${last.intake_on}|${last.id}` : null,
    total: Number(total.n),
  };
}

export async function ledgerRows(db: Db, filter: LedgerFilter, limit: number): Promise<LedgerRow[]> {
  return (await rowsQuery(db, filter).limit(limit).execute()).map(toLedgerRow);
}

export async function ledgerCount(db: Db, filter: LedgerFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
