// Reads the records of every desk as lines, each query limited to the records the reader may
// read by the very conditions the desks' own lists use (readableCondition, from the kind's read
// declaration). Composed here, beside the backend's root, because it reads every desk (as
// deskFigures.ts does); no desk depends on it.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { RecordLine } from '../../../shared/search/api';
import { caseLine, disputeLine, errandLine, petitionLine } from '../../../shared/search/lines';
import { scopesOf, type Reader } from '../../../shared/workflow/access';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { SUMMARY_COLUMNS, toCaseSummary } from '../counter/caseRows';
import type { Db } from '../db/database';
import { toDisputeSummary } from '../mediation/disputeRows';
import { toPetitionSummary } from '../petitions/petitionRows';
import { readableCondition, type RecordTables } from '../workflow/recordTables';
import type { LineKind } from '../../../shared/search/api';

export interface Lines {
  lines: RecordLine[];
  /** More rows matched than `limit`. */
  more: boolean;
}

const NONE: Lines = { lines: [], more: false };

/**
 * Every query here is narrowed by a selective condition (a number, a code, the records of a few
 * people), so its rows are sorted afterwards: ordering by `+column` keeps SQLite from walking a
 * date index of the whole table instead, hoping to meet the few matches early.
 */
export class LineReader {
  private calendar: Promise<WorkingCalendar> | null = null;

  constructor(
    private readonly db: Db,
    private readonly tables: RecordTables,
    private readonly reader: Reader,
    private readonly today: string,
  ) {}

  /** Whether the reader reads any record of `kind` (else no query is made). */
  reads(kind: LineKind | 'resident'): boolean {
    return scopesOf(this.tables[kind].access.read, this.reader).length > 0;
  }

  /** The calendar a deadline is counted on, read once per request and only when needed. */
  private workingCalendar(): Promise<WorkingCalendar> {
    this.calendar ??= loadWorkingCalendar(this.db);
    return this.calendar;
  }

  /** Cases matching `where` (on the bare table), newest first. */
  async cases(where: Expression<SqlBool>, limit: number): Promise<Lines> {
    if (!this.reads('counterCase')) return NONE;
    const rows = await this.db
      .selectFrom('counter_cases')
      .select([...SUMMARY_COLUMNS, 'intake_on'])
      .where(where)
      .where(readableCondition(this.tables.counterCase, this.reader))
      .orderBy(sql`+intake_at`, 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const calendar = rows.length > 0 ? await this.workingCalendar() : null;
    return {
      lines: rows.slice(0, limit).map((row) => caseLine(toCaseSummary(row, calendar!, this.today), row.intake_on)),
      more: rows.length > limit,
    };
  }

  /** Errands matching `where` (on alias `e`), newest first, each with the case it became. */
  async errands(where: Expression<SqlBool>, limit: number): Promise<Lines> {
    if (!this.reads('errand')) return NONE;
    const rows = await this.db
      .selectFrom('errands as e')
      .select(['e.id', 'e.status', 'e.item_name', 'e.resident_name', 'e.authorised_on', 'e.case_id'])
      .where(where)
      .where(readableCondition(this.tables.errand, this.reader, 'e'))
      .orderBy(sql`+e.authorised_on`, 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const caseIds = page.flatMap((row) => (row.case_id ? [row.case_id] : []));
    // The case an errand became is shown as the agent sees it in 我的代办 (errands.mine).
    const cases =
      caseIds.length > 0
        ? await this.db.selectFrom('counter_cases').select(SUMMARY_COLUMNS).where('id', 'in', caseIds).execute()
        : [];
    const calendar = cases.length > 0 ? await this.workingCalendar() : null;
    const byId = new Map(cases.map((row) => [row.id, toCaseSummary(row, calendar!, this.today)]));
    return {
      lines: page.map((row) =>
        errandLine({
          id: row.id,
          status: row.status,
          itemName: row.item_name,
          residentName: row.resident_name,
          authorisedOn: row.authorised_on,
          case: row.case_id ? (byId.get(row.case_id) ?? null) : null,
        }),
      ),
      more: rows.length > limit,
    };
  }

  /** Disputes matching `where` (on alias `d`), newest first. */
  async disputes(where: Expression<SqlBool>, limit: number): Promise<Lines> {
    if (!this.reads('dispute')) return NONE;
    const rows = await this.db
      .selectFrom('disputes as d')
      .innerJoin('mediation_committees as c', 'c.id', 'd.committee_id')
      .select([
        'd.id',
        'd.committee_id',
        'd.case_number',
        'd.status',
        'd.category',
        'd.source',
        'd.party_names',
        'd.registered_on',
        'd.accepted_on',
        'd.risky',
        'c.name as committee_name',
      ])
      .where(where)
      .where(readableCondition(this.tables.dispute, this.reader, 'd'))
      .orderBy(sql`+d.registered_on`, 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit + 1)
      .execute();
    return {
      // A line names no mediators: the summary's list of them is left empty.
      lines: rows
        .slice(0, limit)
        .map((row) => disputeLine(toDisputeSummary({ ...row, mediator_names: null }, this.today))),
      more: rows.length > limit,
    };
  }

  /** Petitions matching `where` (on alias `p`), newest first. */
  async petitions(where: Expression<SqlBool>, limit: number): Promise<Lines> {
    if (!this.reads('petition')) return NONE;
    const rows = await this.db
      .selectFrom('petitions as p')
      .selectAll('p')
      .where(where)
      .where(readableCondition(this.tables.petition, this.reader, 'p'))
      .orderBy(sql`+p.received_on`, 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit + 1)
      .execute();
    const calendar = rows.length > 0 ? await this.workingCalendar() : null;
    return {
      lines: rows.slice(0, limit).map((row) => petitionLine(toPetitionSummary(row, this.today, calendar!))),
      more: rows.length > limit,
    };
  }
}

/** `column IN (values)`, false for no values (SQLite accepts `IN ()`, Kysely's builders do not). */
export function inList(column: string, values: readonly (string | number)[]): Expression<SqlBool> {
  return values.length === 0 ? sql<SqlBool>`0` : sql<SqlBool>`${sql.ref(column)} IN (${sql.join(values)})`;
}
