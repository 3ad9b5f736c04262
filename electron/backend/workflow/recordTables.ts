// Where each kind of record lives in the database, so that its declared access can be applied:
// to one record (before a handler runs) and to a list (as a condition on the query).
import { sql, type Expression, type SqlBool } from 'kysely';
import { scopesOf, type Reader, type ReadScope, type ScopeFacts } from '../../../shared/workflow/access';
import type { RecordAccess } from '../../../shared/workflow/kind';
import { hasAnyRole, type Role } from '../../../shared/auth/roles';
import type { RecordKindName } from '../../../shared/workflow/kinds';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { Db } from '../db/database';
import type { WriteScope } from '../db/writeScope';

/** The columns that place a row in a scope. */
export interface ScopeColumns {
  villageId?: string;
  committeeId?: string;
  ownerId?: string;
}

export interface RecordTable {
  access: RecordAccess<never>;
  /** The table and its scope columns. */
  table: string;
  columns: ScopeColumns;
  /** How the audit log names one record (`信访件青信〔2026〕3号`), from its row. */
  label: (db: Db, id: string) => Promise<string | null | undefined>;
  /** The table of the record's attachments and the column naming their record. */
  attachments?: { table: string; recordColumn: string };
  /** How the kind's open deadlines are computed again when official calendar years arrive. */
  deadlines?: DeadlineRecompute;
  /**
   * Where an open record's running deadline is: the column holding its date, the column of the
   * day it is counted from (or an earlier one: the years between are those it is counted on),
   * and the statuses in which the record is open (none: the date is empty unless a deadline
   * runs). The calendar does not withdraw a year an open deadline is counted on unasked.
   */
  openDeadlines?: { column: string; from: string; statuses?: readonly string[] };
}

/** One deadline of one record, moved by a recomputation. */
export interface MovedDeadline {
  recordId: string;
  /** How lists name the record, without personal data: 办件SL-2027-000012（户籍证明）. */
  label: string;
  /** 承诺办结日期, 办理期限 … */
  deadline: string;
  from: string;
  to: string;
}

/**
 * Computes the open deadlines due on or after `since` again on `after` (the calendar with the
 * newly official years); `before` is the calendar that gave them. Writes each change through
 * the scope and answers what moved.
 */
export type DeadlineRecompute = (
  scope: WriteScope,
  calendars: { before: WorkingCalendar; after: WorkingCalendar },
  since: string,
) => Promise<MovedDeadline[]>;

export type RecordTables = { [N in RecordKindName]: RecordTable };

/** An attachment table a record table declares, with the table of the records it belongs to. */
export interface DeclaredAttachments {
  table: string;
  recordColumn: string;
  recordTable: string;
}

/**
 * Every attachment table the record tables declare, each once. What handles the attachments of
 * every kind — the sync's file outbox, a rebuild's downloads, a township taking in its villages'
 * files — reads this list: a new kind with attachments needs no change there.
 */
export function declaredAttachmentTables(tables: RecordTables): DeclaredAttachments[] {
  const seen = new Map<string, DeclaredAttachments>();
  for (const record of Object.values(tables)) {
    if (record.attachments && !seen.has(record.attachments.table))
      seen.set(record.attachments.table, { ...record.attachments, recordTable: record.table });
  }
  return [...seen.values()];
}

/** Who reads papers issued for no declared kind of record (none today). */
export const PAPERS_OF_NO_KIND: readonly Role[] = ['administrator'];

/** The scope facts of one record, or null when there is none with that id. */
export async function scopeFactsOf(db: Db, table: RecordTable, id: string): Promise<ScopeFacts | null> {
  const columns = Object.entries(table.columns) as [keyof ScopeColumns, string][];
  const selected = [sql`id`, ...columns.map(([fact, column]) => sql`${sql.ref(column)} as ${sql.id(fact)}`)];
  const { rows } = await sql<ScopeFacts & { id: string }>`select ${sql.join(selected)} from ${sql.table(
    table.table,
  )} where id = ${id}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return { villageId: row.villageId ?? null, committeeId: row.committeeId ?? null, ownerId: row.ownerId ?? null };
}

function scopeCondition(scope: ReadScope, column: string | undefined, reader: Reader): Expression<SqlBool> {
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  if (!column) return sql<SqlBool>`1 = 0`;
  const values =
    scope === 'ownVillage' ? reader.villageIds : scope === 'ownCommittees' ? reader.committeeIds : [reader.id];
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

const COLUMN_OF_SCOPE: Record<Exclude<ReadScope, 'all'>, keyof ScopeColumns> = {
  ownVillage: 'villageId',
  ownCommittees: 'committeeId',
  own: 'ownerId',
};

/**
 * The rows of `table` that `reader` may read, as a condition on a query over that table
 * (aliased `alias`); none at all when the reader's roles read none of this kind.
 */
export function readableCondition(table: RecordTable, reader: Reader, alias?: string): Expression<SqlBool> {
  const scopes = scopesOf(table.access.read, reader);
  if (scopes.length === 0) return sql<SqlBool>`1 = 0`;
  if (scopes.includes('all')) return sql<SqlBool>`1 = 1`;
  const qualified = (column: string | undefined) => (column && alias ? `${alias}.${column}` : column);
  const conditions = scopes.map((scope) =>
    scopeCondition(scope, qualified(table.columns[COLUMN_OF_SCOPE[scope as Exclude<ReadScope, 'all'>]]), reader),
  );
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

/**
 * Rows that point at a record by (kind, id) — issued documents — that `reader` may read: those
 * of the kinds and records the reader reads, and of no other kind (papers of no declared kind are
 * the administrator's).
 */
export function readablePointers(
  tables: RecordTables,
  reader: Reader,
  entityColumn: string,
  idColumn: string,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  for (const table of Object.values(tables)) {
    const scopes = scopesOf(table.access.read, reader);
    if (scopes.length === 0) continue;
    const ofKind = sql<SqlBool>`${sql.ref(entityColumn)} = ${table.access.name}`;
    conditions.push(
      scopes.includes('all')
        ? ofKind
        : sql<SqlBool>`(${ofKind} and ${sql.ref(idColumn)} in (select id from ${sql.table(table.table)} where ${readableCondition(table, reader)}))`,
    );
  }
  if (hasAnyRole(reader.roles, PAPERS_OF_NO_KIND)) {
    const kinds = Object.values(tables).map((t) => t.access.name);
    conditions.push(sql<SqlBool>`${sql.ref(entityColumn)} not in (${sql.join(kinds)})`);
  }
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` or `)})` : sql<SqlBool>`1 = 0`;
}
