// A resident's whole history: the person's counter cases and errands, the disputes the person
// is a party to and the petitions the person brought (alone or in a group), each kind only as
// far as the reader reads it. Access to the resident is checked by dispatch (the procedure
// names the record); each line then by its own kind's read declaration.
import { sql, type SqlBool } from 'kysely';
import { HISTORY_LIMIT_PER_KIND, type LineKind } from '../../../shared/search/api';
import { coverageOf } from '../../../shared/search/coverage';
import type { OutputOf } from '../../../shared/api/procedures';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import { LineReader, type Lines } from './lineReader';

export async function residentHistory(
  input: { residentId: string },
  ctx: RequestContext,
): Promise<OutputOf<'search.residentHistory'>> {
  const resident = await ctx.db
    .selectFrom('residents')
    .select(['id', 'name', 'id_number'])
    .where('id', '=', input.residentId)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (!resident) fail('NOT_FOUND', '没有这位居民（可能已作废）');
  const reader = ctx.requireUser();
  const lines = new LineReader(ctx.db, ctx.records, reader, ctx.today);
  const limit = HISTORY_LIMIT_PER_KIND;
  // A party or petitioner typed in by hand, without picking the registered resident, is the
  // same person when the ID number is the same.
  const person = (table: 'dispute_parties' | 'petitioners', column: 'dispute_id' | 'petition_id') =>
    resident.id_number
      ? sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)} WHERE resident_id = ${resident.id}
          OR (id_number = ${resident.id_number} AND id_number <> '')`
      : sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)} WHERE resident_id = ${resident.id}`;
  const [cases, errands, disputes, petitions] = await Promise.all([
    lines.cases(sql<SqlBool>`resident_id = ${resident.id}`, limit),
    lines.errands(sql<SqlBool>`e.resident_id = ${resident.id}`, limit),
    lines.disputes(sql<SqlBool>`d.id IN (${person('dispute_parties', 'dispute_id')})`, limit),
    lines.petitions(sql<SqlBool>`p.id IN (${person('petitioners', 'petition_id')})`, limit),
  ]);
  const found: Record<LineKind, Lines> = {
    counterCase: cases,
    errand: errands,
    dispute: disputes,
    petition: petitions,
  };
  return {
    residentName: resident.name,
    cases: cases.lines,
    errands: errands.lines,
    disputes: disputes.lines,
    petitions: petitions.lines,
    truncated: (Object.keys(found) as LineKind[]).filter((kind) => found[kind].more),
    coverage: coverageOf(reader),
  };
}
